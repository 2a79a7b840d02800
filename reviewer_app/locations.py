"""Where a review file is kept: on this computer, in a folder a sync service copies to the
cloud (OneDrive, iCloud Drive, Dropbox, Google Drive, Box), or on a network drive.

A review in a synced or network folder is at risk: the sync program copies the file and
SQLite's write-ahead log (`-wal`, `-shm`) separately, so the copy in the cloud or on another
device can be a mix of two moments; SQLite's write-ahead log does not work over a network
file system at all; and an "online-only" placeholder cannot be read while offline. So the
window and the command line warn, new reviews start in a folder on this computer, and a review
kept in such a folder anyway is written with SQLite's rollback journal instead of the
write-ahead log (`journal_mode`), which keeps the main file whole after every commit.

Pure logic: everything looked at (the platform, environment variables, the home folder, the
type of a Windows drive, the file system holding a path) comes from a `System`, which tests
replace to try Windows and macOS on any computer. Detection is best effort and errs on the
side of warning.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from reviewer_app.errors import ReviewFileError, UserFacingError
from reviewer_app.new_files import SIDE_FILES, copy_new_atomic

#: What GetDriveTypeW returns for a network (mapped) drive.
DRIVE_REMOTE = 4
#: File systems that live on another computer (Linux's /proc/mounts names, macOS's statfs names).
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "afpfs",
        "webdav",
        "davfs",
        "fuse.davfs2",
        "ftp",
        "sshfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.gvfsd-fuse",
        "fuse.s3fs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "lustre",
        "gpfs",
        "ncpfs",
    }
)
#: Folder names sync programs use, wherever they appear in a path.
_SYNCED_NAMES = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "google drive": "Google Drive",
    "my drive": "Google Drive",
    "shared drives": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
}
#: Names too ordinary to trust anywhere: only directly inside the home folder.
_SYNCED_HOME_NAMES = {"box": "Box", "box sync": "Box", "pcloud drive": "pCloud"}
#: Prefixes of folders named after an organisation or an account ("OneDrive - Council").
_SYNCED_PREFIXES = {
    "onedrive - ": "OneDrive",
    "onedrive-": "OneDrive",
    "dropbox (": "Dropbox",
    "googledrive-": "Google Drive",
    "box-": "Box",
}
NEW_REVIEWS_FOLDER = "SCR Reviews"


class Kind(StrEnum):
    LOCAL = "local"
    SYNCED = "synced"
    NETWORK = "network"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a path is kept. `service` names the sync service or says it is a network drive."""

    kind: Kind = Kind.LOCAL
    service: str = ""

    @property
    def is_local(self) -> bool:
        return self.kind is Kind.LOCAL

    @property
    def journal_mode(self) -> str:
        """SQLite's write-ahead log on this computer; the rollback journal anywhere else."""
        return "WAL" if self.is_local else "DELETE"

    def where(self) -> str:
        if self.kind is Kind.NETWORK:
            return "on a network drive"
        return f"in a folder that {self.service} copies to the internet"

    def warning(self, name: str) -> str:
        """A plain warning for the window; empty for a folder on this computer."""
        if self.is_local:
            return ""
        return (
            f"'{name}' is {self.where()}. A review kept there can be damaged if it is copied "
            "while being saved, and cannot be opened when the connection is lost. Keep "
            "reviews in a folder on this computer; to keep a copy in shared or synced storage, "
            "put a backup there rather than the review itself."
        )

    def command_line_warning(self, path: Path) -> str:
        """One line for the command line; empty for a folder on this computer."""
        if self.is_local:
            return ""
        return (
            f"warning: {path.name} is {self.where()}; a review is safest in a folder on this "
            "computer (it is saved more slowly and carefully while it is there)."
        )


def _read_text(path: PurePath) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _is_dir(path: PurePath) -> bool:
    try:
        return Path(path).is_dir()
    except OSError:
        return False


