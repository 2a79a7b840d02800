from __future__ import annotations

import os
from pathlib import Path

import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from storage.backups import BackupStore
from storage.keyring_store import NO_KEYRING_NOTICE, SERVICE, KeyringStore
from storage.library import StoredReviewFiles
from tests.helpers.files import listing
from tests.helpers.reviews import MemoryKeyring
from tests.helpers.secrets_watch import PASSPHRASE


class LockedKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


def _files(app_paths: AppPaths, backend: object) -> StoredReviewFiles:
    return StoredReviewFiles(BackupStore(app_paths.backups), KeyringStore(backend))  # type: ignore[arg-type]


def test_remembered_key_opens_without_passphrase(tmp_path: Path, app_paths: AppPaths) -> None:
    backend = MemoryKeyring()
    files = _files(app_paths, backend)
    created = files.create(tmp_path / "a.review", Review(title="Kept"), PASSPHRASE, remember=True)
    created.review.close()
    assert created.keyring.available
    (entry,) = backend.store
    assert entry[0] == SERVICE and entry[1].startswith("review-key:")
    assert "Kept" not in entry[1]
    review = files.open_remembered(tmp_path / "a.review")
    assert review is not None
    assert review.details.load().title == "Kept"
    review.forget_on_this_computer()
    review.close()
    assert backend.store == {}
    assert files.open_remembered(tmp_path / "a.review") is None


def test_passphrase_change_updates_the_remembered_key(tmp_path: Path, app_paths: AppPaths) -> None:
    backend = MemoryKeyring()
    files = _files(app_paths, backend)
    created = files.create(tmp_path / "a.review", Review(title="x"), PASSPHRASE, remember=True)
    created.review.change_passphrase("a much better passphrase now")
    created.review.close()
    review = files.open_remembered(tmp_path / "a.review")
    assert review is not None
    review.close()


@pytest.mark.parametrize("backend", [fail.Keyring(), LockedKeyring()], ids=["none", "locked"])
def test_without_a_usable_keyring_the_passphrase_still_works(
    tmp_path: Path, app_paths: AppPaths, backend: object
) -> None:
    files = _files(app_paths, backend)
    created = files.create(tmp_path / "a.review", Review(title="x"), PASSPHRASE, remember=True)
    created.review.close()
    assert not created.keyring.available
    assert "type the passphrase" in created.keyring.notice
    assert files.open_remembered(tmp_path / "a.review") is None
    files.open(tmp_path / "a.review", passphrase=PASSPHRASE).close()
    assert listing(tmp_path) == {"a.review"}  # no plaintext fallback file anywhere


def test_no_backend_status_says_so() -> None:
    status = KeyringStore(fail.Keyring()).status()  # type: ignore[arg-type]
    assert not status.available and status.notice == NO_KEYRING_NOTICE


def test_plaintext_backends_are_never_trusted() -> None:
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    assert not KeyringStore(PlaintextKeyring()).status().available


@pytest.mark.secret_service
@pytest.mark.linux_only
def test_round_trip_through_the_real_secret_service(tmp_path: Path, app_paths: AppPaths) -> None:
    if os.environ.get("REVIEWER_APP_SECRET_SERVICE") != "1":
        pytest.skip("run through ./run-tests.sh to test against gnome-keyring")
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    store = KeyringStore(backend)
    assert store.status().available, "gnome-keyring should be running under dbus-run-session"
    files = StoredReviewFiles(BackupStore(app_paths.backups), store)
    created = files.create(tmp_path / "s.review", Review(title="x"), PASSPHRASE, remember=True)
    assert created.keyring.available
    created.review.close()
    review = files.open_remembered(tmp_path / "s.review")
    assert review is not None
    review.forget_on_this_computer()
    review.close()
    assert files.open_remembered(tmp_path / "s.review") is None
