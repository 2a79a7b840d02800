"""Open reviews on real encrypted files, for service, repository and window tests.

`new_review` gives the storage layer's open review (for repository tests); `new_services` the
one service set the app builds over it (`reviewer_app.wiring.open_services`). `Sessions` is the
real `ReviewSessions` the window is handed, on temporary paths, with an in-memory keyring (or
none), noting each review it hands out so a test can see what the window opened and closed.
"""

from __future__ import annotations

import os
from pathlib import Path

import keyring.backend
import keyring.errors

from reviewer_app.demo import build_demo
from reviewer_app.errors import ReviewLockedError
from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from reviewer_app.services.demo_review import fill_demo
from reviewer_app.services.open_review import CreatedSession, ReviewServices
from reviewer_app.wiring import ReviewSessionFiles, open_services
from storage import recovery_code
from storage.backups import BackupStore
from storage.keyring_store import KeyringBackend, KeyringStore, NoKeyring
from storage.keys import DatabaseKey
from storage.library import StoredReview, StoredReviewFiles
from tests.helpers.secrets_watch import PASSPHRASE, register


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that is available and keeps its entries in memory (never the computer's)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError("not there")
        del self.store[(service, username)]


def review_files(app_paths: AppPaths, backend: KeyringBackend | None = None) -> StoredReviewFiles:
    """The real review files; no keyring unless `backend` is given."""
    chosen = backend if backend is not None else NoKeyring()
    return StoredReviewFiles(BackupStore(app_paths.backups), KeyringStore(chosen))


def new_review(path: Path, app_paths: AppPaths, title: str = "Test review") -> StoredReview:
    created = review_files(app_paths).create(path, Review(title=title), PASSPHRASE)
    register(created.recovery_code)
    created.review.recovery_code_shown()  # the test has its code
    review = created.review
    assert isinstance(review, StoredReview)
    return review


def new_services(path: Path, app_paths: AppPaths, title: str = "Test review") -> ReviewServices:
    """A new review at `path`, as the one service set the window and command line are given."""
    return open_services(new_review(path, app_paths, title))


def demo_services(path: Path, app_paths: AppPaths, entries: int = 60) -> ReviewServices:
    """A new review at `path` filled with the demonstration case (its timetable and quality
    markers too, as the app's demo has them), as its service set."""
    review = new_review(path, app_paths)
    fill_demo(review, build_demo(entries))
    return open_services(review)


def recovery_code_for_tests() -> str:
    """A real recovery code (of a random key, so no Argon2id), registered as a secret."""
    return register(recovery_code.encode(DatabaseKey(os.urandom(32))))


def is_locked(review: ReviewServices) -> bool:
    """True when the review's file can no longer be read (closed or locked)."""
    try:
        review.verify()
    except ReviewLockedError:
        return True
    return False


class Sessions(ReviewSessionFiles):
    """The real `ReviewSessions` over review files on a test's own paths.

    The keyring is an in-memory one that is available, unless `keyring_backend` says otherwise
    (`NoKeyring()` for a computer without one). Every review it hands out is kept in `handed_out`
    (closed by `close_all`), and `open_attempts` counts the passphrase or code attempts.
    """

    def __init__(self, app_paths: AppPaths, keyring_backend: KeyringBackend | None = None) -> None:
        self.keyring_backend = keyring_backend if keyring_backend is not None else MemoryKeyring()
        super().__init__(review_files(app_paths, self.keyring_backend))
        self.handed_out: list[ReviewServices] = []
        self.open_attempts = 0

    def add(
        self, path: Path, details: Review, passphrase: str = PASSPHRASE, *, remembered: bool = False
    ) -> str:
        """A review that already exists (made earlier, now closed); returns its recovery code."""
        path.parent.mkdir(parents=True, exist_ok=True)
        created = self.files.create(path, details, passphrase, remember=remembered)
        created.review.recovery_code_shown()  # the test has its code
        created.review.close()
        return register(created.recovery_code)

    def create(
        self, path: Path, details: Review, passphrase: str, *, remember: bool = False
    ) -> CreatedSession:
        made = super().create(path, details, passphrase, remember=remember)
        register(made.recovery_code)
        self.handed_out.append(made.review)
        return made

    def open(
        self, path: Path, *, passphrase: str | None = None, code: str | None = None
    ) -> ReviewServices:
        self.open_attempts += 1
        opened = super().open(path, passphrase=passphrase, code=code)
        self.handed_out.append(opened)
        return opened

    def open_remembered(self, path: Path) -> ReviewServices | None:
        opened = super().open_remembered(path)
        if opened is not None:
            self.handed_out.append(opened)
        return opened

    def remembers(self, path: Path) -> bool:
        """Whether this computer's keyring opens `path` without a passphrase."""
        opened = self.files.open_remembered(path)
        if opened is None:
            return False
        opened.close()
        return True

    def opens_with(
        self, path: Path, *, passphrase: str | None = None, code: str | None = None
    ) -> Review:
        """Open `path` apart from the window, read its details and close it again."""
        opened = self.files.open(path, passphrase=passphrase, code=code)
        try:
            return opened.details.load()
        finally:
            opened.close()

    def close_all(self) -> None:
        for review in self.handed_out:
            review.close()
