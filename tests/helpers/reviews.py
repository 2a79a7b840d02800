"""Open reviews on real encrypted files, for service and repository tests."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from storage.backups import BackupStore
from storage.keyring_store import KeyringStore, NoKeyring
from storage.library import StoredReview, StoredReviewFiles
from tests.helpers.secrets_watch import PASSPHRASE


def review_files(app_paths: AppPaths) -> StoredReviewFiles:
    return StoredReviewFiles(BackupStore(app_paths.backups), KeyringStore(NoKeyring()))  # type: ignore[arg-type]


def new_review(path: Path, app_paths: AppPaths, title: str = "Test review") -> StoredReview:
    created = review_files(app_paths).create(path, Review(title=title), PASSPHRASE)
    review = created.review
    assert isinstance(review, StoredReview)
    return review
