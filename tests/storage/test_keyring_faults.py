"""The keyring matrix: whatever state the computer's keyring is in, the passphrase still opens
every review and the reviewer sees the plain notice, never the crash notice."""

from __future__ import annotations

from pathlib import Path

import keyring.backend
import keyring.core
import keyring.errors
import pytest
from keyring.backends import fail, null

from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from storage.backups import BackupStore
from storage.keyring_store import NO_KEYRING_NOTICE, KeyringStore, _is_allowed
from storage.library import StoredReviewFiles
from tests.helpers.secrets_watch import PASSPHRASE
from tests.reviewer_app.test_cli import run


class PlatformError(Exception):
    """Stands for a platform's own error type (Windows raises `pywintypes.error`)."""


class BrokenKeyring(keyring.backend.KeyringBackend):
    """Claims to work, then fails every call with an error that is not keyring's own."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise PlatformError("Element not found")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PlatformError("Access is denied")

    def delete_password(self, service: str, username: str) -> None:
        raise PlatformError("Access is denied")


class ForgetfulKeyring(keyring.backend.KeyringBackend):
    """Stores, then loses everything (an entry deleted by another program)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("not there")


@pytest.fixture
def fresh_keyring_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring picks its backend again, from the environment the test sets."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)


@pytest.mark.parametrize("name", ["no.such.module.Keyring", "", "keyring.backends.fail.Keyring"])
def test_an_unusable_configured_backend_means_passphrase_only(
    name: str, monkeypatch: pytest.MonkeyPatch, fresh_keyring_choice: None
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", name)
    store = KeyringStore()
    status = store.status()
    assert not status.available and status.notice == NO_KEYRING_NOTICE
    assert store.recall("abc") is None


def test_only_allow_listed_backends_found_on_the_computer_are_trusted() -> None:
    assert not _is_allowed(fail.Keyring())
    assert not _is_allowed(null.Keyring())
    assert not _is_allowed(ForgetfulKeyring())  # secure-looking, but not a known keyring
    from keyring.backends import SecretService

    assert (
        SecretService.Keyring.__module__,
        SecretService.Keyring.__name__,
    ) == ("keyring.backends.SecretService", "Keyring")


@pytest.mark.parametrize("backend", [BrokenKeyring(), ForgetfulKeyring(), fail.Keyring()])
def test_a_failing_keyring_never_stops_a_review_being_created_or_opened(
    backend: object, tmp_path: Path, app_paths: AppPaths
) -> None:
    files = StoredReviewFiles(BackupStore(app_paths.backups), KeyringStore(backend))  # type: ignore[arg-type]
    path = tmp_path / "k.review"
    created = files.create(path, Review(title="Kept"), PASSPHRASE, remember=True)
    assert created.recovery_code  # the code is shown even though nothing was remembered
    if not isinstance(backend, ForgetfulKeyring):  # that one stored it, then lost it
        assert not created.keyring.available and created.keyring.notice
    created.review.close()
    assert files.open_remembered(path) is None
    review = files.open(path, passphrase=PASSPHRASE)
    review.forget_on_this_computer()  # no error either
    review.close()


@pytest.mark.parametrize("name", ["no.such.module.Keyring", ""])
def test_every_command_works_with_an_unloadable_keyring_configuration(
    name: str, tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "cli.review"
    made = run(
        "new",
        str(path),
        "--title",
        "Kept",
        app_paths=app_paths,
        passphrase=None,
        REVIEWER_APP_NEW_PASSPHRASE=PASSPHRASE,
        PYTHON_KEYRING_BACKEND=name,
    )
    assert made.returncode == 0, made.stderr
    checked = run("verify", str(path), app_paths=app_paths, PYTHON_KEYRING_BACKEND=name)
    assert checked.returncode == 0, checked.stderr
    assert "unexpected problem" not in checked.stderr
