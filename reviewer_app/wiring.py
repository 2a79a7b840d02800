"""The composition root's per-review wiring: an open review file becomes one set of services.

`open_services` is the only place a review's services are built, for the window and the
command line alike; `ReviewSessionFiles` hands the window service sets instead of files, so the
window never holds a repository.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from reviewer_app.errors import UserFacingError

if TYPE_CHECKING:
    # Only for annotations: the services (and, under them, the domain's heavier modules) load
    # when a review is first created or opened, so the start screen never waits for them.
    from exporters.report.service import ReportService
    from exporters.self_assessment import SelfAssessmentResult
    from reviewer_app.learning.dataset import LearningDataset
    from reviewer_app.learning.repository import (
        CollationStore,
        LearningLibraryAccess,
        LearningLibraryRepository,
        LibraryCreated,
    )
    from reviewer_app.problems import Problem
    from reviewer_app.published.repository import PublishedStore
    from reviewer_app.repositories import OpenReview, ReviewFiles
    from reviewer_app.review import Review
    from reviewer_app.review_file import KeyringNotice
    from reviewer_app.services.open_review import (
        CreatedSession,
        DatasetFormat,
        ReportSources,
        ReviewServices,
    )

T = TypeVar("T")


class ReviewExporters:
    """`ReviewExports` over the exporters package: the report, the gate, the dataset.

    The exporters (python-docx, reportlab) are imported when first used, not when a review
    opens, so opening stays quick."""

    def __init__(self, sources: ReportSources) -> None:
        self._sources = sources
        self._report: ReportService | None = None

    @property
    def report(self) -> ReportService:
        if self._report is None:
            from exporters.report.service import ReportService

            sources = self._sources
            self._report = ReportService(
                sources.inputs,
                register=sources.register,
                log=sources.log,
                methodology=sources.methodology,
            )
        return self._report

    def anonymisation_problems(self) -> Iterable[Problem]:
        from exporters.report.readiness import anonymisation_problems

        return anonymisation_problems(self._sources.inputs, self._sources.register)()

    def drafting_problems(self) -> Iterable[Problem]:
        from exporters.report.readiness import drafting_problems

        return drafting_problems(self._sources.inputs)()

    def write_learning_dataset(self, path: Path, file_format: DatasetFormat) -> LearningDataset:
        from exporters.learning_dataset import export_learning_dataset

        return export_learning_dataset(self._sources.dataset, path, file_format)

    def write_self_assessment(self, path: Path, *, overwrite: bool = False) -> SelfAssessmentResult:
        from exporters.self_assessment import export_self_assessment

        sources = self._sources
        if sources.self_assessment is None:
            raise UserFacingError("The self-assessment is not available for this review.")
        return export_self_assessment(
            sources.self_assessment(), path, register=sources.register(), overwrite=overwrite
        )


def report_service(services: ReviewServices) -> ReportService:
    """The draft report's actions of a service set built here."""
    exports = services.exports
    if not isinstance(exports, ReviewExporters):
        raise TypeError("these services were not built by open_services")
    return exports.report


def open_services(review: OpenReview) -> ReviewServices:
    """The one service set of an open review."""
    from reviewer_app.services.open_review import ReviewServices

    return ReviewServices(review, ReviewExporters)


class ReviewSessionFiles:
    """`ReviewSessions` over the review files: every review it opens comes as its services."""

    def __init__(self, files: ReviewFiles) -> None:
        self.files = files

    def keyring_status(self) -> KeyringNotice:
        return self.files.keyring_status()

    def create(
        self, path: Path, details: Review, passphrase: str, *, remember: bool = False
    ) -> CreatedSession:
        from reviewer_app.services.open_review import CreatedSession

        created = self.files.create(path, details, passphrase, remember=remember)
        return CreatedSession(open_services(created.review), created.recovery_code, created.keyring)

    def open(
        self, path: Path, *, passphrase: str | None = None, code: str | None = None
    ) -> ReviewServices:
        return open_services(self.files.open(path, passphrase=passphrase, code=code))

    def open_remembered(self, path: Path) -> ReviewServices | None:
        review = self.files.open_remembered(path)
        return open_services(review) if review is not None else None


class Once(Generic[T]):
    """`make()` called the first time the value is wanted, on whichever thread asks first."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._made: T | None = None
        self._lock = threading.Lock()

    def __call__(self) -> T:
        with self._lock:
            if self._made is None:
                self._made = self._make()
            return self._made

    @property
    def made(self) -> T | None:
        """The value if it has been made; never makes it."""
        return self._made


class DeferredSessionFiles:
    """`ReviewSessions` whose review files (storage, SQLAlchemy, the keyring) are built on first
    use: the window's start screen is shown without them."""

    def __init__(self, files: Callable[[], ReviewFiles]) -> None:
        self._sessions = Once(lambda: ReviewSessionFiles(files()))

    @property
    def files(self) -> ReviewFiles:
        return self._sessions().files

    def keyring_status(self) -> KeyringNotice:
        return self._sessions().keyring_status()

    def create(
        self, path: Path, details: Review, passphrase: str, *, remember: bool = False
    ) -> CreatedSession:
        return self._sessions().create(path, details, passphrase, remember=remember)

    def open(
        self, path: Path, *, passphrase: str | None = None, code: str | None = None
    ) -> ReviewServices:
        return self._sessions().open(path, passphrase=passphrase, code=code)

    def open_remembered(self, path: Path) -> ReviewServices | None:
        return self._sessions().open_remembered(path)


class DeferredLearningLibrary:
    """`LearningLibraryAccess` whose library file (storage, SQLAlchemy) is set up on first use.

    Until then nothing is open, so `repository` is None and `close` has nothing to do."""

    def __init__(self, make: Callable[[], LearningLibraryAccess]) -> None:
        self._library = Once(make)

    @property
    def path(self) -> Path:
        return self._library().path

    def exists(self) -> bool:
        return self._library().exists()

    def create(self, passphrase: str, *, remember: bool = False) -> LibraryCreated:
        return self._library().create(passphrase, remember=remember)

    def open(
        self, *, passphrase: str | None = None, code: str | None = None
    ) -> LearningLibraryRepository:
        return self._library().open(passphrase=passphrase, code=code)

    def open_remembered(self) -> LearningLibraryRepository | None:
        return self._library().open_remembered()

    @property
    def repository(self) -> LearningLibraryRepository | None:
        made = self._library.made
        return None if made is None else made.repository

    @property
    def collation(self) -> CollationStore | None:
        made = self._library.made
        return None if made is None else made.collation

    @property
    def published(self) -> PublishedStore | None:
        made = self._library.made
        return None if made is None else made.published

    def close(self) -> None:
        made = self._library.made
        if made is not None:
            made.close()
