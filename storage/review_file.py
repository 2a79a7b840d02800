"""One review file: create, open (passphrase, recovery code or remembered key), rekey, verify,
back up, close. The facade the composition root hands to services.

Opening never changes a file it refuses: everything that can be checked without the key is
checked first (`precheck`), a wrong key fails on the first page read before SQLite writes
anything, and a newer or foreign file is closed again without a write. Migrating an older file
is preceded by an encrypted backup copy.

Damage met at any moment (a page that fails its HMAC, found by a later read) becomes one
`DamagedReviewError` carrying the newest good backup as a restore offer, and from then on the
file is not written to (`storage/engine.py`). A new file is made whole beside its target and
put in place in one step; a passphrase change leaves a mark in the file first, so an
interrupted one is finished (or undone) at the next open and its recovery code is shown
(`storage/key_record.py`), and it takes the backups with it (`storage/backups.py`).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import ClassVar, Self

import sqlcipher3
from sqlalchemy import Engine

from reviewer_app.errors import (
    DamagedReviewError,
    FileAlreadyThereError,
    RestoreOffer,
    ReviewExistsError,
    ReviewLockedError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from reviewer_app.new_files import already_there, atomic_target
from reviewer_app.passphrases import require_acceptable
from reviewer_app.review import Review
from storage import key_record, recovery_code
from storage.backups import BackupStore, check_source, copy_database, restore
from storage.connection import (
    APPLICATION_ID,
    Connection,
    check_identity,
    connect,
    integrity_problems,
    precheck,
    rekey,
)
from storage.damage import damaged_at_start, damaged_while_open, is_damage, offer_sentence
from storage.engine import make_engine
from storage.keyring_store import KeyringStatus, KeyringStore
from storage.keys import (
    DatabaseKey,
    Derivation,
    candidates,
    current_derivation,
    derive_key,
    file_id,
    new_salt,
    read_salt,
)
from storage.migrations import MIGRATIONS, Migration, migrate
from storage.review_repository import review_to_row

log = logging.getLogger(__name__)
#: The page cache of a connection a backup is copied from, in KiB.
BACKUP_CACHE_KIB = 2048


def _insert_review(conn: Connection, details: Review) -> None:
    """The review's one row, in the columns the file's schema has (all of them in a new file;
    tests write older files this way too)."""
    have = {r[1] for r in conn.execute("PRAGMA table_info(review)").fetchall()}
    row = {k: v for k, v in review_to_row(details).items() if k in have}
    columns = ", ".join(row)
    placeholders = ", ".join(f":{name}" for name in row)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(f"INSERT INTO review ({columns}) VALUES ({placeholders})", row)  # noqa: S608
    conn.execute("COMMIT")


def find_restore_offer(
    backups: BackupStore | None, salt: bytes, keys: list[DatabaseKey]
) -> RestoreOffer | None:
    """The newest backup of this file that one of `keys` opens and that passes every check."""
    if backups is None:
        return None
    for key in keys:
        try:
            info = backups.newest_good(file_id(salt), key, salt)
        except Exception:  # looking for a backup must never hide the damage itself
            log.warning("the backups could not be searched for a good copy")
            return None
        if info is not None:
            return RestoreOffer(info.path, info.taken, functools.partial(restore, info.path))
    return None


class EncryptedFile:
    """An open SQLCipher file of this app. `close()` (or locking) disposes every connection and
    wipes the key. Subclasses say which kind of file they are: its application id, migrations
    and the word used for it in messages (a review, the learning library)."""

    APPLICATION_ID: ClassVar[int] = APPLICATION_ID
    MIGRATIONS: ClassVar[tuple[Migration, ...]] = MIGRATIONS
    NOUN: ClassVar[str] = "review"
    #: Whether damage comes with an offer to restore the newest good backup as a new file.
    OFFERS_RESTORE: ClassVar[bool] = True

    def __init__(
        self, path: Path, salt: bytes, key: DatabaseKey, backups: BackupStore | None = None
    ) -> None:
        self.path = path
        self.salt = salt
        self._key: DatabaseKey | None = key
        self._backups = backups
        self._damaged = False
        self._offer: RestoreOffer | None = None
        self._damage_lock = threading.Lock()
        #: Whether anything was committed through the engine since the file was opened.
        self.written = False
        self._engine: Engine | None = self._make_engine(key)

    def _make_engine(self, key: DatabaseKey) -> Engine:
        return make_engine(
            self.path,
            key,
            self.salt,
            on_damage=self._damage_found,
            refuse=self._refuse_if_damaged,
            on_commit=self._committed,
        )

    def _committed(self) -> None:
        self.written = True

    @classmethod
    def schema_version(cls) -> int:
        return cls.MIGRATIONS[-1].version

    # -- creating and opening -------------------------------------------------------------
    @classmethod
    def _create_file(
        cls,
        path: Path,
        passphrase: str,
        fill: Callable[[Connection], None],
        backups: BackupStore | None = None,
    ) -> tuple[Self, str]:
        """A new file at `path` (which must not exist), migrated and `fill`ed; and its code.

        The file is made whole beside `path` and only then given its name, so a kill at any
        moment leaves either no file or a complete one."""
        require_acceptable(passphrase, (path.stem,))  # the file name is a word to avoid
        path = path.expanduser()
        if os.path.lexists(path):
            raise ReviewExistsError(str(already_there(path)))
        salt = new_salt()
        derivation = current_derivation()
        key = derive_key(passphrase, salt, derivation.profile, derivation.form)
        try:
            with (
                atomic_target(path) as temporary,
                closing(connect(temporary, key, salt, create=True)) as conn,
            ):
                migrate(conn, 0, cls.MIGRATIONS, application_id=cls.APPLICATION_ID)
                fill(conn)
                key_record.record_new_key(conn, key, derivation)
        except FileAlreadyThereError as exc:
            raise ReviewExistsError(str(exc)) from exc
        log.info("%s file created", cls.NOUN)
        return cls(path, salt, key, backups), recovery_code.encode(key)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        passphrase: str | None = None,
        code: str | None = None,
        key: DatabaseKey | None = None,
        backups: BackupStore | None = None,
    ) -> Self:
        """Open with exactly one of a passphrase, a recovery code or a remembered key.

        A passphrase is tried in each form and KDF profile a file of this app may have used
        (`storage.keys.candidates`). When nothing opens the file, but a key tried opens one of
        its backups, the file's start is damaged (not the passphrase wrong): that is said, with
        the newest good backup offered."""
        if sum(x is not None for x in (passphrase, code, key)) != 1:
            raise ValueError("give exactly one of passphrase, code or key")
        path = path.expanduser()
        cut_short: DamagedReviewError | None = None
        try:
            salt = precheck(path, cls.NOUN)
        except DamagedReviewError as exc:  # cut short: the salt is still there to find backups
            cut_short, salt = exc, read_salt(path)
        if code is not None:
            key = recovery_code.decode(code)  # typos rejected here, before any key work
        keys: Iterator[tuple[DatabaseKey, Derivation | None]] = (
            iter([(key, None)]) if key is not None else iter(candidates(passphrase or "", salt))
        )
        tried: list[DatabaseKey] = []
        for candidate, _derivation in keys:
            if cut_short is not None:
                tried.append(candidate)
                continue
            try:
                conn = connect(path, candidate, salt)
            except WrongPassphraseError:
                tried.append(candidate)
                continue
            except DamagedReviewError as exc:
                raise cls._damaged_at_open(exc, path, salt, [candidate], backups) from exc
            try:
                return cls._opened(conn, path, salt, candidate, backups)
            finally:
                cls._wipe(tried)
        offer = find_restore_offer(backups, salt, tried) if cls.OFFERS_RESTORE else None
        cls._wipe(tried if key is None else [])
        if cut_short is not None:
            raise cls._damaged_at_open(cut_short, path, salt, [], backups, offer=offer)
        if offer is not None:
            raise damaged_at_start(path, cls.NOUN, offer)
        if code is not None:
            raise WrongRecoveryCodeError(
                f"That recovery code does not open '{path.name}'. It may belong to another "
                f"{cls.NOUN}, or to this one before its passphrase was last changed (each "
                "change makes a new code)."
            )
        raise WrongPassphraseError(
            f"That passphrase does not open '{path.name}'. Please check it and try again, "
            "or use the recovery code. If you are sure it is right, the start of the file "
            "may be damaged: restore it from a backup."
        )

    @staticmethod
    def _wipe(keys: list[DatabaseKey]) -> None:
        for tried in keys:
            tried.wipe()

    @classmethod
    def _damaged_at_open(
        cls,
        error: DamagedReviewError,
        path: Path,
        salt: bytes,
        keys: list[DatabaseKey],
        backups: BackupStore | None,
        *,
        offer: RestoreOffer | None = None,
    ) -> DamagedReviewError:
        if offer is None and cls.OFFERS_RESTORE:
            offer = find_restore_offer(backups, salt, keys)
        message = str(error) if offer is None else f"{error} {offer_sentence(offer, cls.NOUN)}"
        return DamagedReviewError(message, path=path, restore=offer)

    @classmethod
    def _opened(
        cls,
        conn: Connection,
        path: Path,
        salt: bytes,
        key: DatabaseKey,
        backups: BackupStore | None,
    ) -> Self:
        """Check, migrate and settle a file the key has opened; the open file."""
        latest = cls.schema_version()
        try:
            with closing(conn):
                version = cls._check_identity(conn, path)
                if version < latest:
                    if backups is not None:
                        backups.take(conn, key, salt, file_id(salt), "before-migration")
                    migrate(conn, version, cls.MIGRATIONS, application_id=cls.APPLICATION_ID)
                    log.info("%s file migrated from version %d to %d", cls.NOUN, version, latest)
                settled = key_record.settle(conn, key)
        except DamagedReviewError as exc:
            raise cls._damaged_at_open(
                DamagedReviewError(
                    f"'{path.name}' opened, but part of it is damaged and cannot be read. It "
                    "has not been changed."
                ),
                path,
                salt,
                [key],
                backups,
            ) from exc
        except sqlcipher3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            raise cls._damaged_at_open(
                DamagedReviewError(
                    f"'{path.name}' opened, but part of it is damaged and cannot be read. It "
                    "has not been changed."
                ),
                path,
                salt,
                [key],
                backups,
            ) from exc
        if settled is not key_record.Settled.NOTHING_PENDING:
            log.info("%s file: %s", cls.NOUN, settled.value)
        if backups is not None:
            backups.finish_rekey(file_id(salt), key, salt)  # after an interrupted change
        log.info("%s file opened", cls.NOUN)
        return cls(path, salt, key, backups)

    @classmethod
    def _check_identity(cls, conn: Connection, path: Path) -> int:
        return check_identity(
            conn, path, cls.schema_version(), application_id=cls.APPLICATION_ID, noun=cls.NOUN
        )

    # -- damage -----------------------------------------------------------------------------
    def _damage_found(self, cause: BaseException | None = None) -> DamagedReviewError:
        """Note that the file is damaged (so nothing more is written to it) and say so, with
        the newest good backup (looked for once)."""
        with self._damage_lock:
            if not self._damaged:
                self._damaged = True
                log.warning("%s file found damaged while open; no more writes", self.NOUN)
                keys = [self._key] if self._key is not None else []
                if self.OFFERS_RESTORE:
                    self._offer = find_restore_offer(self._backups, self.salt, keys)
        return damaged_while_open(self.path, self.NOUN, self._offer)

    def _refuse_if_damaged(self) -> None:
        if self._damaged:
            raise self._damage_found()

    @property
    def is_damaged(self) -> bool:
        return self._damaged

    def damaged_error(self) -> DamagedReviewError:
        """Mark the file damaged (after `verify` found problems) and return what to tell."""
        return self._damage_found()

    @contextlib.contextmanager
    def _guarded(self) -> Iterator[None]:
        """Damage met by a raw connection is reported like damage met by a repository."""
        self._refuse_if_damaged()
        try:
            yield
        except DamagedReviewError as exc:
            raise self._damage_found(exc) from exc
        except sqlcipher3.DatabaseError as exc:
            if is_damage(exc):
                raise self._damage_found(exc) from exc
            raise

    # -- using ------------------------------------------------------------------------------
    def _locked(self) -> ReviewLockedError:
        return ReviewLockedError(f"The {self.NOUN} is locked. Unlock it to carry on.")

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise self._locked()
        self._refuse_if_damaged()
        return self._engine

    @property
    def key(self) -> DatabaseKey:
        if self._key is None:
            raise self._locked()
        return self._key

    @property
    def file_id(self) -> str:
        return file_id(self.salt)

    def _raw(self) -> Connection:
        return connect(self.path, self.key, self.salt)

    def remember_key(self, keyring: KeyringStore) -> KeyringStatus:
        return keyring.remember(self.file_id, self.key)

    # -- the recovery code in force -------------------------------------------------------------
    def unshown_recovery_code(self) -> str | None:
        """The recovery code of the key in force if it has never been shown (a kill or a broken
        pipe stopped it), else None."""
        with self._guarded(), closing(self._raw()) as conn:
            unshown = key_record.code_unshown(conn, self.key)
        return recovery_code.encode(self.key) if unshown else None

    def recovery_code_shown(self) -> None:
        """The reviewer has been shown the recovery code of the key in force."""
        with self._guarded(), closing(self._raw()) as conn:
            key_record.mark_shown(conn, self.key)

    def change_passphrase(self, new_passphrase: str, keyring: KeyringStore | None = None) -> str:
        """Rekey to a new passphrase, prove it by reopening, and return the new recovery code.

        In order, so that a kill at any moment leaves a file that opens with the old or the new
        passphrase, and backups that follow: (1) the file notes the change it is about to make;
        (2) each backup gets a re-encrypted copy under the new key; (3) the rekey, which takes
        effect all at once; (4) the note is settled and the new code marked as not yet shown;
        (5) the copies replace the old backups. The caller shows the code, then calls
        `recovery_code_shown`."""
        require_acceptable(new_passphrase, (self.path.stem,))
        old_key = self.key
        self._refuse_if_damaged()
        derivation = current_derivation()
        new_key = derive_key(new_passphrase, self.salt, derivation.profile, derivation.form)
        self.engine.dispose()  # the rekey needs the only connection
        self._engine = None
        in_force = old_key
        try:
            with self._guarded():
                with closing(self._raw()) as conn:
                    # SQLCipher's rekey of a file with a damaged page says "ok" and changes
                    # nothing: check every page first, and prove the rekey afterwards.
                    check_source(conn)
                    key_record.begin_change(conn, new_key, derivation)
                    try:
                        if self._backups is not None:
                            self._backups.prepare_rekey(self.file_id, old_key, new_key, self.salt)
                        rekey(conn, new_key, self.salt)
                    except BaseException:
                        self._abandon_change(conn)
                        raise
                if not self._opens_with(new_key):
                    with closing(self._raw()) as conn:
                        self._abandon_change(conn)
                    raise DamagedReviewError("The rekey did not take effect.")
                in_force = new_key
                if self._opens_with(old_key):  # pragma: no cover - SQLCipher ignored the rekey
                    raise RuntimeError("the old key still opens the file after a rekey")
                with closing(connect(self.path, new_key, self.salt)) as conn:
                    self._check_identity(conn, self.path)
                    key_record.settle(conn, new_key)
        except BaseException:
            if in_force is new_key:  # the change took effect; the next open finishes the rest
                self._key = new_key
                old_key.wipe()
            else:
                new_key.wipe()
            self._engine = self._make_engine(in_force)
            raise
        if self._backups is not None:
            self._backups.finish_rekey(self.file_id, new_key, self.salt, old_key=old_key)
        old_key.wipe()
        self._key = new_key
        self._engine = self._make_engine(new_key)
        if keyring is not None and keyring.recall(self.file_id) is not None:
            keyring.remember(self.file_id, new_key)
        log.info("passphrase changed")
        return recovery_code.encode(new_key)

    def _opens_with(self, key: DatabaseKey) -> bool:
        try:
            connect(self.path, key, self.salt).close()
        except WrongPassphraseError:
            return False
        return True

    def _abandon_change(self, conn: Connection) -> None:
        """A change that failed before its rekey took effect: take its marks away."""
        key_record.abandon_change(conn)
        if self._backups is not None:
            self._backups.discard_rekeyed(self.file_id)

    def verify(self) -> list[str]:
        """Problems found by SQLCipher's page check and SQLite's integrity check (none: []).
        Problems mark the file damaged: nothing more is written to it."""
        with closing(self._raw()) as conn:
            problems = integrity_problems(conn)
        if problems:
            self._damage_found()
        return problems

    def backup_to(self, target: Path) -> None:
        """An encrypted copy at `target` (a new file), openable with the same passphrase."""
        with self._guarded(), closing(self._raw()) as conn:
            copy_database(conn, target.expanduser(), self.key, self.salt)

    def take_backup(
        self, backups: BackupStore, reason: str = "automatic", *, source: Connection | None = None
    ) -> Path:
        """A backup of the file as it is, or as `source` (from `pinned_snapshot`) sees it."""
        with self._guarded():
            if source is not None:
                return backups.take(source, self.key, self.salt, self.file_id, reason)
            with closing(self._backup_source()) as conn:
                return backups.take(conn, self.key, self.salt, self.file_id, reason)

    def _backup_source(self) -> Connection:
        """A raw connection to copy from: a copy reads every page once, so it keeps a small
        page cache (the file-sized one would only hold a second copy of the file in memory)."""
        conn = self._raw()
        conn.execute(f"PRAGMA cache_size = -{BACKUP_CACHE_KIB}")
        return conn

    def pinned_snapshot(self) -> Connection:
        """A raw connection holding a read transaction: a backup taken from it later, on
        another thread, holds the file as it is now, whatever is written meanwhile. The caller
        closes it (which ends the transaction)."""
        with self._guarded():
            conn = self._backup_source()
            try:
                conn.execute("BEGIN")
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except BaseException:
                conn.close()
                raise
            return conn

    def close(self) -> None:
        """Dispose every connection and wipe the key (also how the review locks)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._key is not None:
            self._key.wipe()
            self._key = None
        log.info("%s file closed", self.NOUN)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ReviewFile(EncryptedFile):
    """An open review."""

    @classmethod
    def create(
        cls, path: Path, details: Review, passphrase: str, backups: BackupStore | None = None
    ) -> tuple[ReviewFile, str]:
        """A new review at `path` (which must not exist); returns it and its recovery code."""
        return cls._create_file(
            path, passphrase, lambda conn: _insert_review(conn, details), backups
        )


__all__ = ["EncryptedFile", "ReviewFile", "find_restore_offer"]
