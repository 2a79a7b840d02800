"""Encrypted copies of a review: rotating automatic backups, explicit copies and restore.

A backup is made with SQLite's online backup API into a new file keyed exactly like the
original (same key, same salt), so it is as unreadable as the review itself and opens with the
same passphrase or recovery code. Automatic backups live in the user data folder under the
file's random id (never its title) and the oldest are removed beyond `keep`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.errors import BackupError, FileAlreadyThereError, ReviewExistsError
from reviewer_app.new_files import create_new
from storage.connection import Connection, connect
from storage.keys import DatabaseKey

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(?P<stamp>\d{8}T\d{6}\d{6}Z)-(?P<reason>[a-z-]+)\.review$")
ROTATED_REASONS = frozenset({"automatic"})


def reserve_new_file(path: Path) -> None:
    """Create an empty owner-only file, refusing if anything exists at `path` already."""
    try:
        create_new(path).close()
    except FileAlreadyThereError as exc:
        raise ReviewExistsError(str(exc)) from exc


def copy_database(source: Connection, target: Path, key: DatabaseKey, salt: bytes) -> None:
    """Write an encrypted copy of `source` to the new file `target` (which must not exist)."""
    reserve_new_file(target)
    try:
        destination = connect(target, key, salt, create=True)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken: dt.datetime
    reason: str


class BackupStore:
    def __init__(self, root: Path, keep: int = 10) -> None:
        self.root = root
        self.keep = keep

    def folder(self, file_id: str) -> Path:
        return self.root / file_id

    def take(
        self, source: Connection, key: DatabaseKey, salt: bytes, file_id: str, reason: str
    ) -> Path:
        folder = self.folder(file_id)
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{stamp}-{reason}.review"
        try:
            copy_database(source, target, key, salt)
        except OSError as exc:
            raise BackupError(f"The backup could not be written: {exc.strerror}.") from exc
        log.info("backup taken (%s)", reason)
        self._rotate(file_id)
        return target

    def list(self, file_id: str) -> list[BackupInfo]:
        """Backups of one review, newest first."""
        found: list[BackupInfo] = []
        folder = self.folder(file_id)
        if not folder.is_dir():
            return found
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match:
                taken = dt.datetime.strptime(match["stamp"], "%Y%m%dT%H%M%S%fZ")
                found.append(BackupInfo(path, taken.replace(tzinfo=dt.UTC), match["reason"]))
        return sorted(found, key=lambda info: info.taken, reverse=True)

    def _rotate(self, file_id: str) -> None:
        rotating = [info for info in self.list(file_id) if info.reason in ROTATED_REASONS]
        for info in rotating[self.keep :]:
            info.path.unlink(missing_ok=True)


def restore(backup: Path, target: Path) -> None:
    """Copy a backup to a new review file at `target`; the copy stays encrypted."""
    reserve_new_file(target)
    try:
        with backup.open("rb") as source, target.open("r+b") as destination:
            while chunk := source.read(1 << 20):
                destination.write(chunk)
            destination.flush()
            os.fsync(destination.fileno())
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise BackupError(f"The backup could not be restored: {exc.strerror}.") from exc
