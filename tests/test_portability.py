"""The four checks that matter most on Windows and macOS (../shared/reviews/portability.md,
section 3). They run everywhere; on Linux most of them prove little, which is why the public CI
(.github/workflows/ci.yml) runs this file by name on windows-latest and macos-latest too.

1. Exports are byte-exact: no `\\n` becomes `\\r\\n` (Windows' text mode), CSV rows end in
   one `\\r\\n`, never `\\r\\r\\n`.
2. Re-exporting a report while the target is held open (as Word or Acrobat hold it): on
   Windows `os.replace` then fails; the reviewer must get a plain message, not the crash notice.
3. A review under a drive-letter path with non-ASCII and URI-special characters is created,
   closed and opened again (SQLite's URI form of a Windows path).
4. A round trip through this computer's real keyring (Credential Manager, the Keychain, or
   Secret Service under ./run-tests.sh); on Windows the stored credential is checked to be
   kept on this computer only (CRED_PERSIST_LOCAL_MACHINE).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import keyring.backend
import keyring.core
import pytest

from exporters.chronology_csv import write_chronology_csv
from exporters.report import export_report
from reviewer_app.demo import build_demo
from reviewer_app.errors import UserFacingError
from reviewer_app.new_files import create_new, write_new_atomic
from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from storage.backups import BackupStore
from storage.keyring_store import CRED_PERSIST_LOCAL_MACHINE, SERVICE, KeyringStore
from storage.keys import file_id, read_salt
from storage.library import StoredReviewFiles
from storage.review_file import ReviewFile
from tests.exporters.report_fixtures import demo_inputs
from tests.helpers.files import make_review
from tests.helpers.secrets_watch import PASSPHRASE

ROOT = Path(__file__).resolve().parents[1]
AWKWARD = b"line one\nline two\r\nthree\rend of file here:\x1a then more\x00\n"
#: Set by the public CI, where the runner's own keyring may be used (never on a reviewer's).
REAL_KEYRING_ENV = "REVIEWER_APP_REAL_KEYRING"


def test_exports_are_byte_exact(tmp_path: Path) -> None:
    streamed = tmp_path / "streamed.bin"
    with create_new(streamed) as handle:
        handle.write(AWKWARD)
    assert streamed.read_bytes() == AWKWARD
    whole = tmp_path / "whole.bin"
    write_new_atomic(whole, AWKWARD * 1000)
    assert whole.read_bytes() == AWKWARD * 1000

    csv_path = tmp_path / "chronology.csv"
    written = write_chronology_csv(build_demo(entries=30), csv_path)
    data = csv_path.read_bytes()
    assert written == 30
    assert b"\r\r\n" not in data
    assert data.count(b"\r\n") >= 31  # the header and every row end in exactly one CRLF


def test_re_export_while_the_target_is_held_open(tmp_path: Path) -> None:
    target = tmp_path / "Draft report.docx"
    export_report(demo_inputs(), "docx", target)
    with target.open("rb"):  # Python's open shares no delete access on Windows, like Word
        try:
            export_report(demo_inputs(), "docx", target, overwrite=True)
        except UserFacingError as error:
            assert "close" in str(error).lower()  # a plain message naming what to do
            return
    assert target.stat().st_size > 0  # where the system allows it, the new report is there


def test_a_review_under_a_drive_letter_path_with_non_ascii_characters(tmp_path: Path) -> None:
    folder = tmp_path / "Zoë's reviews #1 %20 (Ünïcödé) 日本"
    folder.mkdir()
    path = folder / "Child Ä #2 %41 ø.review"
    if sys.platform == "win32":
        assert path.resolve().drive.endswith(":"), "the runner's temp folder has a drive letter"
    make_review(path, title="Portability")
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
        assert review.verify() == []
    assert sorted(p.name for p in folder.iterdir()) == [path.name]  # no stray side files


def test_a_real_keyring_round_trip(
    tmp_path: Path, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_linux = sys.platform.startswith("linux")
    allowed = os.environ.get(REAL_KEYRING_ENV) == "1" or (
        on_linux and os.environ.get("REVIEWER_APP_SECRET_SERVICE") == "1"
    )
    if not allowed:
        pytest.skip(
            f"uses this computer's real keyring: set {REAL_KEYRING_ENV}=1 (the public CI does), "
            "or run ./run-tests.sh on Linux"
        )
    # keyring chooses among every backend class defined so far, the test suite's in-memory
    # ones too; the app defines none, so this test lets keyring see only its own.
    own = [
        found
        for found in keyring.backend.get_all_keyring()
        if type(found).__module__.startswith("keyring.backends.")
    ]
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: own)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    store = KeyringStore()  # the backend keyring finds here, through the allow-list
    assert store.status().available, "the runner's keyring should be usable"
    files = StoredReviewFiles(BackupStore(app_paths.backups), store)
    path = tmp_path / "kept.review"
    created = files.create(path, Review(title="Keyring"), PASSPHRASE, remember=True)
    assert created.keyring.available
    created.review.close()
    kept_as = file_id(read_salt(path))
    try:
        if sys.platform == "win32":  # keyring's own reader gives the credential as written
            credential = store._backend._resolve_credential(SERVICE, f"review-key:{kept_as}")
            assert credential is not None, "the key was written to Credential Manager"
            assert credential["Persist"] == CRED_PERSIST_LOCAL_MACHINE, "it must not roam"
        review = files.open_remembered(path)
        assert review is not None, "the remembered key opens the review"
        review.forget_on_this_computer()
        review.close()
        assert files.open_remembered(path) is None
    finally:
        store.forget(kept_as)  # never leave a test's key in the runner's keyring


def test_a_target_held_open_gives_the_plain_close_it_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a file another program holds open (PermissionError from
    `os.replace`); injected here, as Linux allows it."""
    from reviewer_app import new_files
    from reviewer_app.errors import FileInUseError

    target = tmp_path / "Draft report.docx"
    target.write_bytes(b"the earlier export")

    def held_open(source: object, destination: object) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(new_files.os, "replace", held_open)
    with pytest.raises(FileInUseError) as raised:
        new_files.write_new_atomic(target, b"the new export", replace=True)
    assert "Close it there and try again" in str(raised.value)
    assert target.read_bytes() == b"the earlier export"  # nothing changed
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no partial left


