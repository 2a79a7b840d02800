"""Protections that depend on the operating system: best effort, and said plainly where not.

- **Locking when the computer sleeps or the session is locked.** On Linux, logind's
  `PrepareForSleep` and the session's `Lock` (system bus), and the screensaver's
  `ActiveChanged` (session bus), through QtDBus. On Windows, `WM_POWERBROADCAST` (suspend) and
  `WM_WTSSESSION_CHANGE` (lock) through a native event filter, after
  `WTSRegisterSessionNotification`. Everywhere, a clock check: the wall clock jumping ahead of
  the monotonic one (which stands still while asleep on Linux and macOS) means the computer
  slept. On macOS the session's screen-lock flag is read on the same 15-second check
  (ui/macos_privacy.py, through ctypes: the app ships no PyObjC).
- **Screen capture.** On Windows the app's windows are excluded from screenshots, screen
  recording and screen sharing (`SetWindowDisplayAffinity` with `WDA_EXCLUDEFROMCAPTURE`,
  Windows 10 2004 and later; before that `WDA_MONITOR`, which shows them black). On macOS
  `NSWindow.sharingType = none` keeps them out of screen sharing and the older capture APIs
  (macOS 15's ScreenCaptureKit ignores it). Not on Linux (X11 and Wayland have no such thing).
- **Clipboard history.** On Windows what the app copies carries the formats that keep it out
  of clipboard history (Win+V) and the cloud clipboard; KDE's Klipper is told the same on
  Linux. Qt's widgets copy by themselves, so the marks are added as soon as the app has put
  something on the clipboard (it puts it there again, marked); a history program that read the
  clipboard in between could still have kept it. Nothing can remove entries already in
  Windows' history from here (that needs WinRT), and macOS has no such marks for Qt to set.

Everything platform-specific is injected (`platform`, `win32`, `buses`, the clocks), so each
branch is tested on Linux; see tests/ui/test_platform_privacy.py.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QObject,
    QTimer,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QWidget

from ui.macos_privacy import NS_WINDOW_SHARING_NONE, Cocoa, ScreenLockPoll, load_cocoa

log = logging.getLogger(__name__)

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0
WDA_MONITOR = 0x01
WDA_EXCLUDEFROMCAPTURE = 0x11
#: The wall clock ahead of the monotonic clock by more than this: the computer slept.
SLEEP_GAP_SECONDS = 60.0
CHECK_EVERY_MS = 15_000

#: Marks what this app put on the clipboard (and stops it being marked twice).
PRIVATE_FORMAT = "application/x-scr-reviewer-private"
_DWORD_0 = b"\x00\x00\x00\x00"
_DWORD_1 = b"\x01\x00\x00\x00"
CLIPBOARD_FORMATS: dict[str, dict[str, bytes]] = {
    "win32": {
        'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"': (
            _DWORD_1
        ),
        'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"': _DWORD_0,
        'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"': _DWORD_0,
    },
    "linux": {"x-kde-passwordManagerHint": b"secret"},
}

LOGIN1 = "org.freedesktop.login1"
SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
)


class Win32(Protocol):
    """The two Win32 calls used; `User32` makes them, tests record them."""

    def set_display_affinity(self, hwnd: int, affinity: int) -> bool: ...
    def register_session_notification(self, hwnd: int) -> bool: ...


class User32:
    """The real calls, through ctypes (Windows only)."""

    def __init__(self) -> None:
        windll = getattr(ctypes, "windll")  # noqa: B009 - there only on Windows
        self._user32 = windll.user32
        self._wtsapi32 = windll.wtsapi32

    def set_display_affinity(self, hwnd: int, affinity: int) -> bool:
        call = self._user32.SetWindowDisplayAffinity
        return bool(call(ctypes.c_void_p(hwnd), ctypes.c_uint32(affinity)))

    def register_session_notification(self, hwnd: int) -> bool:
        call = self._wtsapi32.WTSRegisterSessionNotification
        return bool(call(ctypes.c_void_p(hwnd), ctypes.c_uint32(NOTIFY_FOR_THIS_SESSION)))


class MSG(ctypes.Structure):
    """The start of Win32's MSG, as Qt hands it to a native event filter (the same offsets on
    64-bit Windows, macOS and Linux, so the filter is tested here)."""

    _fields_ = [
        ("hwnd", ctypes.c_void_p),
        ("message", ctypes.c_uint),
        ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t),
    ]


class WindowsMessages(QAbstractNativeEventFilter):
    """Calls `on_lock` when Windows suspends or locks the session."""

    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self.on_lock = on_lock

    def nativeEventFilter(
        self, eventType: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> object:
        try:
            kind = eventType.data() if isinstance(eventType, QByteArray) else bytes(eventType)
            if kind == b"windows_generic_MSG" and message:
                msg = MSG.from_address(int(message))
                if (msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK) or (
                    msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND
                ):
                    self.on_lock()
        except Exception:  # a filter must never break the event loop
            log.warning("a Windows message could not be read")
        return False, 0


class SessionSignals(QObject):
    """logind and the screensaver, on D-Bus (Linux). Tests hand in a private bus for both and
    `any_sender=True`, as only the real services can send from their own names."""

    def __init__(
        self,
        on_lock: Callable[[], None],
        *,
        system: Any = None,
        session: Any = None,
        session_path: str | None = None,
        any_sender: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.on_lock = on_lock
        self.listening: list[str] = []
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a PySide6 without QtDBus
            log.info("QtDBus is not available: no locking on sleep or session lock")
            return
        system = system if system is not None else QDBusConnection.systemBus()
        session = session if session is not None else QDBusConnection.sessionBus()

        def sender(service: str) -> str:
            return "" if any_sender else service

        if system.isConnected():
            path = session_path if session_path is not None else _session_path(system)
            manager, one_session = f"{LOGIN1}.Manager", f"{LOGIN1}.Session"
            self._listen(system, sender(LOGIN1), "/org/freedesktop/login1", manager,
                         "PrepareForSleep", "sleeping(bool)")  # fmt: skip
            self._listen(system, sender(LOGIN1), path, one_session, "Lock", "locked()")
        if session.isConnected():
            for service, object_path in SCREENSAVERS:
                self._listen(session, sender(service), object_path, service, "ActiveChanged",
                             "screensaver(bool)")  # fmt: skip

    def _listen(
        self, bus: Any, service: str, path: str, interface: str, name: str, slot: str
    ) -> None:
        if bus.connect(service, path, interface, name, self, SLOT(slot)):
            self.listening.append(f"{interface}.{name}")

    @Slot(bool)
    def sleeping(self, starting: bool) -> None:
        if starting:
            self.on_lock()

    @Slot()
    def locked(self) -> None:
        self.on_lock()

    @Slot(bool)
    def screensaver(self, active: bool) -> None:
        if active:
            self.on_lock()


def _session_path(system_bus: Any) -> str:
    """This process's logind session; "" (every session) if it cannot be found, which can only
    lock more often, never less."""
    try:
        from PySide6.QtDBus import QDBusInterface

        manager = QDBusInterface(LOGIN1, "/org/freedesktop/login1", f"{LOGIN1}.Manager", system_bus)
        reply = manager.call("GetSessionByPID", os.getpid())
        found = reply.arguments()
        if found and hasattr(found[0], "path"):
            return str(found[0].path())
        if found and isinstance(found[0], str):
            return found[0]
    except Exception:
        log.info("the logind session could not be found; listening to every session's lock")
    return ""


class SleepWatch(QObject):
    """Calls `on_sleep` when the wall clock has run ahead of the monotonic clock: the computer
    slept (Qt's timers do not run while it sleeps; they fire again on waking)."""

    def __init__(
        self,
        on_sleep: Callable[[], None],
        *,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        check_every_ms: int = CHECK_EVERY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.on_sleep, self.wall, self.monotonic = on_sleep, wall, monotonic
        self._offset = wall() - monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        offset = self.wall() - self.monotonic()
        slept = offset - self._offset > SLEEP_GAP_SECONDS
        self._offset = offset  # a clock set back, or forward, is the new normal from now on
        if slept:
            self.on_sleep()


class PlatformPrivacy(QObject):
    """What this platform allows, for one main window; `lock` locks the open review."""

    def __init__(
        self,
        window: QWidget,
        lock: Callable[[], None],
        *,
        platform: str = sys.platform,
        win32: Win32 | None = None,
        cocoa: Cocoa | None = None,
        session_signals: Callable[[Callable[[], None], QObject], QObject | None] | None = None,
        clipboard_owned: Callable[[], bool] | None = None,
        wall: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else window)
        self.window = window
        self.lock = lock
        self.platform = "linux" if platform.startswith("linux") else platform
        self.capture: dict[int, int] = {}  # window handle -> the affinity that took
        self.sleep = SleepWatch(self.system_locked, wall=wall, monotonic=monotonic, parent=self)
        self.native: WindowsMessages | None = None
        self.cocoa: Cocoa | None = None
        self.screen_lock: ScreenLockPoll | None = None
        self.signals: QObject | None = None
        self._marking = False
        self.clipboard_formats = CLIPBOARD_FORMATS.get(self.platform, {})
        clipboard = QGuiApplication.clipboard()
        self._owned = clipboard_owned if clipboard_owned is not None else clipboard.ownsClipboard
        if self.clipboard_formats:
            clipboard.dataChanged.connect(self.mark_clipboard)
        if self.platform == "win32":
            self._start_windows(win32)
        elif self.platform == "darwin":
            self._start_macos(cocoa)
        elif self.platform == "linux":
            make = session_signals if session_signals is not None else _session_signals
            try:
                self.signals = make(self.system_locked, self)
            except Exception:
                log.info("the session's lock and sleep signals could not be listened to")

    def stop(self) -> None:
        """Stop listening (the window is going)."""
        self.sleep.timer.stop()
        if self.clipboard_formats:
            QGuiApplication.clipboard().dataChanged.disconnect(self.mark_clipboard)
            self.clipboard_formats = {}
        app = QCoreApplication.instance()
        if self.native is not None and app is not None:
            app.removeNativeEventFilter(self.native)
            self.native = None

    # -- locking -------------------------------------------------------------------------------
    def system_locked(self) -> None:
        """The computer is going to sleep or its session is locking: lock, once out of the
        signal or native event that said so."""
        QTimer.singleShot(0, self, self._lock)

    def _lock(self) -> None:
        log.info("locking because the computer slept or its session was locked")
        self.lock()

    # -- Windows -------------------------------------------------------------------------------
    def _start_windows(self, win32: Win32 | None) -> None:
        try:
            self.win32: Win32 = win32 if win32 is not None else User32()
        except Exception:
            log.warning("the Windows calls could not be loaded; no capture exclusion")
            return
        self.native = WindowsMessages(self.system_locked)
        app = QCoreApplication.instance()
        if app is not None:
            app.installNativeEventFilter(self.native)
        hwnd = int(self.window.winId())
        try:
            if not self.win32.register_session_notification(hwnd):
                log.info("Windows did not register the window for session-lock messages")
        except Exception:
            log.warning("Windows session-lock messages could not be asked for")
        self._exclude_every_window(hwnd)

    # -- macOS ---------------------------------------------------------------------------------
    def _start_macos(self, cocoa: Cocoa | None) -> None:
        self.cocoa = cocoa if cocoa is not None else load_cocoa()
        if self.cocoa is None:
            return
        self.screen_lock = ScreenLockPoll(self.cocoa, self.system_locked)
        self.sleep.timer.timeout.connect(self.screen_lock.check)
        self._exclude_every_window(int(self.window.winId()))

    def _exclude_every_window(self, handle: int) -> None:
        """The main window now, and each top-level window (dialogs) as it takes the focus."""
        self.exclude_from_capture(handle)
        gui = QGuiApplication.instance()
        if isinstance(gui, QGuiApplication):
            gui.focusWindowChanged.connect(self._window_focused)

    def _window_focused(self, window: QWindow | None) -> None:
        if window is not None:
            self.exclude_from_capture(int(window.winId()))

    def exclude_from_capture(self, hwnd: int) -> None:
        """Keep a top-level window out of screenshots and screen sharing (Windows; on macOS
        out of screen sharing and the older capture APIs). `hwnd` is Qt's `winId()`."""
        if not hwnd or hwnd in self.capture:
            return
        if self.platform == "darwin" and self.cocoa is not None:
            try:
                excluded = self.cocoa.exclude_from_sharing(hwnd)
            except Exception:
                excluded = False
            if excluded:
                self.capture[hwnd] = NS_WINDOW_SHARING_NONE
            else:
                log.info("this window could not be kept out of screen sharing")
            return
        if self.platform != "win32":
            return
        for affinity in (WDA_EXCLUDEFROMCAPTURE, WDA_MONITOR):  # MONITOR before Windows 10 2004
            try:
                if self.win32.set_display_affinity(hwnd, affinity):
                    self.capture[hwnd] = affinity
                    return
            except Exception:
                break
        log.info("this window could not be kept out of screen captures")

    # -- clipboard -----------------------------------------------------------------------------
    def mark_clipboard(self) -> None:
        """Put what the app just copied back on the clipboard with the platform's marks that
        keep it out of clipboard history (see the module's note on what this cannot do)."""
        if self._marking or not self._owned():
            return
        clipboard = QGuiApplication.clipboard()
        data = clipboard.mimeData()
        if data is None or not data.formats() or data.hasFormat(PRIVATE_FORMAT):
            return
        marked = QMimeData()
        for kind in data.formats():
            marked.setData(kind, data.data(kind))
        for kind, value in self.clipboard_formats.items():
            marked.setData(kind, QByteArray(value))
        marked.setData(PRIVATE_FORMAT, QByteArray(b"1"))
        self._marking = True
        try:
            clipboard.setMimeData(marked)
        finally:
            self._marking = False


def _session_signals(on_lock: Callable[[], None], parent: QObject) -> QObject:
    return SessionSignals(on_lock, parent=parent)


def install_platform_privacy(window: QWidget, lock: Callable[[], None]) -> PlatformPrivacy:
    """The main window's platform protections (wired from ui/start_window.py)."""
    return PlatformPrivacy(window, lock)
