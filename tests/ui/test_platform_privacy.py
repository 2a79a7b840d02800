"""Locking on sleep and session lock, screen-capture exclusion and clipboard marks.

Windows cannot run here: its branch is tried by injecting the platform ("win32"), a recorder
for the two Win32 calls, and Win32 MSG structures built in memory and handed to the native
event filter as Qt would. The D-Bus signals are sent on a private session bus (the suite runs
inside `dbus-run-session`); only logind and the screensaver can send from their own names, so
the test listens to any sender.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from reviewer_app.review import Review
from tests.helpers.reviews import Sessions
from tests.helpers.secrets_watch import PASSPHRASE
from tests.ui.support import review_path
from ui.macos_privacy import NS_WINDOW_SHARING_NONE
from ui.platform_privacy import (
    MSG,
    PBT_APMSUSPEND,
    PRIVATE_FORMAT,
    WDA_EXCLUDEFROMCAPTURE,
    WDA_MONITOR,
    WM_POWERBROADCAST,
    WM_WTSSESSION_CHANGE,
    WTS_SESSION_LOCK,
    PlatformPrivacy,
    SessionSignals,
    SleepWatch,
    WindowsMessages,
)
from ui.start_window import MainWindow

WINDOWS_MIME = 'application/x-qt-windows-mime;value="{}"'


class Recorder:
    """Stands in for user32/wtsapi32: records each call, answers as told."""

    def __init__(self, *, exclude_works: bool = True) -> None:
        self.calls: list[tuple[str, int, int]] = []
        self.exclude_works = exclude_works

    def set_display_affinity(self, hwnd: int, affinity: int) -> bool:
        self.calls.append(("affinity", hwnd, affinity))
        return self.exclude_works or affinity == WDA_MONITOR

    def register_session_notification(self, hwnd: int) -> bool:
        self.calls.append(("session", hwnd, 0))
        return True


def no_signals(on_lock: Callable[[], None], parent: QObject) -> None:
    return None


@pytest.fixture
def widget(qtbot) -> Iterator[QWidget]:  # type: ignore[no-untyped-def]
    made = QWidget()
    qtbot.addWidget(made)
    made.show()
    yield made
    for privacy in made.findChildren(PlatformPrivacy):
        privacy.stop()  # no test's clipboard listener or native filter outlives it


def _windows(widget: QWidget, locks: list[str], win32: Recorder) -> PlatformPrivacy:
    return PlatformPrivacy(widget, lambda: locks.append("locked"), platform="win32", win32=win32)


def _deliver(privacy: PlatformPrivacy, message: int, wparam: int) -> None:
    msg = MSG(hwnd=None, message=message, wParam=wparam, lParam=0)
    assert privacy.native is not None
    privacy.native.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(msg))


def test_windows_locks_on_suspend_and_session_lock(qtbot, widget: QWidget) -> None:
    locks: list[str] = []
    win32 = Recorder()
    privacy = _windows(widget, locks, win32)
    hwnd = int(widget.winId())
    assert ("session", hwnd, 0) in win32.calls
    _deliver(privacy, WM_POWERBROADCAST, 0x12)  # resumed: nothing to do
    _deliver(privacy, 0x0200, WTS_SESSION_LOCK)  # a mouse move with the same number
    QApplication.processEvents()
    assert locks == []
    _deliver(privacy, WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    qtbot.waitUntil(lambda: locks == ["locked"])
    _deliver(privacy, WM_POWERBROADCAST, PBT_APMSUSPEND)
    qtbot.waitUntil(lambda: locks == ["locked", "locked"])


def test_the_native_filter_ignores_other_platforms_events() -> None:
    seen: list[int] = []
    event_filter = WindowsMessages(lambda: seen.append(1))
    msg = MSG(hwnd=None, message=WM_WTSSESSION_CHANGE, wParam=WTS_SESSION_LOCK, lParam=0)
    assert event_filter.nativeEventFilter(b"xcb_generic_event_t", ctypes.addressof(msg)) == (
        False,
        0,
    )
    assert event_filter.nativeEventFilter(b"windows_generic_MSG", 0) == (False, 0)
    assert seen == []


def test_windows_keeps_the_window_out_of_screen_captures(qtbot, widget: QWidget) -> None:
    win32 = Recorder()
    privacy = _windows(widget, [], win32)
    hwnd = int(widget.winId())
    assert ("affinity", hwnd, WDA_EXCLUDEFROMCAPTURE) in win32.calls
    assert privacy.capture == {hwnd: WDA_EXCLUDEFROMCAPTURE}


def test_older_windows_shows_the_window_black_in_captures(qtbot, widget: QWidget) -> None:
    """Before Windows 10 2004, WDA_EXCLUDEFROMCAPTURE fails; WDA_MONITOR is the fallback."""
    privacy = _windows(widget, [], Recorder(exclude_works=False))
    assert privacy.capture == {int(widget.winId()): WDA_MONITOR}


def test_nothing_windows_only_is_done_elsewhere(qtbot, widget: QWidget) -> None:
    win32 = Recorder()
    for platform in ("darwin", "linux"):
        privacy = PlatformPrivacy(
            widget, lambda: None, platform=platform, win32=win32, session_signals=no_signals
        )
        assert privacy.native is None and privacy.capture == {}
    assert win32.calls == []


@pytest.mark.parametrize(
    ("platform", "marks"),
    [
        (
            "win32",
            {
                WINDOWS_MIME.format("CanIncludeInClipboardHistory"): b"\0\0\0\0",
                WINDOWS_MIME.format("CanUploadToCloudClipboard"): b"\0\0\0\0",
                WINDOWS_MIME.format("ExcludeClipboardContentFromMonitorProcessing"): b"\x01\0\0\0",
            },
        ),
        ("linux", {"x-kde-passwordManagerHint": b"secret"}),
    ],
)
def test_what_the_app_copies_is_marked_private(
    qtbot, widget: QWidget, platform: str, marks: dict[str, bytes]
) -> None:
    PlatformPrivacy(
        widget,
        lambda: None,
        platform=platform,
        win32=Recorder(),
        session_signals=no_signals,
        clipboard_owned=lambda: True,  # offscreen Qt never says it owns the clipboard
    )
    clipboard = QGuiApplication.clipboard()
    source = QMimeData()
    source.setText("Child Q was seen alone")
    source.setHtml("<b>Child Q</b> was seen alone")
    clipboard.setMimeData(source)
    data = clipboard.mimeData()
    assert data.text() == "Child Q was seen alone"
    assert data.html() == "<b>Child Q</b> was seen alone"
    for kind, value in marks.items():
        assert bytes(data.data(kind)) == value, kind
    assert data.hasFormat(PRIVATE_FORMAT)
    clipboard.clear()


class CocoaRecorder:
    """Stands in for the Objective-C runtime and CoreGraphics (macOS cannot run here)."""

    def __init__(self, *, has_window: bool = True) -> None:
        self.excluded: list[int] = []
        self.locked = False
        self.has_window = has_window

    def exclude_from_sharing(self, view: int) -> bool:
        self.excluded.append(view)
        return self.has_window

    def screen_locked(self) -> bool:
        return self.locked


def test_macos_keeps_the_window_out_of_screen_sharing(qtbot, widget: QWidget) -> None:
    cocoa = CocoaRecorder()
    privacy = PlatformPrivacy(widget, lambda: None, platform="darwin", cocoa=cocoa)
    view = int(widget.winId())
    assert cocoa.excluded == [view]
    assert privacy.capture == {view: NS_WINDOW_SHARING_NONE}
    privacy.exclude_from_capture(view)  # once is enough
    assert cocoa.excluded == [view]


def test_macos_without_a_window_records_no_exclusion(qtbot, widget: QWidget) -> None:
    privacy = PlatformPrivacy(
        widget, lambda: None, platform="darwin", cocoa=CocoaRecorder(has_window=False)
    )
    assert privacy.capture == {}


def test_macos_locks_when_the_screen_locks(qtbot, widget: QWidget) -> None:
    """The screen-lock flag is read on the sleep clocks' check: a lock seen once, not again
    while it stays locked, and again after an unlock and a new lock."""
    locks: list[str] = []
    cocoa = CocoaRecorder()
    privacy = PlatformPrivacy(
        widget, lambda: locks.append("locked"), platform="darwin", cocoa=cocoa
    )
    privacy.sleep.timer.timeout.emit()
    QApplication.processEvents()
    assert locks == []
    cocoa.locked = True
    privacy.sleep.timer.timeout.emit()
    qtbot.waitUntil(lambda: locks == ["locked"])
    privacy.sleep.timer.timeout.emit()
    QApplication.processEvents()
    assert locks == ["locked"]
    cocoa.locked = False
    privacy.sleep.timer.timeout.emit()
    cocoa.locked = True
    privacy.sleep.timer.timeout.emit()
    qtbot.waitUntil(lambda: locks == ["locked", "locked"])


def test_macos_calls_that_cannot_load_change_nothing(qtbot, widget: QWidget) -> None:
    """Here (Linux) the real runtime cannot load: no exclusion, no poll, no crash."""
    privacy = PlatformPrivacy(widget, lambda: None, platform="darwin")
    assert privacy.cocoa is None and privacy.screen_lock is None and privacy.capture == {}


def test_macos_has_no_clipboard_marks(qtbot, widget: QWidget) -> None:
    PlatformPrivacy(widget, lambda: None, platform="darwin", clipboard_owned=lambda: True)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("plain")
    assert not clipboard.mimeData().hasFormat(PRIVATE_FORMAT)
    clipboard.clear()


def test_sleep_is_noticed_by_the_clocks(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The monotonic clock stands still while Linux and macOS sleep; the wall clock does not."""
    wall, mono = [1_000_000.0], [50.0]
    slept: list[int] = []
    watch = SleepWatch(lambda: slept.append(1), wall=lambda: wall[0], monotonic=lambda: mono[0])
    wall[0] += 15
    mono[0] += 15
    watch.check()
    assert slept == []
    wall[0] += 3 * 3600  # a night with the lid shut
    mono[0] += 15
    watch.check()
    assert slept == [1]
    wall[0] += 15
    mono[0] += 15
    watch.check()
    assert slept == [1]
    wall[0] -= 3600  # the clock put back an hour: not a sleep
    watch.check()
    assert slept == [1]


