"""Raw SQLCipher connections: the one place a key meets the database.

Every connection is made here, with the same settings (see `_SETTINGS`), and the key is given
as a blob literal in the first statement after SQLCipher's log is silenced: never in a URL or a
file name, never in a log line.
"""

from __future__ import annotations

import logging
import math
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any

import sqlcipher3

from reviewer_app.errors import (
    DamagedReviewError,
    NewerReviewVersionError,
    NotAReviewError,
    ReviewNotFoundError,
    WrongPassphraseError,
)
from reviewer_app.locations import journal_mode_for, not_available
from storage.keys import SALT_BYTES, DatabaseKey

log = logging.getLogger(__name__)

APPLICATION_ID = 0x53435252  # "SCRR": marks a SQLCipher file as a review
PAGE_SIZE = 4096  # SQLCipher 4 default
SQLITE_CORRUPT = 11
SQLITE_MAGIC = b"SQLite format 3\x00"

# Applied to every connection after the key. WAL + synchronous=FULL: a commit is durable once
# acknowledged, and a crash mid-transaction rolls back cleanly. temp_store=MEMORY keeps sorts and
# temporary tables off the disk, where they would be plaintext. The journal mode comes first
# (`connect`'s `journal_mode`): WAL on this computer, the rollback journal (DELETE) in a synced
# or network folder, where WAL is unsafe (reviewer_app/locations.py).
JOURNAL_MODES = ("WAL", "DELETE", "TRUNCATE")
_SETTINGS = (
    "PRAGMA temp_store = MEMORY",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
)
#: The page cache holds the whole file where it can (each page read from disk costs a
#: decryption; a search on a common word reads most of a big review), from 32 MiB up to
#: 256 MiB per connection. SQLite allocates it only as pages are read.
CACHE_FLOOR = 32 << 20
CACHE_CEILING = 256 << 20


