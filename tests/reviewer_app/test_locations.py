"""Synced and network folders, found with fake roots.

Windows and macOS cannot run here, so their branches are tried by injecting the platform: a
`System` with `platform="win32"` or `"darwin"`, its environment, home folder, drive types and
file system types made up by the test. Only the Linux mount table and the copy are real.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

import pytest

from reviewer_app.errors import FileAlreadyThereError, UserFacingError
from reviewer_app.locations import (
    DRIVE_REMOTE,
    NEW_REVIEWS_FOLDER,
    FileNotAvailableError,
    Kind,
    System,
    classify,
    copy_to_this_computer,
    filesystem_type_from_mounts,
    folder_for_new_reviews,
    journal_mode_for,
)
from reviewer_app.paths import AppPaths

WIN_HOME = PureWindowsPath(r"C:\Users\ann.smith")
MAC_HOME = PurePosixPath("/Users/ann")


def windows(
    env: dict[str, str] | None = None,
    *,
    remote: str = "",
    files: dict[str, str] | None = None,
) -> System:
    """A Windows laptop: OneDrive Known Folder Move as councils set it up, H: a network drive."""
    texts = {str(PureWindowsPath(k)).casefold(): v for k, v in (files or {}).items()}
    return System(
        platform="win32",
        environ={
            "USERPROFILE": str(WIN_HOME),
            "APPDATA": str(WIN_HOME / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(WIN_HOME / "AppData" / "Local"),
            **(env or {}),
        },
        home=WIN_HOME,
        drive_type=lambda root: DRIVE_REMOTE if root.upper()[:1] in remote else 3,
        read_text=lambda path: texts.get(str(path).casefold()),
    )


def mac(*, desktop_and_documents: bool = False, fs: str = "apfs") -> System:
    cloud_docs = MAC_HOME / "Library" / "Mobile Documents" / "com~apple~CloudDocs" / "Documents"
    return System(
        platform="darwin",
        environ={},
        home=MAC_HOME,
        filesystem_type=lambda _path: fs,
        is_dir=lambda path: desktop_and_documents and path == cloud_docs,
    )


COUNCIL = {"OneDrive": r"C:\Users\ann.smith\OneDrive - Northshire Council"}
COUNCIL["OneDriveCommercial"] = COUNCIL["OneDrive"]


@pytest.mark.parametrize(
    ("path", "kind", "service"),
    [
        (
            r"C:\Users\ann.smith\OneDrive - Northshire Council\Documents\Child Q.review",
            "synced",
            "OneDrive",
        ),
        (r"c:\users\ANN.SMITH\onedrive - northshire council\x.review", "synced", "OneDrive"),
        (r"C:\Users\ann.smith\SCR Reviews\Child Q.review", "local", ""),
        (r"C:\Users\ann.smith\Documents\Child Q.review", "local", ""),
        (r"\\fileserver\cs-reviews\Child Q.review", "network", "a network drive"),
        (r"//fileserver/cs-reviews/Child Q.review", "network", "a network drive"),
        (r"\\?\UNC\fileserver\share\Child Q.review", "network", "a network drive"),
        (r"\\?\C:\Users\ann.smith\SCR Reviews\x.review", "local", ""),
        (r"H:\Reviews\Child Q.review", "network", "a network drive"),
        (r"G:\My Drive\Reviews\x.review", "synced", "Google Drive"),
        (r"C:\Users\ann.smith\iCloudDrive\x.review", "synced", "iCloud Drive"),
        (r"C:\Users\ann.smith\Box\x.review", "synced", "Box"),
        (r"D:\Projects\Box\x.review", "local", ""),  # "Box" counts only in the home folder
        (r"C:\Users\ann.smith\Dropbox (Northshire)\x.review", "synced", "Dropbox"),
    ],
)
def test_windows_paths_are_classified(path: str, kind: str, service: str) -> None:
    found = classify(PureWindowsPath(path), windows(COUNCIL, remote="H"))
    assert (found.kind, found.service) == (Kind(kind), service)
    assert found.journal_mode == ("WAL" if kind == "local" else "DELETE")


def test_windows_onedrive_consumer_and_dropbox_info_json() -> None:
    info = {"personal": {"path": r"E:\Sync\DB"}, "business": {"path": r"E:\Work DB"}}
    system = windows(
        {"OneDriveConsumer": r"D:\Personal Cloud"},
        files={r"C:\Users\ann.smith\AppData\Local\Dropbox\info.json": json.dumps(info)},
    )
    assert classify(PureWindowsPath(r"D:\Personal Cloud\a.review"), system).service == "OneDrive"
    assert classify(PureWindowsPath(r"E:\Sync\DB\a.review"), system).service == "Dropbox"
    assert classify(PureWindowsPath(r"E:\Work DB\b\a.review"), system).service == "Dropbox"
    assert classify(PureWindowsPath(r"E:\Elsewhere\a.review"), system).is_local


def test_a_broken_dropbox_info_json_is_ignored() -> None:
    system = windows(files={r"C:\Users\ann.smith\AppData\Roaming\Dropbox\info.json": "{not json"})
    assert classify(PureWindowsPath(r"E:\a.review"), system).is_local


@pytest.mark.parametrize(
    ("path", "kind", "service"),
    [
        (
            "/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/x.review",
            "synced",
            "iCloud Drive",
        ),
        ("/Users/ann/Library/CloudStorage/OneDrive-Northshire/x.review", "synced", "OneDrive"),
        (
            "/Users/ann/Library/CloudStorage/GoogleDrive-ann@example.org/My Drive/x.review",
            "synced",
            "Google Drive",
        ),
        ("/Users/ann/Library/CloudStorage/Dropbox/x.review", "synced", "Dropbox"),
        (
            "/Users/ann/Library/CloudStorage/SomethingNew/x.review",
            "synced",
            "a cloud storage service",
        ),
        ("/Users/ann/Documents/x.review", "local", ""),
        ("/Users/ann/SCR Reviews/x.review", "local", ""),
    ],
)
def test_macos_paths_are_classified(path: str, kind: str, service: str) -> None:
    found = classify(PurePosixPath(path), mac())
    assert (found.kind, found.service) == (Kind(kind), service)


def test_macos_desktop_and_documents_in_icloud() -> None:
    system = mac(desktop_and_documents=True)
    assert classify(MAC_HOME / "Documents" / "x.review", system).service == "iCloud Drive"
    assert classify(MAC_HOME / "Desktop" / "x.review", system).service == "iCloud Drive"
    assert classify(MAC_HOME / "SCR Reviews" / "x.review", system).is_local


@pytest.mark.parametrize("fs", ["smbfs", "nfs", "afpfs", "webdav"])
def test_macos_network_volumes(fs: str) -> None:
    assert classify(PurePosixPath("/Volumes/Share/x.review"), mac(fs=fs)).kind is Kind.NETWORK


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/reviews /mnt/reviews cifs rw,relatime 0 0
server:/export/home /home/ann/nfs\\040home nfs4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def test_linux_mount_table_gives_the_innermost_file_system() -> None:
    assert filesystem_type_from_mounts(PurePosixPath("/mnt/reviews/a.review"), MOUNTS) == "cifs"
    assert filesystem_type_from_mounts(PurePosixPath("/mnt/reviewsX/a"), MOUNTS) == "ext4"
    assert filesystem_type_from_mounts(PurePosixPath("/home/ann/nfs home/a"), MOUNTS) == "nfs4"
    assert filesystem_type_from_mounts(PurePosixPath("/tmp/x"), MOUNTS) == "tmpfs"


def linux(mounts: str = MOUNTS, files: dict[str, str] | None = None) -> System:
    texts = files or {}
    return System(
        platform="linux",
        environ={},
        home=PurePosixPath("/home/ann"),
        filesystem_type=lambda path: filesystem_type_from_mounts(path, mounts),
        read_text=lambda path: texts.get(str(path)),
    )


def test_linux_network_mounts_and_dropbox() -> None:
    info = json.dumps({"personal": {"path": "/data/ann/Dropbox"}})
    system = linux(files={"/home/ann/.dropbox/info.json": info})
    assert classify(PurePosixPath("/mnt/reviews/x.review"), system).kind is Kind.NETWORK
    assert classify(PurePosixPath("/data/ann/Dropbox/x.review"), system).service == "Dropbox"
    assert classify(PurePosixPath("/home/ann/OneDrive/x.review"), system).service == "OneDrive"
    assert classify(PurePosixPath("/home/ann/reviews/x.review"), system).is_local


def test_new_reviews_start_on_this_computer_when_documents_is_synced() -> None:
    kfm = windows(COUNCIL)
    synced_documents = PureWindowsPath(COUNCIL["OneDrive"]) / "Documents"
    assert folder_for_new_reviews(synced_documents, kfm) == WIN_HOME / NEW_REVIEWS_FOLDER
    plain = WIN_HOME / "Documents"
    assert folder_for_new_reviews(plain, windows()) == plain
    assert folder_for_new_reviews(MAC_HOME / "Documents", mac(desktop_and_documents=True)) == (
        MAC_HOME / NEW_REVIEWS_FOLDER
    )


def test_warnings_are_plain_and_empty_for_local_folders() -> None:
    synced = classify(PureWindowsPath(COUNCIL["OneDrive"]) / "a.review", windows(COUNCIL))
    assert "OneDrive copies to the internet" in synced.warning("a.review")
    assert synced.command_line_warning(Path("a.review")).startswith("warning: a.review is in")
    network = classify(PureWindowsPath(r"\\srv\s\a.review"), windows())
    assert "on a network drive" in network.warning("a.review")
    local = classify(WIN_HOME / "a.review", windows())
    assert local.warning("a.review") == "" and local.command_line_warning(Path("a")) == ""


def test_this_computer_is_classified_without_injection(tmp_path: Path) -> None:
    assert journal_mode_for(tmp_path / "x.review") == "WAL"
    assert journal_mode_for(tmp_path / "Dropbox" / "x.review") == "DELETE"
    assert classify(tmp_path).is_local


def test_copying_a_closed_review_to_this_computer(tmp_path: Path) -> None:
    source = tmp_path / "OneDrive" / "a.review"
    source.parent.mkdir()
    source.write_bytes(b"\n\r\x1a" * 3000)
    target = tmp_path / "local" / "a.review"
    target.parent.mkdir()
    copy_to_this_computer(source, target)
    assert target.read_bytes() == source.read_bytes()
    with pytest.raises(FileAlreadyThereError):
        copy_to_this_computer(source, target)


def test_a_review_left_open_is_not_copied_alone(tmp_path: Path) -> None:
    source = tmp_path / "a.review"
    source.write_bytes(b"x" * 4096)
    Path(f"{source}-wal").write_bytes(b"unfinished")
    with pytest.raises(UserFacingError, match="not closed properly"):
        copy_to_this_computer(source, tmp_path / "b.review")
    assert not (tmp_path / "b.review").exists()


def test_an_unreadable_file_gets_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An online-only OneDrive file while offline: reading fails with an OSError (simulated)."""
    source = tmp_path / "a.review"
    source.write_bytes(b"x" * 4096)
    real_open = Path.open

    def offline(self: Path, *args: object, **kwargs: object) -> object:
        if self == source:
            raise OSError(22, "The cloud file provider is not running")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", offline)
    with pytest.raises(FileNotAvailableError, match="online only"):
        copy_to_this_computer(source, tmp_path / "b.review")


