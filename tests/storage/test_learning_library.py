"""The learning library file: protected exactly like a review, and its notes stored whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reviewer_app.errors import (
    InvalidInputError,
    NewerReviewVersionError,
    NotAReviewError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from reviewer_app.learning.note import MAX_ATTACHMENT_BYTES, Attachment, LearningNote
from reviewer_app.paths import AppPaths
from reviewer_app.services.learning import LibraryService
from storage.backups import BackupStore
from storage.connection import connect
from storage.keyring_store import KeyringStore
from storage.keys import derive_key, read_salt
from storage.learning_library import (
    LearningLibraryFile,
    SqlLearningLibrary,
    StoredLearningLibrary,
    default_library_path,
)
from storage.review_file import ReviewFile
from tests.helpers.files import listing, make_review, sha256
from tests.helpers.platforms import assert_owner_only
from tests.helpers.reviews import MemoryKeyring
from tests.helpers.secrets_watch import MARKER, NEW_PASSPHRASE, PASSPHRASE, register


def _needles() -> list[bytes]:
    return [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), MARKER.lower().encode()]


def _make(path: Path) -> str:
    library, code = LearningLibraryFile.create(path, PASSPHRASE)
    repo = SqlLearningLibrary(lambda: library.engine)
    repo.save(LearningNote(title="First note", body="Hindsight bias", tags=("bias",)))
    library.close()
    return register(code)


def test_library_is_encrypted_while_open_and_after(tmp_path: Path, app_paths: AppPaths) -> None:
    path = default_library_path(app_paths.data)
    access = StoredLearningLibrary(
        path, BackupStore(app_paths.backups), KeyringStore(MemoryKeyring())
    )
    register(access.create(PASSPHRASE).recovery_code)
    service = LibraryService(access.repository)  # type: ignore[arg-type]
    for n in range(300):
        service.add(
            LearningNote(
                title=f"{MARKER} {n}",
                body=" ".join([MARKER] * 50),
                tags=(MARKER,),
                attachments=(Attachment("handout.txt", MARKER.encode() * 20),),
            )
        )
    files = [p for p in tmp_path.parent.rglob("*") if p.is_file() and app_paths.data in p.parents]
    assert any(p.name.endswith("-wal") for p in files)
    assert any(p.name.endswith("-shm") for p in files)
    for p in files:
        data = p.read_bytes()
        assert not any(n in data for n in _needles()), p.name
    access.close()
    data = path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert not any(n in data for n in _needles())
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    assert_owner_only(path)


def test_wrong_passphrase_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "learning.library"
    _make(path)
    before, files = sha256(path), listing(tmp_path)
    with pytest.raises(WrongPassphraseError):
        LearningLibraryFile.open(path, passphrase=NEW_PASSPHRASE)
    assert sha256(path) == before and listing(tmp_path) == files


def test_recovery_code_opens_the_library(tmp_path: Path) -> None:
    path = tmp_path / "learning.library"
    code = _make(path)
    with LearningLibraryFile.open(path, code=code) as library:
        notes = SqlLearningLibrary(lambda: library.engine).notes()
    assert [n.title for n in notes] == ["First note"]
    other = tmp_path / "other.library"
    _make(other)
    with pytest.raises(WrongRecoveryCodeError):
        LearningLibraryFile.open(other, code=code)


def test_a_review_is_not_a_library_nor_a_library_a_review(tmp_path: Path) -> None:
    review, library = tmp_path / "a.review", tmp_path / "learning.library"
    make_review(review)
    _make(library)
    hashes = sha256(review), sha256(library)
    with pytest.raises(NotAReviewError, match="not a learning library"):
        LearningLibraryFile.open(review, passphrase=PASSPHRASE)
    with pytest.raises(NotAReviewError, match="not a review"):
        ReviewFile.open(library, passphrase=PASSPHRASE)
    assert (sha256(review), sha256(library)) == hashes


def test_plain_and_damaged_files_are_refused_untouched(tmp_path: Path) -> None:
    plain = tmp_path / "plain.library"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(NotAReviewError, match="unencrypted database, not an SCR Reviewer learning"):
        LearningLibraryFile.open(plain, passphrase=PASSPHRASE)
    cut = tmp_path / "cut.library"
    _make(cut)
    cut.write_bytes(cut.read_bytes()[:5000])
    before = sha256(cut)
    with pytest.raises(Exception, match="incomplete"):
        LearningLibraryFile.open(cut, passphrase=PASSPHRASE)
    assert sha256(cut) == before


def test_newer_library_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "learning.library"
    _make(path)
    salt = read_salt(path)
    conn = connect(path, derive_key(PASSPHRASE, salt), salt)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = sha256(path)
    with pytest.raises(NewerReviewVersionError):
        LearningLibraryFile.open(path, passphrase=PASSPHRASE)
    assert sha256(path) == before


def test_notes_are_stored_whole_searched_and_tagged(tmp_path: Path) -> None:
    library, code = LearningLibraryFile.create(tmp_path / "l.library", PASSPHRASE)
    register(code)
    service = LibraryService(SqlLearningLibrary(lambda: library.engine))
    first = service.add(
        LearningNote(
            title="Hindsight bias",
            body="# Hindsight\n\nOutcome knowledge *changes* judgement.\n",
            event="Masterclass 3",
            facilitator="A. Facilitator",
            tags=("Bias", "systems  thinking"),
            attachments=(Attachment("slide.png", b"\x89PNG..", "image/png"),),
        )
    )
    service.add(LearningNote(title="Strategy discussions", body="Convene early.", tags=("bias",)))
    assert service.note(first.id or 0) == first
    assert first.tags == ("bias", "systems thinking")
    assert [n.title for n in service.notes("judgement")] == ["Hindsight bias"]
    assert [n.title for n in service.notes("masterclass")] == ["Hindsight bias"]
    assert [n.title for n in service.notes(tag="bias")] == [
        "Hindsight bias",
        "Strategy discussions",
    ]
    assert [n.title for n in service.notes("systems thinking")] == ["Hindsight bias"]
    assert service.tags() == [("bias", 2), ("systems thinking", 1)]
    changed = service.update(first.with_changes(body="New words"))
    assert changed.version == 2 and changed.uid == first.uid
    assert service.update(changed) == changed  # nothing changed: no new version
    removed = service.delete(changed.id or 0)
    assert [n.title for n in service.notes()] == ["Strategy discussions"]
    assert service.put_back(removed) == removed  # undo: same id and version
    library.close()


def test_attachment_size_is_limited() -> None:
    with pytest.raises(InvalidInputError, match="at most 5 MiB"):
        Attachment("big.pdf", b"x" * (MAX_ATTACHMENT_BYTES + 1))


def test_remembered_key_opens_the_library(tmp_path: Path, app_paths: AppPaths) -> None:
    keyring = KeyringStore(MemoryKeyring())
    path = tmp_path / "learning.library"
    access = StoredLearningLibrary(path, None, keyring)
    register(access.create(PASSPHRASE, remember=True).recovery_code)
    access.close()
    again = StoredLearningLibrary(path, None, keyring)
    assert again.open_remembered() is not None
    again.close()
    assert (
        StoredLearningLibrary(path, None, KeyringStore(MemoryKeyring())).open_remembered() is None
    )


def test_the_collation_is_kept_in_the_library(tmp_path: Path) -> None:
    """Imported datasets, theme merges and dismissed suggestions survive closing the library;
    one dataset can be removed; nothing of them is readable in the file."""
    from reviewer_app.learning.collation import Dimension
    from reviewer_app.learning.dataset import to_json
    from reviewer_app.learning.themes import theme_key
    from reviewer_app.services.collation import CollationService
    from tests.reviewer_app.learning.test_collation import synthetic

    path = tmp_path / "learning.library"
    access = StoredLearningLibrary(path, None, KeyringStore(MemoryKeyring()))
    register(access.create(PASSPHRASE).recovery_code)
    files = []
    for d in synthetic(12):
        files.append(tmp_path / f"{d.dataset_id}.json")
        files[-1].write_text(to_json(d).replace("Question", f"{MARKER} question"), "utf-8")
    service = CollationService(access.collation)
    assert service.kept and service.import_files(files).added == 12
    service.merge(theme_key("Contacts and referrals"), theme_key("Strategy discussions"))
    counts = [(g.key, g.count) for g in service.collation.groups(Dimension.THEME)]
    removed = service.collation.held[0]
    access.close()
    assert not any(n in path.read_bytes() for n in _needles())

    access.open(passphrase=PASSPHRASE)
    again = CollationService(access.collation)
    assert [(g.key, g.count) for g in again.collation.groups(Dimension.THEME)] == counts
    assert {h.file_name for h in again.collation.held} == {f.name for f in files}
    assert again.remove(removed.key) is not None
    access.close()
    access.open(passphrase=PASSPHRASE)
    assert len(CollationService(access.collation).collation.held) == 11
    access.close()