def cache_size_pragma(path: Path) -> str:
    """The `cache_size` setting for the file at `path`, in KiB (a negative number, as SQLite
    takes it): room for the file and a tenth more, within the floor and the ceiling."""
    try:
        size = path.stat().st_size
        wal = path.with_name(path.name + "-wal")
        size += wal.stat().st_size if wal.exists() else 0
    except OSError:
        size = 0
    wanted = min(max(size + size // 10, CACHE_FLOOR), CACHE_CEILING)
    return f"PRAGMA cache_size = -{wanted >> 10}"


Connection = Any  # sqlcipher3 ships no type information


def _uri(path: Path, mode: str) -> str:
    return f"file:{urllib.parse.quote(str(path.resolve()))}?mode={mode}"


def _apply_key(conn: Connection, key: DatabaseKey, salt: bytes, *, rekey: bool = False) -> None:
    statement = "rekey" if rekey else "key"
    conn.execute(f"PRAGMA {statement} = {key.pragma_value(salt)}")


def connect(
    path: Path,
    key: DatabaseKey,
    salt: bytes,
    *,
    create: bool = False,
    journal_mode: str | None = None,
) -> Connection:
    """An open, keyed connection with the standard settings; raises a `ReviewFileError`.

    `create=False` opens with `mode=rw`, which fails rather than create a missing file: nothing
    here ever makes a database where the caller expected one. `journal_mode` is one of
    `JOURNAL_MODES`; None chooses by where the file is (`journal_mode_for`).
    """
    mode = journal_mode if journal_mode is not None else journal_mode_for(path)
    if mode not in JOURNAL_MODES:
        raise ValueError(f"unknown journal mode {mode!r}")
    try:
        conn = sqlcipher3.connect(
            _uri(path, "rwc" if create else "rw"),
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlcipher3.OperationalError as exc:
        raise ReviewNotFoundError(f"The review file '{path.name}' could not be opened.") from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        # Off by measurement, not by default: wiping every freed allocation made a 10,000-row
        # import into a 50,000-entry review 9x slower (6.4 s against 0.73 s). Locking closes
        # every connection and wipes the key instead; see docs/security.md.
        conn.execute("PRAGMA cipher_memory_security = OFF")
        _apply_key(conn, key, salt)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as exc:
            if getattr(exc, "sqlite_errorcode", None) == SQLITE_CORRUPT:
                # The first page opened (so the key is right) but a later one is damaged.
                raise DamagedReviewError(
                    f"'{path.name}' opened, but part of it is damaged and cannot be read. It "
                    "has not been changed. Restore it from a backup."
                ) from exc
            raise WrongPassphraseError(
                f"That passphrase does not open '{path.name}'. Please check it and try again, "
                "or use the recovery code. If you are sure it is right, the start of the file "
                "may be damaged: restore it from a backup."
            ) from exc
        in_force = conn.execute(f"PRAGMA journal_mode = {mode}").fetchone()[0]
        if str(in_force).upper() != mode:  # another connection holds the file; it stays as it is
            log.info("journal mode stays %s (asked for %s)", in_force, mode)
        for statement in _SETTINGS:
            conn.execute(statement)
        conn.execute(cache_size_pragma(path))
    except BaseException:
        conn.close()
        raise
    return conn


def rekey(conn: Connection, key: DatabaseKey, salt: bytes) -> None:
    _apply_key(conn, key, salt, rekey=True)


def _entropy(data: bytes) -> float:
    counts = Counter(data)
    total = len(data)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def precheck(path: Path, noun: str = "review") -> bytes:
    """Tell a file that cannot be a review apart before any key work; return its salt.

    Reads only. An encrypted review is a whole number of 4 KiB pages that look like noise; a
    plain SQLite file starts with its magic; other files are neither. `noun` names the kind of
    file in messages ("review", or "learning library" for the reviewer's library).
    """
    if not path.exists():
        raise ReviewNotFoundError(
            f"There is no file at '{path}'. Check the folder, or open the review from the list "
            "of recent reviews."
        )
    if not path.is_file():
        raise NotAReviewError(f"'{path.name}' is a folder, not a {noun} file.")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(PAGE_SIZE)
    except OSError as exc:  # an online-only copy while offline, a network drive that has gone
        raise not_available(path) from exc
    if size == 0:
        raise NotAReviewError(f"'{path.name}' is empty: it is not a {noun} file.")
    if head.startswith(SQLITE_MAGIC):
        raise NotAReviewError(
            f"'{path.name}' is an ordinary, unencrypted database, not an SCR Reviewer {noun}. "
            "It has not been changed."
        )
    if len(head) < PAGE_SIZE or _entropy(head) < 7.5:
        raise NotAReviewError(
            f"'{path.name}' is not an SCR Reviewer {noun} file (it is some other kind of file). "
            "It has not been changed."
        )
    if size % PAGE_SIZE:
        raise DamagedReviewError(
            f"'{path.name}' looks like a {noun} file but is incomplete, perhaps cut short while "
            "being copied. It has not been changed. Restore it from a backup or ask for a "
            "fresh copy."
        )
    return head[:SALT_BYTES]


def check_identity(
    conn: Connection,
    path: Path,
    schema_version: int,
    *,
    application_id: int = APPLICATION_ID,
    noun: str = "review",
) -> int:
    """Refuse a foreign or newer database; return the file's schema version."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlcipher3.DatabaseError as exc:
        raise DamagedReviewError(
            f"'{path.name}' opened but could not be read: it is damaged. It has not been "
            "changed. Restore it from a backup."
        ) from exc
    if app_id != application_id:
        raise NotAReviewError(
            f"'{path.name}' is an encrypted database from another program, not a {noun}. "
            "It has not been changed."
        )
    if version > schema_version:
        raise NewerReviewVersionError(
            f"'{path.name}' was saved by a newer version of SCR Reviewer (file format "
            f"{version}; this version reads up to {schema_version}). Please update the app to "
            "open it. The file has not been changed."
        )
    return int(version)


def integrity_problems(conn: Connection) -> list[str]:
    """Every problem SQLCipher's page check and SQLite's structure check report (empty if none)."""
    problems: list[str] = []
    try:
        problems += [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
        rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlcipher3.DatabaseError as exc:
        return [*problems, f"the file could not be read through: {exc}"]
    problems += [row for row in rows if row != "ok"]
    return problems
