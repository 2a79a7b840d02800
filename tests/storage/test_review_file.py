from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from reviewer_app.errors import (
    DamagedReviewError,
    NewerReviewVersionError,
    NotAReviewError,
    PassphraseTooWeakError,
    RecoveryCodeTypoError,
    ReviewExistsError,
    ReviewNotFoundError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from reviewer_app.review import Review, ReviewType, ScopePeriod
from storage.backups import BackupStore, restore
from storage.connection import connect
from storage.keys import derive_key, read_salt
from storage.migrations import SCHEMA_VERSION, Migration, migrate
from storage.review_file import ReviewFile
from storage.review_repository import SqlReviewDetails
from tests.helpers.files import listing, make_review, sha256
from tests.helpers.platforms import assert_owner_only
from tests.helpers.secrets_watch import NEW_PASSPHRASE, PASSPHRASE, register


def test_file_is_encrypted_and_unreadable_by_plain_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()


@pytest.mark.posix_only
def test_new_file_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    assert_owner_only(path)


def test_details_round_trip(tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "a.review"
    details = Review(
        title="Child P",
        review_type=ReviewType.SCR,
        board="Northtown Safeguarding Children Partnership",
        scope=ScopePeriod(dt.date(2014, 1, 1), dt.date(2016, 3, 31)),
        terms_of_reference="Key lines of enquiry: £ and “quotes” — kept.",
    )
    review, _ = ReviewFile.create(path, details, PASSPHRASE)
    review.close()
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
        assert SqlReviewDetails(lambda: review.engine).load() == details


def test_create_refuses_existing_path_and_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    path.write_bytes(b"someone else's document")
    with pytest.raises(ReviewExistsError, match="never writes over"):
        make_review(path)
    assert path.read_bytes() == b"someone else's document"


def test_weak_passphrase_is_refused_before_any_file_is_made(tmp_path: Path) -> None:
    with pytest.raises(PassphraseTooWeakError):
        ReviewFile.create(tmp_path / "a.review", Review(title="x"), "short")
    assert listing(tmp_path) == set()


def test_wrong_passphrase_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    before, files = sha256(path), listing(tmp_path)
    with pytest.raises(WrongPassphraseError, match="does not open"):
        ReviewFile.open(path, passphrase="not the passphrase at all")
    assert sha256(path) == before
    assert listing(tmp_path) == files


def test_open_never_creates_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReviewNotFoundError, match="There is no file"):
        ReviewFile.open(tmp_path / "missing.review", passphrase=PASSPHRASE)
    assert listing(tmp_path) == set()


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", NotAReviewError, "empty"),
        (b"%PDF-1.7\n" + b"x" * 5000, NotAReviewError, "some other kind"),
        (b"PK\x03\x04" + bytes(8000), NotAReviewError, "some other kind"),
    ],
)
def test_foreign_files_are_refused_untouched(
    tmp_path: Path, content: bytes, error: type[Exception], words: str
) -> None:
    path = tmp_path / "x.review"
    path.write_bytes(content)
    with pytest.raises(error, match=words):
        ReviewFile.open(path, passphrase=PASSPHRASE)
    assert path.read_bytes() == content
    assert listing(tmp_path) == {"x.review"}


def test_plain_sqlite_database_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "plain.review"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = sha256(path)
    with pytest.raises(NotAReviewError, match="unencrypted"):
        ReviewFile.open(path, passphrase=PASSPHRASE)
    assert sha256(path) == before


def test_truncated_file_is_reported_damaged_untouched(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 100])
    before = sha256(path)
    with pytest.raises(DamagedReviewError, match="incomplete"):
        ReviewFile.open(path, passphrase=PASSPHRASE)
    assert sha256(path) == before