def test_pure_paths_are_accepted(tmp_path: Path) -> None:
    system = linux()
    assert classify(PurePath("/mnt/reviews"), system).kind is Kind.NETWORK


def test_the_command_line_warns_in_one_line(tmp_path: Path, app_paths: AppPaths) -> None:
    from tests.helpers.secrets_watch import NEW_PASSPHRASE
    from tests.reviewer_app.test_cli import run

    folder = tmp_path / "Dropbox"
    folder.mkdir()
    path = folder / "a.review"
    made = run(
        "new",
        str(path),
        "--title",
        "Kept in Dropbox",
        app_paths=app_paths,
        passphrase=None,
        REVIEWER_APP_NEW_PASSPHRASE=NEW_PASSPHRASE,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    assert made.returncode == 0, made.stderr
    warning = "warning: a.review is in a folder that Dropbox copies to the internet"
    assert made.stderr.startswith(warning)
    checked = run(
        "verify",
        str(path),
        app_paths=app_paths,
        passphrase=NEW_PASSPHRASE,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    assert checked.returncode == 0 and checked.stderr.startswith(warning)
    local = run(
        "new",
        str(tmp_path / "b.review"),
        "--title",
        "Here",
        app_paths=app_paths,
        passphrase=None,
        REVIEWER_APP_NEW_PASSPHRASE=NEW_PASSPHRASE,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    assert "warning:" not in local.stderr
