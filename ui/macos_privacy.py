"""macOS: keeping the window out of screen sharing, and noticing the screen lock — through the
Objective-C runtime and CoreGraphics with ctypes, so the app needs no PyObjC.

- `NSWindow.sharingType = NSWindowSharingNone` keeps the window's contents out of screen
  sharing and of the older capture APIs (`CGWindowListCreateImage`); macOS 15's ScreenCaptureKit
  ignores it, so a screenshot tool on a current Mac may still see the window. Best effort, said
  plainly in docs/security.md.
- The screen lock has no callback without an Objective-C observer object, so the session's
  `CGSSessionScreenIsLocked` flag (`CGSessionCopyCurrentDictionary`) is read on the same
  15-second check as the sleep clocks: the review locks within 15 seconds of the screen locking.

`Cocoa` is the protocol; `ObjCRuntime` makes the real calls (macOS only); tests inject a
recorder and run each branch on Linux (tests/ui/test_platform_privacy.py).
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from typing import Protocol

log = logging.getLogger(__name__)

NS_WINDOW_SHARING_NONE = 0
K_CF_STRING_ENCODING_UTF8 = 0x08000100
SCREEN_IS_LOCKED = b"CGSSessionScreenIsLocked"


class Cocoa(Protocol):
    """The two macOS calls used."""

    def exclude_from_sharing(self, view: int) -> bool:
        """Set the window of the NSView `view` (what Qt's `winId()` is on macOS) to
        NSWindowSharingNone; False if there is no window."""
        ...

    def screen_locked(self) -> bool:
        """Whether the login session's screen is locked now."""
        ...


class ObjCRuntime:
    """The real calls through libobjc and the CoreFoundation/CoreGraphics frameworks."""

    def __init__(self) -> None:
        objc = ctypes.cdll.LoadLibrary("/usr/lib/libobjc.A.dylib")
        self._cf = ctypes.cdll.LoadLibrary(
            "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"
        )
        self._cg = ctypes.cdll.LoadLibrary(
            "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"
        )
        objc.sel_registerName.restype = ctypes.c_void_p
        objc.sel_registerName.argtypes = [ctypes.c_char_p]
        self._sel = objc.sel_registerName
        send = ("objc_msgSend", objc)
        # objc_msgSend must be called through a prototype matching each method (arm64).
        self._send_id = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)(send)
        self._send_ulong = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)(
            send
        )
        self._cf.CFStringCreateWithCString.restype = ctypes.c_void_p
        self._cf.CFStringCreateWithCString.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_uint32,
        ]
        self._cf.CFDictionaryGetValue.restype = ctypes.c_void_p
        self._cf.CFDictionaryGetValue.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        self._cf.CFBooleanGetValue.restype = ctypes.c_bool
        self._cf.CFBooleanGetValue.argtypes = [ctypes.c_void_p]
        self._cf.CFRelease.argtypes = [ctypes.c_void_p]
        self._cg.CGSessionCopyCurrentDictionary.restype = ctypes.c_void_p
        self._locked_key = self._cf.CFStringCreateWithCString(
            None, SCREEN_IS_LOCKED, K_CF_STRING_ENCODING_UTF8
        )

    def exclude_from_sharing(self, view: int) -> bool:
        window = self._send_id(view, self._sel(b"window"))
        if not window:
            return False
        self._send_ulong(window, self._sel(b"setSharingType:"), NS_WINDOW_SHARING_NONE)
        return True

    def screen_locked(self) -> bool:
        session = self._cg.CGSessionCopyCurrentDictionary()
        if not session:
            return False
        try:
            value = self._cf.CFDictionaryGetValue(session, self._locked_key)
            return bool(value) and bool(self._cf.CFBooleanGetValue(value))
        finally:
            self._cf.CFRelease(session)


def load_cocoa() -> Cocoa | None:
    """The real calls, or None (with a line in the log) where they cannot be loaded."""
    try:
        return ObjCRuntime()
    except Exception:
        log.warning("the macOS calls could not be loaded; no screen-sharing exclusion")
        return None


class ScreenLockPoll:
    """Calls `on_lock` when the screen has become locked since the last `check`."""

    def __init__(self, cocoa: Cocoa, on_lock: Callable[[], None]) -> None:
        self.cocoa, self.on_lock = cocoa, on_lock
        self.was_locked = self._locked()

    def _locked(self) -> bool:
        try:
            return self.cocoa.screen_locked()
        except Exception:
            return False

    def check(self) -> None:
        locked = self._locked()
        if locked and not self.was_locked:
            self.on_lock()
        self.was_locked = locked
