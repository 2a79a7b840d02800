"""The composition root's per-review wiring: an open review file becomes one set of services.

`open_services` is the only place a review's services are built, for the window and the
command line alike; `ReviewSessionFiles` hands the window service sets instead of files, so the
window never holds a repository.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.errors import UserFacingError
from reviewer_app.learning.dataset import LearningDataset
from reviewer_app.problems import Problem
from reviewer_app.repositories import OpenReview, ReviewFiles
from reviewer_app.review import Review
from reviewer_app.review_file import KeyringNotice
from reviewer_app.services.open_review import (
    CreatedSession,
    DatasetFormat,
    ReportSources,
    ReviewServices,
)

if TYPE_CHECKING:
    from exporters.report.service import ReportService
    from exporters.self_assessment import SelfAssessmentResult


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
            self._report = ReportService(sources.inputs, register=sources.register, log=sources.log)
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
        created = self.files.create(path, details, passphrase, remember=remember)
        return CreatedSession(open_services(created.review), created.recovery_code, created.keyring)

    def open(
        self, path: Path, *, passphrase: str | None = None, code: str | None = None
    ) -> ReviewServices:
        return open_services(self.files.open(path, passphrase=passphrase, code=code))

    def open_remembered(self, path: Path) -> ReviewServices | None:
        review = self.files.open_remembered(path)
        return open_services(review) if review is not None else None