def _windows_drive_type(root: str) -> int | None:
    """GetDriveTypeW for a drive's root ("H:\\"); None where it cannot be asked."""
    try:
        import ctypes

        windll = getattr(ctypes, "windll")  # noqa: B009 - there only on Windows
        return int(windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))
    except Exception:
        return None


def _mount_table(text: str) -> list[tuple[str, str]]:
    """(mount point, file system type) from /proc/mounts text, its escapes undone."""
    table = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].encode().decode("unicode_escape", errors="replace")
            table.append((point, fields[2]))
    return table


def filesystem_type_from_mounts(path: PurePath, mounts_text: str) -> str | None:
    """The type of the file system whose mount point is the longest that holds `path`."""
    best: tuple[int, str] | None = None
    for point, kind in _mount_table(mounts_text):
        mount = PurePosixPath(point)
        if (path == mount or mount in path.parents) and (best is None or len(point) > best[0]):
            best = (len(point), kind)
    return best[1] if best else None


def _linux_filesystem_type(path: PurePath) -> str | None:
    text = _read_text(PurePosixPath("/proc/self/mounts"))
    return filesystem_type_from_mounts(path, text) if text else None


def _macos_filesystem_type(path: PurePath) -> str | None:
    """statfs()'s f_fstypename through ctypes (macOS only; None if anything goes wrong)."""
    try:
        import ctypes

        class StatFs(ctypes.Structure):
            _fields_ = [
                ("f_bsize", ctypes.c_uint32),
                ("f_iosize", ctypes.c_int32),
                ("f_blocks", ctypes.c_uint64),
                ("f_bfree", ctypes.c_uint64),
                ("f_bavail", ctypes.c_uint64),
                ("f_files", ctypes.c_uint64),
                ("f_ffree", ctypes.c_uint64),
                ("f_fsid", ctypes.c_int32 * 2),
                ("f_owner", ctypes.c_uint32),
                ("f_type", ctypes.c_uint32),
                ("f_flags", ctypes.c_uint32),
                ("f_fssubtype", ctypes.c_uint32),
                ("f_fstypename", ctypes.c_char * 16),
                ("f_mntonname", ctypes.c_char * 1024),
                ("f_mntfromname", ctypes.c_char * 1024),
                ("f_flags_ext", ctypes.c_uint32),
                ("f_reserved", ctypes.c_uint32 * 7),
            ]

        libc = ctypes.CDLL(None)
        try:
            statfs = getattr(libc, "statfs$INODE64")  # Intel Macs
        except AttributeError:
            statfs = libc.statfs  # Apple silicon has only the 64-bit form
        found = StatFs()
        if statfs(os.fsencode(str(path)), ctypes.byref(found)) != 0:
            return None
        return found.f_fstypename.decode("ascii", errors="replace") or None
    except Exception:
        return None


def _current_filesystem_type(path: PurePath) -> str | None:
    platform = str(sys.platform)  # a plain string: type checkers narrow sys.platform itself
    if platform == "darwin":
        return _macos_filesystem_type(path)
    if platform.startswith("linux"):
        return _linux_filesystem_type(path)
    return None


@dataclass(frozen=True, slots=True)
class System:
    """What detection looks at; `System.current()` is this computer, tests build their own."""

    platform: str
    environ: Mapping[str, str]
    home: PurePath
    drive_type: Callable[[str], int | None] = field(default=lambda _root: None)
    filesystem_type: Callable[[PurePath], str | None] = field(default=lambda _path: None)
    read_text: Callable[[PurePath], str | None] = field(default=lambda _path: None)
    is_dir: Callable[[PurePath], bool] = field(default=lambda _path: False)

    @classmethod
    def current(cls) -> System:
        try:
            home: PurePath = Path.home()
        except (KeyError, RuntimeError):  # no home folder known
            home = Path(os.sep)
        return cls(
            platform=sys.platform,
            environ=os.environ,
            home=home,
            drive_type=_windows_drive_type,
            filesystem_type=_current_filesystem_type,
            read_text=_read_text,
            is_dir=_is_dir,
        )

    @property
    def windows(self) -> bool:
        return self.platform == "win32"

    @property
    def case_blind(self) -> bool:
        """Windows and macOS compare file names without regard to case (by default)."""
        return self.platform in ("win32", "darwin")

    def path(self, value: str | PurePath) -> PurePath:
        return PureWindowsPath(value) if self.windows else PurePosixPath(value)


