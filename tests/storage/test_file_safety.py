"""The review file survives faults (issue 14): damage found while open, backups that follow the
key, the first backup's content, the key's derivation record, Unicode passphrases, and the one
way files are written. The kill -9 trials on the real commands are in test_kill_trials.py."""

from __future__ import annotations

import datetime as dt
import os
import time
import unicodedata
from contextlib import closing
from pathlib import Path

import pytest

from reviewer_app.errors import (
    DamagedReviewError,
    FileAlreadyThereError,
    OperationCancelled,
    ReviewExistsError,
    WrongPassphraseError,
)
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.new_files import (
    atomic_target,
    is_partial,
    remove_abandoned_partials,
    secure_delete,
    write_new_atomic,
)
from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from reviewer_app.services.chronology import ChronologyService
from reviewer_app.services.transfer import create_review_from
from storage import key_record, keys, recovery_code
from storage.backups import BackupStore, opens_with
from storage.connection import connect, precheck
from storage.keys import KdfParams, KdfProfile, derive_key, read_salt
from storage.review_file import ReviewFile
from tests.helpers.damage import filled_review, flip_page, middle_page, table_page
from tests.helpers.files import make_review
from tests.helpers.platforms import assert_owner_only
from tests.helpers.reviews import review_files
from tests.helpers.secrets_watch import NEW_PASSPHRASE, PASSPHRASE, register

# -- damage met while a review is open ---------