@pytest.mark.linux_only
def test_logind_and_screensaver_signals_lock(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        pytest.skip("no D-Bus session bus: run through ./run-tests.sh (dbus-run-session)")
    locks: list[str] = []
    signals = SessionSignals(
        lambda: locks.append("locked"),
        system=bus,
        session=bus,
        session_path="/org/freedesktop/login1/session/_31",
        any_sender=True,
    )
    assert len(signals.listening) == 4

    def send(path: str, interface: str, name: str, *args: object) -> None:
        message = QDBusMessage.createSignal(path, interface, name)
        message.setArguments(list(args))
        bus.send(message)

    send("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep", False)
    send("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", False)
    send("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep", True)
    qtbot.waitUntil(lambda: locks == ["locked"])
    send("/org/freedesktop/login1/session/_31", "org.freedesktop.login1.Session", "Lock")
    qtbot.waitUntil(lambda: len(locks) == 2)
    send("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
    qtbot.waitUntil(lambda: len(locks) == 3)


def test_the_window_locks_its_review_when_the_computer_sleeps(
    qtbot, window: MainWindow, files: Sessions, case_review: Review, tmp_path: Path
) -> None:
    path = review_path(tmp_path)
    files.add(path, case_review, PASSPHRASE)
    assert window.show_review(files.open(path, passphrase=PASSPHRASE))
    window.privacy.system_locked()
    qtbot.waitUntil(lambda: window.review is None)
    assert window.pages.currentWidget() is window.locked_page