def _parts(system: System, path: PurePath) -> tuple[str, ...]:
    parts = system.path(path).parts
    return tuple(p.casefold() for p in parts) if system.case_blind else parts


def _is_under(system: System, path: PurePath, root: PurePath) -> bool:
    inner, outer = _parts(system, path), _parts(system, root)
    return len(outer) > 0 and inner[: len(outer)] == outer


def _dropbox_roots(system: System) -> list[PurePath]:
    """Dropbox writes where its folders are to info.json ("personal" and "business")."""
    if system.windows:
        places = [system.environ.get("APPDATA"), system.environ.get("LOCALAPPDATA")]
        files = [system.path(p) / "Dropbox" / "info.json" for p in places if p]
    else:
        files = [system.home / ".dropbox" / "info.json"]
    roots = []
    for info in files:
        text = system.read_text(info)
        if not text:
            continue
        try:
            accounts = json.loads(text)
        except ValueError:
            continue
        if isinstance(accounts, dict):
            for account in accounts.values():
                if isinstance(account, dict) and isinstance(account.get("path"), str):
                    roots.append(system.path(account["path"]))
    return roots


def synced_roots(system: System) -> list[tuple[PurePath, str]]:
    """Folders this computer's sync programs are known to copy to the cloud."""
    roots: list[tuple[PurePath, str]] = []
    home = system.path(system.home)
    if system.windows:
        for name in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer"):
            if system.environ.get(name):
                roots.append((system.path(system.environ[name]), "OneDrive"))
        roots.append((home / "iCloudDrive", "iCloud Drive"))
    if system.platform == "darwin":
        roots.append((home / "Library" / "Mobile Documents", "iCloud Drive"))
        roots.append((home / "Library" / "CloudStorage", "a cloud storage service"))
        # "Desktop & Documents Folders" in iCloud: both folders are then copied to iCloud Drive.
        cloud_docs = home / "Library" / "Mobile Documents" / "com~apple~CloudDocs"
        if system.is_dir(cloud_docs / "Documents"):
            roots.append((home / "Documents", "iCloud Drive"))
            roots.append((home / "Desktop", "iCloud Drive"))
    roots += [(root, "Dropbox") for root in _dropbox_roots(system)]
    return roots


def _service_by_name(system: System, path: PurePath) -> str:
    """A sync service named by a folder in the path ("OneDrive - Council", "Dropbox")."""
    parts = system.path(path).parts
    home_depth = len(system.path(system.home).parts)
    inside_home = _is_under(system, path, system.home)
    for depth, part in enumerate(parts[:-1]):
        name = part.casefold()
        if name in _SYNCED_NAMES:
            return _SYNCED_NAMES[name]
        if inside_home and depth == home_depth and name in _SYNCED_HOME_NAMES:
            return _SYNCED_HOME_NAMES[name]
        for prefix, service in _SYNCED_PREFIXES.items():
            if name.startswith(prefix):
                return service
    return ""


def _cloud_storage_service(system: System, path: PurePath, root: PurePath) -> str:
    """macOS keeps every File Provider service under ~/Library/CloudStorage/<Service-account>."""
    parts = system.path(path).parts
    depth = len(system.path(root).parts)
    if len(parts) <= depth:
        return "a cloud storage service"
    name = parts[depth].casefold()
    for prefix, service in (
        ("onedrive", "OneDrive"),
        ("dropbox", "Dropbox"),
        ("googledrive", "Google Drive"),
        ("box", "Box"),
        ("icloud", "iCloud Drive"),
    ):
        if name.startswith(prefix):
            return service
    return "a cloud storage service"


