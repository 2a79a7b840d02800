"""One review file: create, open (passphrase, recovery code or remembered key), rekey, verify,
back up, close. The facade the composition root hands to services.

Opening never changes a file it refuses: everything that can be checked without the key is
checked first (`precheck`), a wrong key fails on the first page read before SQLite writes
anything, and a newer or foreign file is closed again without a write. Migrating an older file
is preceded by an encrypted backup copy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import ClassVar, Self

from sqlalchemy import Engine

from reviewer_app.errors import (
    ReviewLockedError,
    WrongPassphraseError,
    WrongRecoveryCodeError,
)
from reviewer_app.passphrases import require_acceptable
from reviewer_app.review import Review
from storage import recovery_code
from storage.backups import BackupStore, copy_database, reserve_new_file
from storage.connection import (
    APPLICATION_ID,
    Connection,
    check_identity,
    connect,
    integrity_problems,
    precheck,
    rekey,
)
from storage.engine import make_engine
from storage.keyring_store import KeyringStatus, KeyringStore
from storage.keys import DatabaseKey, derive_key, file_id, new_salt
from storage.migrations import MIGRATIONS, Migration, migrate
from storage.review_repository import review_to_row

log = logging.getLogger(__name__)


def _insert_review(conn: Connection, details: Review) -> None:
    row = review_to_row(details)
    columns = ", ".join(row)
    placeholders = ", ".join(f":{name}" for name in row)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(f"INSERT INTO review ({columns}) VALUES ({placeholders})", row)  # noqa: S608
    conn.execute("COMMIT")


class EncryptedFile:
    """An open SQLCipher file of this app. `close()` (or locking) disposes every connection and
    wipes the key. Subclasses say which kind of file they are: its application id, migrations
    and the word used for it in messages (a review, the learning library)."""

    APPLICATION_ID: ClassVar[int] = APPLICATION_ID
    MIGRATIONS: ClassVar[tuple[Migration, ...]] = MIGRATIONS
    NOUN: ClassVar[str] = "review"

    def __init__(self, path: Path, salt: bytes, key: DatabaseKey) -> None:
        self.path = path
        self.salt = salt
        self._key: DatabaseKey | None = key
        self._engine: Engine | None = make_engine(path, key, salt)

    @classmethod
    def schema_version(cls) -> int:
        return cls.MIGRATIONS[-1].version

    # -- creating and opening -------------------------------------------------------------
    @classmethod
    def _create_file(
        cls, path: Path, passphrase: str, fill: Callable[[Connection], None]
    ) -> tuple[Self, str]:
        """A new file at `path` (which must not exist), migrated and `fill`ed; and its code."""
        require_acceptable(passphrase)
        path = path.expanduser()
        reserve_new_file(path)
        try:
            salt = new_salt()
            key = derive_key(passphrase, salt)
            with closing(connect(path, key, salt, create=True)) as conn:
                migrate(conn, 0, cls.MIGRATIONS, application_id=cls.APPLICATION_ID)
                fill(conn)
        except BaseException:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            raise
        log.info("%s file created", cls.NOUN)
        return cls(path, salt, key), recovery_code.encode(key)

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
        """Open with exactly one of a passphrase, a recovery code or a remembered key."""
        if sum(x is not None for x in (passphrase, code, key)) != 1:
            raise ValueError("give exactly one of passphrase, code or key")
        path = path.expanduser()
        salt = precheck(path, cls.NOUN)
        if code is not None:
            key = recovery_code.decode(code)  # typos rejected here, before any key work
        elif passphrase is not None:
            key = derive_key(passphrase, salt)
        assert key is not None
        try:
            conn = connect(path, key, salt)
        except WrongPassphraseError as exc:
            if code is not None:
                raise WrongRecoveryCodeError(
                    f"That recovery code does not open '{path.name}'. It may belong to another "
                    f"{cls.NOUN}, or to this one before its passphrase was last changed (each "
                    "change makes a new code)."
                ) from exc
            raise
        latest = cls.schema_version()
        with closing(conn):
            version = cls._check_identity(conn, path)
            if version < latest:
                if backups is not None:
                    backups.take(conn, key, salt, file_id(salt), "before-migration")
                migrate(conn, version, cls.MIGRATIONS, application_id=cls.APPLICATION_ID)
                log.info("%s file migrated from version %d to %d", cls.NOUN, version, latest)
        log.info("%s file opened", cls.NOUN)
        return cls(path, salt, key)

    @classmethod
    def _check_identity(cls, conn: Connection, path: Path) -> int:
        return check_identity(
            conn, path, cls.schema_version(), application_id=cls.APPLICATION_ID, noun=cls.NOUN
        )

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

    def change_passphrase(self, new_passphrase: str, keyring: KeyringStore | None = None) -> str:
        """Rekey to a new passphrase, prove it by reopening, and return the new recovery code."""
        require_acceptable(new_passphrase)
        old_key = self.key
        new_key = derive_key(new_passphrase, self.salt)
        self.engine.dispose()  # the rekey needs the only connection
        with closing(self._raw()) as conn:
            rekey(conn, new_key, self.salt)
        with closing(connect(self.path, new_key, self.salt)) as conn:
            self._check_identity(conn, self.path)
        try:
            connect(self.path, old_key, self.salt).close()
        except WrongPassphraseError:
            pass
        else:  # pragma: no cover - would mean SQLCipher ignored the rekey
            raise RuntimeError("the old key still opens the file after a rekey")
        old_key.wipe()
        self._key = new_key
        self._engine = make_engine(self.path, new_key, self.salt)
        if keyring is not None and keyring.recall(self.file_id) is not None:
            keyring.remember(self.file_id, new_key)
        log.info("passphrase changed")
        return recovery_code.encode(new_key)

    def verify(self) -> list[str]:
        """Problems found by SQLCipher's page check and SQLite's integrity check (none: [])."""
        with closing(self._raw()) as conn:
            return integrity_problems(conn)

    def backup_to(self, target: Path) -> None:
        """An encrypted copy at `target` (a new file), openable with the same passphrase."""
        with closing(self._raw()) as conn:
            copy_database(conn, target.expanduser(), self.key, self.salt)

    def take_backup(self, backups: BackupStore, reason: str = "automatic") -> Path:
        with closing(self._raw()) as conn:
            return backups.take(conn, self.key, self.salt, self.file_id, reason)

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
        return cls._create_file(path, passphrase, lambda conn: _insert_review(conn, details))


__all__ = ["EncryptedFile", "ReviewFile", "reserve_new_file"]
