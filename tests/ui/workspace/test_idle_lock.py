from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from ui.idle_lock import IdleLock


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_locks_after_the_idle_limit_and_not_before(qtbot: QtBot) -> None:
    clock = FakeClock()
    locked: list[bool] = []
    idle = IdleLock(lambda: locked.append(True), minutes=10, clock=clock)
    idle.start()
    clock.now += 9 * 60
    idle.check()
    assert locked == []
    clock.now += 61
    idle.check()
    assert locked == [True]
    assert not idle.active  # it fires once, then waits to be started again


def test_keyboard_activity_resets_the_idle_time(qtbot: QtBot) -> None:
    clock = FakeClock()
    locked: list[bool] = []
    idle = IdleLock(lambda: locked.append(True), minutes=10, clock=clock)
    field = QLineEdit()
    qtbot.addWidget(field)
    idle.start()
    clock.now += 9 * 60
    QApplication.sendEvent(
        field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    )
    clock.now += 9 * 60
    idle.check()
    assert locked == []
    clock.now += 60
    idle.check()
    assert locked == [True]


def test_zero_minutes_means_never(qtbot: QtBot) -> None:
    clock = FakeClock()
    locked: list[bool] = []
    idle = IdleLock(lambda: locked.append(True), minutes=0, clock=clock)
    idle.start()
    clock.now += 10_000
    idle.check()
    assert locked == []
