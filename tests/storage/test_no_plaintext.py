"""Promise 1: nothing about a case is on disk in plaintext, open or closed."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from storage.backups import BackupStore
from storage.library import StoredReviewFiles
from tests.helpers.secrets_watch import MARKER, PASSPHRASE


def _files_under(*folders: Path) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        found += [p for p in folder.rglob("*") if p.is_file()]
    return found


def _holding_marker(paths: list[Path]) -> list[Path]:
    needles = [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), MARKER.lower().encode()]
    return [p for p in paths if any(n in p.read_bytes() for n in needles)]


def test_marker_is_in_no_file_the_app_writes(
    tmp_path: Path, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    files = StoredReviewFiles(BackupStore(app_paths.backups))

    created = files.create(reviews / "marker.review", Review(title=MARKER), PASSPHRASE)
    review = created.review
    details = review.details
    long_text = " ".join([MARKER] * 500)
    for i in range(2000):
        details.save(
            details.load().with_changes(title=f"{MARKER} {i}", terms_of_reference=long_text)
        )
    review.backup_to(reviews / "copy.review")
    assert details.load().title == f"{MARKER} 1999"

    watched = [reviews, temp, *app_paths.all()]
    while_open = _files_under(*watched)
    assert any(p.name.endswith("-wal") for p in while_open), "expected the WAL while open"
    assert _holding_marker(while_open) == []

    review.close()  # takes the review's first automatic backup, now that it has content
    after = _files_under(*watched)
    assert any(p.parent.parent == app_paths.backups for p in after), "expected a backup"
    assert _holding_marker(after) == []