def test_damage_inside_is_found_by_verify(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    review, _ = ReviewFile.create(
        path, Review(title="x", terms_of_reference="y" * 20000), PASSPHRASE
    )
    review.close()
    data = bytearray(path.read_bytes())
    assert len(data) >= 3 * 4096
    data[2 * 4096 + 100] ^= 0xFF  # flip a byte in page 3
    path.write_bytes(bytes(data))
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
        assert review.verify() != []


def test_encrypted_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.review"
    salt = os.urandom(16)
    key = derive_key(PASSPHRASE, salt)
    conn = connect(path, key, salt, create=True)
    conn.execute("CREATE TABLE notes (x)")
    conn.close()
    before = sha256(path)
    with pytest.raises(NotAReviewError, match="another program"):
        ReviewFile.open(path, passphrase=PASSPHRASE)
    assert sha256(path) == before


def test_newer_schema_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    salt = read_salt(path)
    conn = connect(path, derive_key(PASSPHRASE, salt), salt)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before, files = sha256(path), listing(tmp_path)
    with pytest.raises(NewerReviewVersionError, match="newer version"):
        ReviewFile.open(path, passphrase=PASSPHRASE)
    assert sha256(path) == before
    assert listing(tmp_path) == files


def test_recovery_code_opens_when_passphrase_is_forgotten(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    code = make_review(path, title="Forgotten")
    with ReviewFile.open(path, code=code) as review:
        assert SqlReviewDetails(lambda: review.engine).load().title == "Forgotten"


def test_recovery_code_typo_is_caught_before_any_key_work(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    code = make_review(path)
    typo = ("X" if code[0] != "X" else "Y") + code[1:]
    with pytest.raises(RecoveryCodeTypoError):
        ReviewFile.open(path, code=typo)


def test_code_of_another_review_is_refused(tmp_path: Path) -> None:
    make_review(tmp_path / "a.review")
    other = make_review(tmp_path / "b.review")
    with pytest.raises(WrongRecoveryCodeError, match="another"):
        ReviewFile.open(tmp_path / "a.review", code=other)


def test_change_passphrase_rekeys_and_renews_the_recovery_code(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    old_code = make_review(path, title="Rekeyed")
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
        new_code = register(review.change_passphrase(NEW_PASSPHRASE))
        assert SqlReviewDetails(lambda: review.engine).load().title == "Rekeyed"
    assert new_code != old_code
    with pytest.raises(WrongPassphraseError):
        ReviewFile.open(path, passphrase=PASSPHRASE)
    with pytest.raises(WrongRecoveryCodeError):
        ReviewFile.open(path, code=old_code)
    with ReviewFile.open(path, passphrase=NEW_PASSPHRASE) as review:
        assert review.verify() == []
    ReviewFile.open(path, code=new_code).close()


def test_version_1_file_is_backed_up_then_migrated_keeping_its_data(tmp_path: Path) -> None:
    from storage.migrations import MIGRATIONS
    from storage.review_file import _insert_review

    path = tmp_path / "old.review"
    salt = os.urandom(16)
    key = derive_key(PASSPHRASE, salt)
    conn = connect(path, key, salt, create=True)
    migrate(conn, 0, MIGRATIONS[:1])  # a file as version 1 of the app wrote it
    _insert_review(conn, Review(title="Written by version 1"))
    conn.close()
    store = BackupStore(tmp_path / "backups")
    review = ReviewFile.open(path, passphrase=PASSPHRASE, backups=store)
    with review, review.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
        assert SqlReviewDetails(lambda: review.engine).load().title == "Written by version 1"
    backups = store.list(review.file_id)
    assert [b.reason for b in backups] == ["before-migration"]
    old = connect(backups[0].path, key, salt)  # the copy as it was before migrating
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "agency" not in {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
    old.close()


def test_failed_migration_step_rolls_back_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    salt = os.urandom(16)
    conn = connect(path, derive_key(PASSPHRASE, salt), salt, create=True)
    steps = (
        Migration(1, "good", ("CREATE TABLE a (x)",)),
        Migration(2, "bad", ("CREATE TABLE b (x)", "THIS IS NOT SQL")),
    )
    with pytest.raises(Exception, match="syntax"):
        migrate(conn, 0, steps)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert tables == {"a"}
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_backups_rotate_and_restore_to_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    make_review(path, title="Backed up")
    store = BackupStore(tmp_path / "backups", keep=3)
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
        for _ in range(5):
            review.take_backup(store)
        file_id = review.file_id
    kept = store.list(file_id)
    assert len(kept) == 3
    assert_owner_only(kept[0].path)
    assert not kept[0].path.read_bytes().startswith(b"SQLite format 3")
    target = tmp_path / "restored.review"
    restore(kept[-1].path, target)
    with ReviewFile.open(target, passphrase=PASSPHRASE) as review:
        assert SqlReviewDetails(lambda: review.engine).load().title == "Backed up"
    with pytest.raises(ReviewExistsError):
        restore(kept[0].path, target)


def test_every_connection_has_the_promised_settings(tmp_path: Path) -> None:
    path = tmp_path / "a.review"
    make_review(path)
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review, review.engine.connect() as c:
        pragma = lambda name: c.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("temp_store") == 2  # MEMORY
        assert pragma("foreign_keys") == 1
        assert str(pragma("cipher_memory_security")) == "0"  # by measurement: docs/security.md
        assert pragma("cache_size") == -32768
