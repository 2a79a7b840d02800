"""Locking the review after a spell without keyboard or mouse activity.

An application-wide event filter notes the time of the last input; a timer compares it with
the idle limit. The clock is injectable, so tests can move time on without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

DEFAULT_MINUTES = 10
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleLock(QObject):
    def __init__(
        self,
        on_idle: Callable[[], None],
        *,
        minutes: float = DEFAULT_MINUTES,
        clock: Callable[[], float] = time.monotonic,
        check_every_ms: int = 15_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.on_idle = on_idle
        self.minutes = minutes
        self.clock = clock
        self.last_activity = clock()
        self.active = False
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self.last_activity = self.clock()
        self.active = True
        self.timer.start()

    def stop(self) -> None:
        self.active = False
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.last_activity = self.clock()
        return False

    def check(self) -> None:
        if (
            self.active
            and self.minutes > 0
            and self.clock() - self.last_activity >= self.minutes * 60
        ):
            self.stop()
            self.on_idle()
