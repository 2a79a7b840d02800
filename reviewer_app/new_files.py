"""Writing files the safe way: the one place the app makes a file on disk.

Every file the app writes (reviews, backups, exports, reports, settings) is made here:

- **owner-only** (0600), whatever the umask;
- **never over an existing path** (a dangling symbolic link counts), unless replacing is asked for
  (the settings file, a report the reviewer agreed to replace);
- **never half-written at its target**: the content goes to a hidden temporary file in the same
  folder (`.NAME.PID-RANDOM.partial`), is synced to disk, and only then takes the target's name,
  in one step. A kill or power cut at any moment leaves either no file at the target or the
  whole file. Without replacing, the last step is a hard link (which fails if anything has
  appeared at the target meanwhile); on file systems without hard links it is a rename after a
  last check.

`create_new` opens a new file for streaming writes where a half-written file is harmless or
cleaned up by its caller; everything else uses `write_new_atomic` or, where a library must write
to a path itself (SQLCipher), `atomic_target`. `secure_delete` overwrites before unlinking.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from reviewer_app.errors import FileAlreadyThereError, FileInUseError

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"
#: What SQLite may leave beside a database file; removed with a temporary database.
SIDE_FILES = ("-wal", "-shm", "-journal")
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EXDEV}
_CHUNK = 1 << 20

Content = bytes | Iterable[bytes] | Callable[[BinaryIO], object]


def _exists(path: Path) -> bool:
    return os.path.lexists(path)


def already_there(path: Path) -> FileAlreadyThereError:
    return FileAlreadyThereError(
        f"There is already a file at '{path}'. Choose another name: SCR Reviewer never "
        "writes over an existing file."
    )


def create_new(path: Path) -> BinaryIO:
    """Open a new, owner-only file for writing; refuses (plainly) if anything is at `path`."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError as exc:
        raise already_there(path) from exc
    except OSError as exc:
        raise FileAlreadyThereError(
            f"A file could not be created at '{path}': {exc.strerror}."
        ) from exc
    if hasattr(os, "fchmod"):
        os.fchmod(fd, 0o600)  # whatever the umask
    return os.fdopen(fd, "wb")


def partial_name(path: Path) -> Path:
    """A hidden, unique name beside `path` for its content while it is being written."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{PARTIAL_SUFFIX}")


def is_partial(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(PARTIAL_SUFFIX)


def remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows syncs writable files only
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Make a rename or link in `folder` durable (where the system allows it)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the data itself is synced
    finally:
        os.close(fd)


def in_use(path: Path) -> FileInUseError:
    return FileInUseError(
        f"'{path.name}' is open in another program, such as Word or a PDF reader, so it could "
        "not be replaced. Close it there and try again, or choose another name. Nothing was "
        "written."
    )


def _put_in_place(temporary: Path, path: Path, *, replace: bool) -> None:
    if replace:
        try:
            os.replace(temporary, path)
        except PermissionError as exc:  # Windows: the target is open in Word or Acrobat
            raise in_use(path) from exc
        return
    try:
        os.link(temporary, path)  # never follows a link at `path`: it fails if anything is there
    except FileExistsError as exc:
        raise already_there(path) from exc
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # A file system without hard links: check once more, then rename (the gap is tiny).
        if _exists(path):
            raise already_there(path) from exc
        os.rename(temporary, path)
        return
    os.unlink(temporary)


@contextlib.contextmanager
def atomic_target(path: Path, *, replace: bool = False) -> Iterator[Path]:
    """A new, empty owner-only file beside `path` to write to; put in place whole on success.

    On leaving the block normally the file is synced and takes `path`'s name in one step; on an
    exception it is removed (with any SQLite side files). Refuses at once, before any work, if
    something is at `path` and `replace` is not given.
    """
    path = path.expanduser()
    if not replace and _exists(path):
        raise already_there(path)
    remove_abandoned_partials(path.parent, of=path.name)  # left by a killed run for this target
    temporary = partial_name(path)
    create_new(temporary).close()
    try:
        yield temporary
        for suffix in SIDE_FILES:  # a database written there must have been closed
            if _exists(Path(f"{temporary}{suffix}")):
                raise RuntimeError("a temporary database was still open")
        sync_file(temporary)
        _put_in_place(temporary, path, replace=replace)
        sync_folder(path.parent)
    except BaseException:
        remove_with_side_files(temporary)
        raise


def write_new_atomic(path: Path, content: Content, *, replace: bool = False) -> None:
    """Write `content` (bytes, an iterable of byte chunks, or a function given the open file)
    to `path` through a synced temporary file, so `path` is never seen half-written."""
    with atomic_target(path, replace=replace) as temporary, temporary.open("r+b") as handle:
        if isinstance(content, bytes | bytearray | memoryview):
            handle.write(content)
        elif callable(content):
            content(handle)
        else:
            for chunk in content:
                handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())


def copy_new_atomic(source: Path, path: Path) -> None:
    """Copy `source` to the new file `path`, whole or not at all."""

    def chunks() -> Iterator[bytes]:
        with source.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                yield chunk

    write_new_atomic(path, chunks())


def overwrite_with_noise(path: Path) -> None:
    """Overwrite a file's content with random bytes, in place, and sync it.

    A best effort: on solid-state drives, copy-on-write file systems and in snapshots the old
    blocks may survive. The files the app treats this way are encrypted anyway; this takes away
    the old copy where the file system allows it.
    """
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            left = size
            while left > 0:
                step = min(left, _CHUNK)
                handle.write(secrets.token_bytes(step))
                left -= step
            handle.flush()
            os.fsync(handle.fileno())
    except FileNotFoundError:
        return
    except OSError:
        log.warning("a file could not be overwritten before removal")


def secure_delete(path: Path) -> None:
    """Overwrite a file with random bytes, sync, then remove it (see `overwrite_with_noise`)."""
    overwrite_with_noise(path)
    remove_with_side_files(path)


def _writer_gone(path: Path, older_than: float) -> bool:
    """True if the process that wrote this partial file has ended (or it is simply old)."""
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return False
    if age > older_than:
        return True
    if os.name != "posix":
        return False
    pid_text = path.name[1:].rsplit(".", 2)[-2].split("-")[0]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def remove_abandoned_partials(
    folder: Path, *, of: str | None = None, older_than: float = 3600.0
) -> int:
    """Remove temporary files left in `folder` by a writer that was killed (only those for the
    target named `of`, if given); returns how many."""
    removed = 0
    if not folder.is_dir():
        return removed
    prefix = f".{of}." if of is not None else "."
    for path in folder.iterdir():
        if is_partial(path) and path.name.startswith(prefix) and _writer_gone(path, older_than):
            remove_with_side_files(path)
            removed += 1
    return removed