def test_the_windows_version_resource_names_the_program_and_its_version() -> None:
    """The text PyInstaller reads on Windows (pefile, which parses it there, is not installed
    here): evaluated with stand-ins for PyInstaller's classes, it holds en-GB strings naming
    each program and pyproject's version, and Windows' four version numbers."""
    import ast
    import tomllib

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from windows_version import version_file_text, version_numbers
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]

    def record(kind: str):  # type: ignore[no-untyped-def]
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable"]
    names += ["StringStruct", "VarFileInfo", "VarStruct"]
    for program, description in [
        ("scr-reviewer", "SCR Reviewer"),
        ("scr-reviewer-cli", "SCR Reviewer (command line)"),
    ]:
        text = version_file_text(version, program)
        tree = compile(ast.parse(text, mode="eval"), "version", "eval")  # our own text
        info = eval(tree, {name: record(name) for name in names})
        fixed = info[2]["ffi"][2]
        assert fixed["filevers"] == fixed["prodvers"] == version_numbers(version)
        table = info[2]["kids"][0][1][0][0]
        assert table[1][0] == "080904B0"  # en-GB, Unicode
        strings = dict(entry[1] for entry in table[1][1])
        assert strings["FileDescription"] == description
        assert strings["OriginalFilename"] == f"{program}.exe"
        assert strings["FileVersion"] == strings["ProductVersion"] == version
    assert version_numbers("1.2.3") == (1, 2, 3, 0)
    assert version_numbers("2.0") == (2, 0, 0, 0)
    assert version_numbers("1.4.0rc1") == (1, 4, 0, 0)
