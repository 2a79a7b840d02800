"""Remembering a review's key on this computer, in the operating system's keyring.

Only real, encrypted keyrings are used (Secret Service, macOS Keychain, Windows Credential
Locker). Where none exists, or it is locked, remembering is simply not offered: the passphrase
still works and the app says so. Plaintext or "fail" backends are never used — there is no
plaintext fallback, ever. Entries are named by the file's random salt, never by case details.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

import keyring
import keyring.errors

from storage.keys import DatabaseKey

log = logging.getLogger(__name__)

SERVICE = "SCR Reviewer"
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
NO_KEYRING_NOTICE = (
    "This computer has no secure keyring available, so SCR Reviewer cannot remember "
    "passphrases here. Your reviews are just as safe: you will type the passphrase each time."
)
LOCKED_NOTICE = (
    "The computer's keyring is locked or refused the request, so the passphrase was not "
    "remembered. You will type the passphrase each time."
)


class KeyringBackend(Protocol):
    @property
    def priority(self) -> float: ...

    def get_password(self, service: str, username: str) -> str | None: ...
    def set_password(self, service: str, username: str, password: str) -> None: ...
    def delete_password(self, service: str, username: str) -> None: ...


class NoKeyring:
    """A backend that is not there: for self-tests, benchmarks and tests that must not touch the
    computer's real keyring. `KeyringStore` reports it as unavailable."""

    priority = 0.0

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("no keyring")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("no keyring")


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    available: bool
    notice: str = ""


def _is_secure(backend: Any) -> bool:
    backends = getattr(backend, "backends", None)
    if backends is not None:  # a ChainerBackend: secure only if every link is
        return bool(backends) and all(_is_secure(b) for b in backends)
    module = type(backend).__module__
    if module.startswith(_INSECURE_MODULES):
        return False
    try:
        return float(backend.priority) > 0
    except Exception:
        return False


class KeyringStore:
    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend: Any = backend if backend is not None else keyring.get_keyring()

    def status(self) -> KeyringStatus:
        if not _is_secure(self._backend):
            return KeyringStatus(False, NO_KEYRING_NOTICE)
        return KeyringStatus(True)

    @staticmethod
    def _username(file_id: str) -> str:
        return f"review-key:{file_id}"

    def remember(self, file_id: str, key: DatabaseKey) -> KeyringStatus:
        """Store the key; returns a status with a notice instead of raising when it cannot."""
        status = self.status()
        if not status.available:
            return status
        try:
            self._backend.set_password(SERVICE, self._username(file_id), key.hex())
        except keyring.errors.KeyringError:
            log.warning("keyring refused to store a key (locked or unavailable)")
            return KeyringStatus(False, LOCKED_NOTICE)
        return status

    def recall(self, file_id: str) -> DatabaseKey | None:
        if not self.status().available:
            return None
        try:
            stored = self._backend.get_password(SERVICE, self._username(file_id))
        except keyring.errors.KeyringError:
            log.warning("keyring could not be read (locked or unavailable)")
            return None
        if not stored:
            return None
        try:
            return DatabaseKey.from_hex(stored)
        except ValueError:
            log.warning("ignoring a malformed keyring entry")
            return None

    def forget(self, file_id: str) -> None:
        if not self.status().available:
            return
        try:
            self._backend.delete_password(SERVICE, self._username(file_id))
        except keyring.errors.PasswordDeleteError:
            pass  # nothing was remembered
        except keyring.errors.KeyringError:
            log.warning("keyring could not forget a key (locked or unavailable)")
