"""How a backup is copied: the file's checked pages as they are when the file alone holds what
is read; through SQLite's backup API otherwise. Either way the copy opens with the review's
key and holds exactly the snapshot being copied, and a damaged page is never copied."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest

import storage.backups as backups
from reviewer_app.errors import DamagedReviewError
from reviewer_app.paths import AppPaths
from storage.backups import copy_database
from storage.connection import connect
from storage.keys import derive_key, read_salt
from tests.helpers.damage import filled_review, flip_page, table_page
from tests.helpers.secrets_watch import PASSPHRASE


def _count(path: Path) -> int:
    salt = read_salt(path)
    with closing(connect(path, derive_key(PASSPHRASE, salt), salt)) as conn:
        return int(conn.execute("SELECT count(*) FROM chronology_entry").fetchone()[0])


@pytest.fixture
def review(tmp_path: Path, app_paths: AppPaths) -> Path:
    path = tmp_path / "a.review"
    filled_review(path, app_paths, entries=300)
    return path


def _copied_through(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which way each copy went: 'bytes' or 'backup api'."""
    ways: list[str] = []
    real_copy = backups._copy_bytes

    def copy_bytes(source: Path, target: Path) -> None:
        ways.append("bytes")
        real_copy(source, target)

    monkeypatch.setattr(backups, "_copy_bytes", copy_bytes)
    return ways


def test_an_idle_review_is_copied_as_its_checked_bytes(
    review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ways = _copied_through(monkeypatch)
    salt = read_salt(review)
    key = derive_key(PASSPHRASE, salt)
    target = tmp_path / "copy.review"
    with closing(connect(review, key, salt)) as source:
        copy_database(source, target, key, salt)
        assert not source.in_transaction  # the read it held is over
    assert ways == ["bytes"]
    assert target.read_bytes() == review.read_bytes()
    assert _count(target) == 300


def test_a_copy_while_the_log_holds_later_writes_is_the_snapshot_through_sqlite(
    review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another connection reading keeps the log from being emptied; a write lands in the log
    after the copy's snapshot was pinned: the copy is made through SQLite and holds the
    snapshot, not the later write."""
    ways = _copied_through(monkeypatch)
    salt = read_salt(review)
    key = derive_key(PASSPHRASE, salt)
    target = tmp_path / "copy.review"
    with (
        closing(connect(review, key, salt)) as source,
        closing(connect(review, key, salt)) as writer,
        closing(connect(review, key, salt)) as reader,
    ):
        assert source.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM chronology_entry").fetchone()
        writer.execute("DELETE FROM chronology_entry WHERE id <= 10")  # into the log
        copy_database(source, target, key, salt)
        reader.execute("ROLLBACK")
    assert ways == []
    assert _count(target) == 290


def test_a_pinned_snapshot_is_copied_through_sqlite_as_it_was(
    review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ways = _copied_through(monkeypatch)
    salt = read_salt(review)
    key = derive_key(PASSPHRASE, salt)
    target = tmp_path / "copy.review"
    with closing(connect(review, key, salt)) as source, closing(connect(review, key, salt)) as w:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        w.execute("DELETE FROM chronology_entry WHERE id <= 10")
        copy_database(source, target, key, salt)
        assert source.in_transaction  # its caller's transaction is left as it was
        source.execute("ROLLBACK")
    assert ways == []
    assert _count(target) == 300


def test_a_damaged_page_is_never_copied_either_way(
    review: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ways = _copied_through(monkeypatch)
    flip_page(review, table_page(review))
    salt = read_salt(review)
    key = derive_key(PASSPHRASE, salt)
    with closing(connect(review, key, salt)) as source:
        with pytest.raises(DamagedReviewError, match="failed their encryption check"):
            copy_database(source, tmp_path / "copy.review", key, salt)
        assert not source.in_transaction
    assert ways == []
    assert not (tmp_path / "copy.review").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name != "a.review"] == []
