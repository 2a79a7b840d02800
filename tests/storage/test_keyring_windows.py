"""Windows Credential Manager keeps a remembered key on this computer only.

Windows cannot run here, so this drives keyring's real Windows backend
(`keyring.backends.Windows.WinVaultKeyring`, its own code) over a stand-in for the Win32
credential calls (`win32cred`, `pywintypes`) that records what would be written. Without the
change, keyring writes CRED_PERSIST_ENTERPRISE (3), which roams with the reviewer's profile.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import keyring
import pytest
from keyring.backends import Windows

from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from storage.backups import BackupStore
from storage.keyring_store import CRED_PERSIST_LOCAL_MACHINE, KeyringStore
from storage.library import StoredReviewFiles
from tests.helpers.secrets_watch import PASSPHRASE


class Win32Error(Exception):
    """pywintypes.error: (winerror, funcname, strerror)."""

    def __init__(self, winerror: int, funcname: str, strerror: str) -> None:
        super().__init__(winerror, funcname, strerror)
        self.winerror, self.funcname, self.strerror = winerror, funcname, strerror


class CredentialManager:
    """What win32cred would do, kept in a dict: target -> the credential written."""

    CRED_TYPE_GENERIC = 1
    CRED_PERSIST_SESSION = 1
    CRED_PERSIST_LOCAL_MACHINE = 2
    CRED_PERSIST_ENTERPRISE = 3

    def __init__(self) -> None:
        self.vault: dict[str, dict[str, Any]] = {}

    def CredRead(self, Type: int, TargetName: str) -> dict[str, Any]:
        if TargetName not in self.vault:
            raise Win32Error(1168, "CredRead", "Element not found.")
        found = dict(self.vault[TargetName])
        found["CredentialBlob"] = found["CredentialBlob"].encode("utf-16-le")
        return found

    def CredWrite(self, credential: dict[str, Any], flags: int) -> None:
        self.vault[credential["TargetName"]] = dict(credential)

    def CredDelete(self, Type: int, TargetName: str) -> None:
        if self.vault.pop(TargetName, None) is None:
            raise Win32Error(1168, "CredDelete", "Element not found.")


@pytest.fixture
def manager(monkeypatch: pytest.MonkeyPatch) -> CredentialManager:
    fake = CredentialManager()
    monkeypatch.setattr(Windows, "win32cred", fake, raising=False)
    monkeypatch.setattr(Windows, "pywintypes", SimpleNamespace(error=Win32Error), raising=False)
    monkeypatch.setattr(Windows, "missing_deps", False)
    return fake


def test_keyrings_own_default_would_roam(manager: CredentialManager) -> None:
    backend = Windows.WinVaultKeyring()
    backend.set_password("svc", "user", "secret")
    assert manager.vault["svc"]["Persist"] == manager.CRED_PERSIST_ENTERPRISE


def test_a_remembered_key_is_kept_on_this_computer_only(
    manager: CredentialManager, tmp_path: Path, app_paths: AppPaths
) -> None:
    store = KeyringStore(Windows.WinVaultKeyring())
    assert store.status().available
    files = StoredReviewFiles(BackupStore(app_paths.backups), store)
    for name in ("a", "b"):  # the second moves the first to a compound name: both stay local
        path = tmp_path / f"{name}.review"
        created = files.create(path, Review(title=name), PASSPHRASE, remember=True)
        assert created.keyring.available
        created.review.close()
    assert len(manager.vault) == 2
    assert {c["Persist"] for c in manager.vault.values()} == {CRED_PERSIST_LOCAL_MACHINE}
    review = files.open_remembered(tmp_path / "a.review")
    assert review is not None
    review.forget_on_this_computer()
    review.close()
    assert files.open_remembered(tmp_path / "a.review") is None


def test_the_system_backend_is_made_local_too(
    manager: CredentialManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring, "get_keyring", Windows.WinVaultKeyring)
    store = KeyringStore()
    assert store.status().available
    assert store._backend.persist == CRED_PERSIST_LOCAL_MACHINE


def test_a_backend_that_will_not_stay_local_is_not_used(manager: CredentialManager) -> None:
    class Stubborn(Windows.WinVaultKeyring):
        @property  # type: ignore[override]
        def persist(self) -> int:
            return CredentialManager.CRED_PERSIST_ENTERPRISE

        @persist.setter
        def persist(self, value: object) -> None:
            raise RuntimeError("policy")

    store = KeyringStore(Stubborn())
    assert not store.status().available  # passphrase only, rather than a key that roams
