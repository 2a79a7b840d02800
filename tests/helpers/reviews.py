"""Open reviews on real encrypted files, for service and repository tests."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from storage.backups import BackupStore
from storage.keyring_store import KeyringStore
from storage.library import StoredReview, StoredReviewFiles
from tests.helpers.secrets_watch import PASSPHRASE


class _NoKeyring:
    priority = 0

    def get_password(self, service: str, username: str) -> None:
        return None


def review_files(app_paths: AppPaths) -> StoredReviewFiles:
    return StoredReviewFiles(BackupStore(app_paths.backups), KeyringStore(_NoKeyring()))  # type: ignore[arg-type]


def new_review(path: Path, app_paths: AppPaths, title: str = "Test review") -> StoredReview:
    created = review_files(app_paths).create(path, Review(title=title), PASSPHRASE)
    review = created.review
    assert isinstance(review, StoredReview)
    return review