def _is_network(system: System, path: PurePath) -> bool:
    if system.windows:
        text = str(path).replace("/", "\\")
        lowered = text.casefold()
        if lowered.startswith("\\\\?\\unc\\"):
            return True
        if lowered.startswith("\\\\?\\"):
            text = text[4:]
        elif lowered.startswith("\\\\.\\"):
            return False  # a device path
        elif text.startswith("\\\\"):
            return True  # \\server\share
        drive = PureWindowsPath(text).drive
        return bool(drive) and system.drive_type(f"{drive}\\") == DRIVE_REMOTE
    kind = system.filesystem_type(path)
    return kind is not None and kind.casefold() in NETWORK_FILESYSTEMS


def classify(path: str | PurePath, system: System | None = None) -> Location:
    """Where the file `path` is kept (it need not exist yet; for a folder, pass a path inside
    it). With no `system`, on this computer (the path made absolute, links followed)."""
    if system is None:
        system = System.current()
        try:
            path = Path(os.path.realpath(path))
        except (OSError, ValueError):
            path = Path(os.path.abspath(path))
    target = system.path(path)
    try:
        network = _is_network(system, target)
    except Exception:  # detection must never stop a review opening
        network = False
    if network:
        return Location(Kind.NETWORK, "a network drive")
    for root, service in synced_roots(system):
        if _is_under(system, target, root):
            if root.name == "CloudStorage":
                service = _cloud_storage_service(system, target, root)
            return Location(Kind.SYNCED, service)
    service = _service_by_name(system, target)
    return Location(Kind.SYNCED, service) if service else Location()


def journal_mode_for(path: str | PurePath) -> str:
    """SQLite's journal mode for a review at `path`: WAL only on this computer."""
    try:
        return classify(path).journal_mode
    except Exception:
        return "DELETE"  # when in doubt, the mode that works everywhere


def folder_for_new_reviews(documents: str | PurePath, system: System | None = None) -> PurePath:
    """Where the new-review dialog starts: Documents, unless it is synced or on the network;
    then "SCR Reviews" in the home folder (the caller makes it), which stays on this computer
    when OneDrive or iCloud take over Documents and Desktop."""
    system = system if system is not None else System.current()
    documents = system.path(documents)
    if classify(documents / "new.review", system).is_local:
        return documents
    local = system.path(system.home) / NEW_REVIEWS_FOLDER
    return local if classify(local / "new.review", system).is_local else documents


class FileNotAvailableError(ReviewFileError):
    """A file that exists but cannot be read: an online-only copy while offline, a network
    drive that has gone, or a file another program holds."""

    title = "The file could not be read"


def not_available(path: Path) -> FileNotAvailableError:
    return FileNotAvailableError(
        f"'{path.name}' is there but could not be read. If it is kept in OneDrive, iCloud "
        "Drive or another synced folder, it may be stored online only: connect to the "
        "internet, or make it available on this computer (in OneDrive, right-click it and "
        "choose \u201cAlways keep on this device\u201d), then try again. If it is on a network "
        "drive, check that the drive is connected. The file has not been changed."
    )


def copy_to_this_computer(source: Path, target: Path) -> None:
    """Copy a closed review to `target` (never over a file). Refused when SQLite's journal or
    write-ahead log is beside it: the file alone would then miss its last changes."""
    for suffix in SIDE_FILES:
        side = Path(f"{source}{suffix}")
        try:
            unfinished = side.exists() and side.stat().st_size > 0
        except OSError:
            unfinished = True
        if unfinished:
            raise UserFacingError(
                f"'{source.name}' was not closed properly the last time it was used, so it "
                "cannot be copied on its own. Open it where it is, close it, then copy it."
            )
    try:
        with source.open("rb") as handle:
            handle.read(1)  # an online-only copy fails here, while offline
    except OSError as exc:
        raise not_available(source) from exc
    try:
        copy_new_atomic(source, target)
    except OSError as exc:
        reason = exc.strerror or "an unexpected file problem"
        raise UserFacingError(
            f"'{source.name}' could not be copied to '{target.parent}': {reason}. Nothing was "
            "left half-copied."
        ) from exc