def test_damage_found_by_a_later_read_stops_writes_and_offers_the_newest_good_backup(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "a.review"
    files = filled_review(path, app_paths)
    [backup] = files.backups.list(precheck(path).hex())
    flip_page(path, table_page(path))
    before = path.read_bytes()

    review = files.open(path, passphrase=PASSPHRASE)  # a fresh backup exists: none taken now
    with pytest.raises(DamagedReviewError) as raised:
        review.chronology.entries()
    error = raised.value
    assert "damaged" in str(error) and "stopped using" in str(error)
    assert error.path == path
    assert error.restore is not None and error.restore.backup == backup.path
    assert error.restore.taken == backup.taken
    assert error.restore.taken_text in str(error)
    with pytest.raises(DamagedReviewError):  # nothing more is written
        review.details.save(Review(title="Not written"))
    review.close()
    assert path.read_bytes() == before

    target = error.restore.suggested_target(path)
    assert target.parent == path.parent and not target.exists()
    error.restore.restore_to(target)
    with pytest.raises(ReviewExistsError):  # never over a file
        error.restore.restore_to(target)
    restored = files.open(target, passphrase=PASSPHRASE)
    assert restored.chronology.count() == 400
    assert restored.verify() == []
    restored.close()


def test_damage_with_no_good_backup_says_so(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "a.review"
    files = filled_review(path, app_paths)
    for info in files.backups.list(precheck(path).hex()):
        flip_page(info.path, middle_page(info.path))  # the backup is damaged too
    flip_page(path, table_page(path))
    review = files.open(path, passphrase=PASSPHRASE)
    with pytest.raises(DamagedReviewError) as raised:
        review.chronology.entries()
    review.close()
    assert raised.value.restore is None
    assert "no good backup" in str(raised.value)


def test_a_damaged_review_is_never_backed_up_over_a_good_backup(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "a.review"
    files = filled_review(path, app_paths)
    flip_page(path, table_page(path))
    review = files.open(path, passphrase=PASSPHRASE)
    with pytest.raises(DamagedReviewError):
        review.backup_to(tmp_path / "copy.review")
    review.close()
    assert not (tmp_path / "copy.review").exists()
    assert [p.name for p in tmp_path.iterdir() if is_partial(p)] == []
    with closing(connect(path, derive_key(PASSPHRASE, read_salt(path)), read_salt(path))):
        pass
    # An automatic backup that is due (taken in the background once the review is open) finds
    # the damage: the review is then marked damaged, with the backup to restore, and nothing
    # is copied over the good backup's place.
    [old] = files.backups.list(precheck(path).hex())
    os.rename(old.path, old.path.with_name("20000101T000000000000Z-automatic.review"))
    review = files.open(path, passphrase=PASSPHRASE)
    review.wait_for_backup()
    assert review.file.is_damaged
    assert review.damaged_error().restore is not None
    with pytest.raises(DamagedReviewError):
        review.backup_to(tmp_path / "copy-2.review")
    review.close()
    assert len(files.backups.list(precheck(path).hex())) == 1


def test_a_damaged_first_page_with_the_right_passphrase_offers_the_backup(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "a.review"
    files = filled_review(path, app_paths)
    flip_page(path, 0)
    with pytest.raises(DamagedReviewError) as raised:
        files.open(path, passphrase=PASSPHRASE)
    assert "damaged at its start" in str(raised.value)
    assert raised.value.restore is not None
    with pytest.raises(WrongPassphraseError):  # a wrong passphrase is still just wrong
        files.open(path, passphrase="not the passphrase at all 7")


def test_verify_problems_mark_the_file_damaged(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "a.review"
    files = filled_review(path, app_paths)
    flip_page(path, table_page(path))
    review = files.open(path, passphrase=PASSPHRASE)
    assert review.verify() != []
    assert review.damaged_error().restore is not None
    with pytest.raises(DamagedReviewError):
        review.details.load()
    review.close()


# -- backups follow the key ---------


def test_every_backup_follows_a_passphrase_change(tmp_path: Path, app_paths: AppPaths) -> None:
    path = tmp_path / "a.review"
    files = filled_review(path, app_paths)
    review = files.open(path, passphrase=PASSPHRASE)
    for _ in range(2):
        review.file.take_backup(files.backups)
    old_key = keys.DatabaseKey(review.file.key.raw)
    salt = review.file.salt
    code = register(review.change_passphrase(NEW_PASSPHRASE))
    new_key = recovery_code.decode(code)
    review.close()
    listed = files.backups.list(salt.hex())
    assert len(listed) == 3
    for info in listed:
        assert opens_with(info.path, new_key, salt)
        assert not opens_with(info.path, old_key, salt)
        assert_owner_only(info.path)
    folder = files.backups.folder(salt.hex())
    assert sorted(p.name for p in folder.iterdir()) == sorted(i.path.name for i in listed)
    # ...and they open with the new passphrase through the app, and are good.
    assert files.backups.newest_good(salt.hex(), new_key, salt) is not None
    reopened = files.open(path, passphrase=NEW_PASSPHRASE)
    assert reopened.unshown_recovery_code() == code  # shown by no one in this test
    reopened.recovery_code_shown()
    assert reopened.unshown_recovery_code() is None
    reopened.close()


def test_an_interrupted_change_is_settled_at_the_next_open(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    """The two states a kill can leave, made by hand: before and after the rekey."""
    path = tmp_path / "a.review"
    files = filled_review(path, app_paths)
    salt = read_salt(path)
    old_key = derive_key(PASSPHRASE, salt)
    new_key = derive_key(NEW_PASSPHRASE, salt)
    derivation = keys.current_derivation()
    with closing(connect(path, old_key, salt)) as conn:  # killed before the rekey
        key_record.begin_change(conn, new_key, derivation)
    files.backups.prepare_rekey(salt.hex(), old_key, new_key, salt)
    review = files.open(path, passphrase=PASSPHRASE)
    assert review.unshown_recovery_code() is None  # the old code is still the code
    review.close()
    assert all(opens_with(i.path, old_key, salt) for i in files.backups.list(salt.hex()))
    assert list(files.backups.folder(salt.hex()).glob("*.rekeyed")) == []

    with closing(connect(path, old_key, salt)) as conn:  # killed after the rekey
        key_record.begin_change(conn, new_key, derivation)
        files.backups.prepare_rekey(salt.hex(), old_key, new_key, salt)
        conn.execute(f"PRAGMA rekey = {new_key.pragma_value(salt)}")
    review = files.open(path, passphrase=NEW_PASSPHRASE)
    assert review.unshown_recovery_code() == recovery_code.encode(new_key)
    review.close()
    assert all(opens_with(i.path, new_key, salt) for i in files.backups.list(salt.hex()))
    assert list(files.backups.folder(salt.hex()).glob("*.rekeyed")) == []


# -- the first automatic backup ---------


def test_the_first_automatic_backup_holds_the_reviews_content(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    source = tmp_path / "source.review"
    filled_review(source, app_paths, entries=30)
    files = review_files(app_paths)
    from reviewer_app.services.transfer import take_snapshot

    opened = files.open(source, passphrase=PASSPHRASE)
    snapshot: ReviewSnapshot = take_snapshot(opened)
    opened.close()
    path = tmp_path / "from-json.review"
    created = create_review_from(files, path, snapshot, PASSPHRASE)
    register(created.recovery_code)
    salt = read_salt(path)
    assert files.backups.list(salt.hex()) == []  # nothing yet: it was being filled
    created.review.close()
    [first] = files.backups.list(salt.hex())
    assert first.reason == "automatic"
    key = derive_key(PASSPHRASE, salt)
    with closing(connect(first.path, key, salt)) as conn:
        assert conn.execute("SELECT count(*) FROM chronology_entry").fetchone()[0] == 30


def test_a_new_empty_review_gets_its_first_backup_after_its_first_changes(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    files = review_files(app_paths)
    path = tmp_path / "new.review"
    created = files.create(path, Review(title="Empty"), PASSPHRASE)
    register(created.recovery_code)
    created.review.close()  # nothing written: no backup of an empty shell
    salt = read_salt(path)
    review = files.open(path, passphrase=PASSPHRASE)  # none yet, so one is taken as it opens
    review.details.save(Review(title="Now with content"))
    review.close()  # and, as the review had none before, another with the content
    backups = files.backups.list(salt.hex())
    assert len(backups) == 2
    key = derive_key(PASSPHRASE, salt)
    with closing(connect(backups[0].path, key, salt)) as conn:
        assert conn.execute("SELECT title FROM review").fetchone()[0] == "Now with content"


# -- the key's derivation, and Unicode passphrases ---------


NFC_PASSPHRASE = register(unicodedata.normalize("NFC", "Crème brûlée à la café Zoë 42"))
NFD_PASSPHRASE = unicodedata.normalize("NFD", NFC_PASSPHRASE)


def test_a_passphrase_made_in_nfc_opens_when_typed_in_nfd(tmp_path: Path) -> None:
    assert NFC_PASSPHRASE != NFD_PASSPHRASE
    path = tmp_path / "a.review"
    review, code = ReviewFile.create(path, Review(title="Unicode"), NFC_PASSPHRASE)
    register(code)
    review.close()
    ReviewFile.open(path, passphrase=NFD_PASSPHRASE).close()
    ReviewFile.open(path, passphrase=NFC_PASSPHRASE).close()
    # and the other way round
    other = tmp_path / "b.review"
    review, code = ReviewFile.create(other, Review(title="Unicode"), NFD_PASSPHRASE)
    register(code)
    review.close()
    ReviewFile.open(other, passphrase=NFC_PASSPHRASE).close()


def test_a_file_made_before_normalisation_opens_as_it_was_typed(tmp_path: Path) -> None:
    """A file of profile 1 whose passphrase was typed in NFD (as-typed bytes) still opens."""
    from storage.migrations import MIGRATIONS, migrate
    from storage.review_file import _insert_review

    path = tmp_path / "old.review"
    salt = os.urandom(16)
    key = derive_key(NFD_PASSPHRASE, salt, keys.PROFILES[1], keys.AS_TYPED)
    with closing(connect(path, key, salt, create=True)) as conn:
        migrate(conn, 0, MIGRATIONS[:7])
        _insert_review(conn, Review(title="Before normalisation"))
    with ReviewFile.open(path, passphrase=NFD_PASSPHRASE) as review, closing(review._raw()) as c:
        record = key_record.read(c)
    assert (record.profile, record.passphrase_form) == (1, "as-typed")
    assert (record.algorithm, record.memory_kib, record.passes, record.lanes) == (
        "argon2id",
        64 * 1024,
        3,
        4,
    )


def test_new_files_record_their_kdf_and_a_costlier_profile_leaves_old_files_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "now.review"
    make_review(path)
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review, closing(review._raw()) as c:
        record = key_record.read(c)
    assert (record.profile, record.passphrase_form, record.memory_kib) == (2, "nfc", 65536)

    # A later version raises the cost for new files (here a different, cheaper one, for speed).
    later = KdfProfile(3, KdfParams(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1), ("nfc",))
    monkeypatch.setitem(keys.PROFILES, 3, later)
    monkeypatch.setattr(keys, "CURRENT", later)
    new = tmp_path / "later.review"
    created, code = ReviewFile.create(new, Review(title="Later"), PASSPHRASE)
    register(code)
    with closing(created._raw()) as c:
        record = key_record.read(c)
    created.close()
    assert (record.profile, record.memory_kib, record.passes, record.lanes) == (3, 8192, 1, 1)
    ReviewFile.open(new, passphrase=PASSPHRASE).close()
    ReviewFile.open(path, passphrase=PASSPHRASE).close()  # the older file still opens
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:  # and moves up when changed
        register(review.change_passphrase(NEW_PASSPHRASE))
        with closing(review._raw()) as c:
            assert key_record.read(c).profile == 3
    ReviewFile.open(path, passphrase=NEW_PASSPHRASE).close()


# -- imports: the agency is part of the import's own transaction ---------


def test_a_failed_import_never_leaves_its_new_agency(tmp_path: Path, app_paths: AppPaths) -> None:
    from reviewer_app.chronology.importing import DraftEntry
    from tests.reviewer_app.test_chronology_service import _preview

    files = review_files(app_paths)
    created = files.create(tmp_path / "a.review", Review(title="Imports"), PASSPHRASE)
    register(created.recovery_code)
    service = ChronologyService(created.review.chronology)
    rows = [DraftEntry(4, keys_date(), "Log 1", "Visit")]
    seen: list[int] = []

    def cancel(done: int, total: int) -> None:
        with created.review.file.engine.connect() as conn:  # another connection looks in
            seen.append(conn.exec_driver_sql("SELECT count(*) FROM agency").scalar_one())
        raise OperationCancelled("Import cancelled; nothing was imported.")

    with pytest.raises(OperationCancelled):
        service.import_for_agency(_preview(rows), "Brand New Agency", progress=cancel)
    assert seen == [0]  # not committed on its own, even for a moment
    assert service.agencies() == []
    agency, result = service.import_for_agency(_preview(rows), "Brand New Agency")
    assert agency.id == result.batch.agency_id
    assert [e.agency_id for e in service.entries()] == [agency.id]
    created.review.close()


def keys_date() -> object:
    from reviewer_app.chronology.dates import parse_uk_date

    return parse_uk_date("03/02/2015")


# -- the one way files are written ---------


def test_write_new_atomic_never_leaves_a_partial_file_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_new_atomic(target, b"whole")
    assert target.read_bytes() == b"whole"
    assert_owner_only(target)
    with pytest.raises(FileAlreadyThereError):
        write_new_atomic(target, b"again")
    assert target.read_bytes() == b"whole"
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileAlreadyThereError):
        write_new_atomic(dangling, b"x")
    assert not (tmp_path / "nowhere").exists()

    def fails(handle: object) -> None:
        raise RuntimeError("the writer failed half-way")

    with pytest.raises(RuntimeError):
        write_new_atomic(tmp_path / "half.json", fails)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.json", "out.json"]
    write_new_atomic(target, [b"re", b"placed"], replace=True)
    assert target.read_bytes() == b"replaced"


def test_abandoned_partial_files_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    with atomic_target(tmp_path / "kept.review") as live:
        gone = tmp_path / ".x.review.999999999-abcd.partial"  # a writer that no longer exists
        gone.write_bytes(b"left by a kill")
        Path(f"{gone}-wal").write_bytes(b"")
        old = tmp_path / f".y.review.{os.getpid()}-abcd.partial"
        old.write_bytes(b"")
        os.utime(old, (0, 0))
        assert remove_abandoned_partials(tmp_path) == 2
        assert live.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.review"]
    secure_delete(tmp_path / "kept.review")
    assert list(tmp_path.iterdir()) == []


def test_backups_store_lists_only_finished_backups(tmp_path: Path) -> None:
    store = BackupStore(tmp_path)
    folder = store.folder("abc")
    folder.mkdir()
    (folder / "20260101T000000000000Z-automatic.review").write_bytes(b"x")
    (folder / ".20260102T000000000000Z-automatic.review.1-ab.partial").write_bytes(b"x")
    (folder / "20260103T000000000000Z-automatic.review.rekeyed").write_bytes(b"x")
    [only] = store.list("abc")
    assert only.taken == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize("name", ["review-v1.review", "review-v6.review", "learning-v1.library"])
def test_files_made_by_earlier_versions_record_profile_1_and_keep_their_recovery_code(
    name: str, tmp_path: Path, app_paths: AppPaths
) -> None:
    import shutil

    from storage.learning_library import LearningLibraryFile
    from tests.storage.old_files import contents

    old = register(contents.PASSPHRASE)
    path = tmp_path / name
    shutil.copyfile(Path(__file__).parent / "old_files" / name, path)
    kind = LearningLibraryFile if name.endswith(".library") else ReviewFile
    salt = read_salt(path)
    code = register(recovery_code.encode(derive_key(old, salt, keys.PROFILES[1], keys.AS_TYPED)))
    store = BackupStore(app_paths.backups)
    with kind.open(path, code=code, backups=store) as opened, closing(opened._raw()) as c:
        record = key_record.read(c)  # migrated by this open: the record says how it was made
    assert (record.profile, record.passphrase_form, record.memory_kib) == (1, "as-typed", 65536)
    with kind.open(path, passphrase=old, backups=store) as opened:
        new_code = register(opened.change_passphrase(NEW_PASSPHRASE))
        with closing(opened._raw()) as c:
            assert key_record.read(c).profile == keys.CURRENT.id
    kind.open(path, code=new_code, backups=store).close()
    kind.open(path, passphrase=NEW_PASSPHRASE, backups=store).close()
    for info in store.list(salt.hex()):  # the before-migration copy follows the key too
        assert opens_with(info.path, recovery_code.decode(new_code), salt)


def test_the_open_time_backup_holds_the_review_as_it_was_opened(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    """It is copied in the background, from a read transaction pinned as the file opened: what
    is written meanwhile is not in it, and closing waits for it."""
    from reviewer_app.chronology.dates import parse_uk_date
    from reviewer_app.chronology.entry import ChronologyEntry

    path = tmp_path / "a.review"
    files = filled_review(path, app_paths, entries=400)
    salt = read_salt(path)
    [old] = files.backups.list(salt.hex())
    os.rename(old.path, old.path.with_name("20000101T000000000000Z-automatic.review"))
    review = files.open(path, passphrase=PASSPHRASE)  # the backup is due: it starts now
    agency = review.chronology.agencies()[0].id
    assert agency is not None
    review.chronology.add(ChronologyEntry(agency, parse_uk_date("04/02/2015"), "Log", "Later"))
    review.close()  # waits for the backup
    newest = files.backups.list(salt.hex())[0]
    assert not newest.path.name.startswith("2000") and newest.reason == "automatic"
    key = derive_key(PASSPHRASE, salt)
    with closing(connect(newest.path, key, salt)) as conn:
        assert conn.execute("SELECT count(*) FROM chronology_entry").fetchone()[0] == 400
    with closing(connect(path, key, salt)) as conn:
        assert conn.execute("SELECT count(*) FROM chronology_entry").fetchone()[0] == 401


def test_the_open_time_backup_waits_until_the_review_is_on_screen(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    """Copying the file would compete with reading and painting it (issue 16): the backup due
    at open starts once the window says the review is shown, or when the review is closed."""
    path = tmp_path / "a.review"
    files = filled_review(path, app_paths, entries=50)
    salt = read_salt(path)

    def age() -> None:
        for n, info in enumerate(files.backups.list(salt.hex())):
            os.rename(
                info.path, info.path.with_name(f"200001{n + 1:02d}T000000000000Z-automatic.review")
            )

    def fresh() -> list[str]:
        listed = files.backups.list(salt.hex())
        return [b.path.name for b in listed if not b.path.name.startswith("2000")]

    age()
    review = files.open(path, passphrase=PASSPHRASE)
    time.sleep(0.3)  # time enough to copy 50 entries, had it started
    assert fresh() == []
    review.shown()
    review.wait_for_backup()
    assert len(fresh()) == 1
    review.close()

    age()
    review = files.open(path, passphrase=PASSPHRASE)  # never shown: closing takes it
    review.close()
    assert len(fresh()) == 1
