"""A review kept in a synced or network folder uses SQLite's rollback journal, not WAL; a file
that is there but cannot be read (an online-only copy while offline) gets a plain message.

The synced folder is a real folder named "Dropbox" (found by its name on every platform)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reviewer_app.locations import FileNotAvailableError
from storage.connection import connect, precheck
from storage.keys import DatabaseKey
from storage.review_file import ReviewFile
from tests.helpers.files import make_review
from tests.helpers.secrets_watch import PASSPHRASE


def _journal(review: ReviewFile) -> str:
    with review.engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())


def test_a_review_on_this_computer_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
        assert _journal(review) == "wal"


def test_a_review_in_a_synced_folder_uses_the_rollback_journal(tmp_path: Path) -> None:
    folder = tmp_path / "Dropbox"
    folder.mkdir()
    path = folder / "a.review"
    make_review(path)
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
        assert _journal(review) == "delete"
        assert not Path(f"{path}-wal").exists()  # nothing for the sync program to copy apart


def test_a_review_moved_into_a_synced_folder_leaves_wal(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
        assert _journal(review) == "wal"
    moved = tmp_path / "OneDrive - Northshire Council" / "a.review"
    moved.parent.mkdir()
    shutil.move(path, moved)
    with ReviewFile.open(moved, passphrase=PASSPHRASE) as review:
        assert _journal(review) == "delete"
        assert review.verify() == []
    shutil.move(moved, path)  # and back on this computer, WAL again
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
        assert _journal(review) == "wal"


def test_the_caller_can_choose_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "raw.db"
    key = DatabaseKey(bytes(range(32)))
    conn = connect(path, key, b"\x01" * 16, create=True, journal_mode="TRUNCATE")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "truncate"
    finally:
        conn.close()
    with pytest.raises(ValueError):
        connect(path, key, b"\x01" * 16, journal_mode="MEMORY")  # never off the disk's journal


def test_an_unreadable_review_gets_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated: Windows raises OSError when an online-only OneDrive file is read offline."""
    path = tmp_path / "a.review"
    make_review(path)
    real_open = Path.open

    def offline(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise OSError(362, "The cloud file provider is not running")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", offline)
    with pytest.raises(FileNotAvailableError, match="online only") as caught:
        precheck(path)
    assert caught.value.title == "The file could not be read"
