"""Running slow work (key derivation, opening a file) off the GUI thread.

Turning a passphrase into a key takes a noticeable fraction of a second by design, so dialogs
hand that work to a `TaskRunner` and stay responsive. Tests and screenshots swap in the
`ImmediateTaskRunner`, which runs the work at once on the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

T = TypeVar("T")

Done = Callable[[Any], None]
Failed = Callable[[Exception], None]


class TaskRunner(Protocol):
    def start(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        """Run `work`; then call `done(result)` or `failed(error)` on the GUI thread."""


class ImmediateTaskRunner:
    """Runs the work synchronously: for tests and scripted screenshots."""

    def start(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        try:
            result = work()
        except Exception as exc:  # handed to the caller, which decides how to show it
            failed(exc)
            return
        done(result)


class _Relay(QObject):
    """Lives on the GUI thread; carries one job's outcome back to it through queued signals."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, done: Done, failed: Failed, forget: Callable[[_Relay], None]) -> None:
        super().__init__()
        self._done = done
        self._failed = failed
        self._forget = forget
        self.succeeded.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        self._forget(self)
        if _still_there(self._done):
            self._done(result)

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        self._forget(self)
        assert isinstance(error, Exception)
        if _still_there(self._failed):
            self._failed(error)


def _still_there(callback: Callable[..., Any]) -> bool:
    """False when the callback belongs to a widget deleted while the work ran (a page thrown
    away when the review locked): its result is no longer wanted."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # carried back to the GUI thread, never swallowed
            self._relay.failed.emit(exc)
            return
        self._relay.succeeded.emit(result)


class ThreadTaskRunner:
    """Runs each piece of work on Qt's global thread pool."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool if pool is not None else QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    def start(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        relay = _Relay(done, failed, self._relays.discard)
        self._relays.add(relay)  # kept alive until its outcome is delivered
        self._pool.start(_Job(work, relay))

    def wait_for_done(self) -> None:
        self._pool.waitForDone()
