"""Remembering a review's key on this computer, in the operating system's keyring.

Only real, encrypted keyrings are used: the backend keyring finds on this computer is trusted
only if it is on an allow-list of known secure ones (Secret Service and libsecret, KWallet,
macOS Keychain, Windows Credential Locker). Where none exists, it is locked, cannot be loaded
(a `PYTHON_KEYRING_BACKEND` naming a module that is not there, or empty) or fails in any other
way, remembering is simply not offered: the passphrase still works and the app says so, never
a crash. There is no plaintext fallback, ever. Entries are named by the file's random salt,
never by case details.
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
#: The backends keyring may find on this computer that are trusted: each keeps secrets
#: encrypted by the operating system for this user.
SECURE_BACKENDS = frozenset(
    {
        ("keyring.backends.SecretService", "Keyring"),
        ("keyring.backends.libsecret", "Keyring"),
        ("keyring.backends.kwallet", "DBusKeyring"),
        ("keyring.backends.kwallet", "DBusKeyringKWallet4"),
        ("keyring.backends.macOS", "Keyring"),
        ("keyring.backends.Windows", "WinVaultKeyring"),
    }
)
NO_KEYRING_NOTICE = (
    "This computer has no secure keyring available, so SCR Reviewer cannot remember "
    "passphrases here. Your reviews are just as safe: you will type the passphrase each time."
)
#: Windows Credential Manager's CRED_PERSIST_LOCAL_MACHINE. keyring's Windows backend otherwise
#: writes CRED_PERSIST_ENTERPRISE, which follows a roaming profile to every computer the reviewer
#: signs in to; "remember on this computer" must mean this computer only.
CRED_PERSIST_LOCAL_MACHINE = 2
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
    """An injected backend (a test's, a composition root's) is trusted unless it is a known
    insecure kind or reports itself unusable."""
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


def _is_allowed(backend: Any) -> bool:
    """A backend keyring found on this computer: trusted only if on the allow-list."""
    backends = getattr(backend, "backends", None)
    if backends is not None:
        return bool(backends) and all(_is_allowed(b) for b in backends)
    kind = type(backend)
    module = kind.__module__.removesuffix(".api")  # macOS keeps its class in a sub-module
    return (module, kind.__name__) in SECURE_BACKENDS and _is_secure(backend)


def _keep_on_this_computer(backend: Any) -> bool:
    """Make a backend that can roam (Windows' `persist`) keep keys on this computer only;
    False if it cannot be made to (then it is not used at all)."""
    backends = getattr(backend, "backends", None)
    if backends is not None:
        return all(_keep_on_this_computer(b) for b in backends)
    if not any("persist" in vars(kind) for kind in type(backend).__mro__):
        return True  # Secret Service, KWallet and the Keychain keep secrets on this computer
    try:
        backend.persist = CRED_PERSIST_LOCAL_MACHINE
        return bool(backend.persist == CRED_PERSIST_LOCAL_MACHINE)
    except Exception as error:
        log.warning("the keyring would not keep keys here only (%s)", type(error).__name__)
        return False


def _system_backend() -> Any:
    """The keyring's own choice of backend, or none when it cannot be loaded."""
    try:
        found = keyring.get_keyring()
    except Exception as error:  # an unloadable or empty PYTHON_KEYRING_BACKEND, a broken install
        log.warning("the keyring could not be loaded (%s); passphrases only", type(error).__name__)
        return NoKeyring()
    return found if _is_allowed(found) else NoKeyring()


class KeyringStore:
    def __init__(self, backend: KeyringBackend | None = None) -> None:
        chosen: Any = backend if backend is not None else _system_backend()
        self._backend: Any = chosen if _keep_on_this_computer(chosen) else NoKeyring()

    def status(self) -> KeyringStatus:
        try:
            secure = _is_secure(self._backend)
        except Exception:
            secure = False
        if not secure:
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
        except Exception as error:  # locked, refused, or the platform's own error type
            log.warning("keyring refused to store a key (%s)", type(error).__name__)
            return KeyringStatus(False, LOCKED_NOTICE)
        return status

    def recall(self, file_id: str) -> DatabaseKey | None:
        if not self.status().available:
            return None
        try:
            stored = self._backend.get_password(SERVICE, self._username(file_id))
        except Exception as error:  # locked, refused, or the platform's own error type
            log.warning("keyring could not be read (%s)", type(error).__name__)
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
        except Exception as error:  # locked, refused, or the platform's own error type
            log.warning("keyring could not forget a key (%s)", type(error).__name__)
