"""A test-only guard against a PySide6 6.12.0 bug on Python 3.11.

Shiboken 6.12.0 releases one reference to ``None`` too many on every call of a C++ method that
returns nothing (``painter.setPen(...)``, ``widget.setToolTip(...)``). On Python 3.11 ``None`` is
not immortal (it is from 3.12), so after some tens of thousands of such calls its count reaches
zero and the interpreter aborts with "none_dealloc: deallocating None". PySide6 6.11.3 does
not do this. Painting a timeline makes thousands of such calls, so a test run would abort.

The real fix is outside these tests (keep PySide6 below 6.12 while on Python 3.11, or move to
Python 3.12+). Until then the timeline tests hold spare references to ``None`` so the process
survives; `leaks_none` tells whether the bug is present, and the guard does nothing if not.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject


def leaks_none() -> bool:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(50):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 25


def top_up(references: int = 10_000_000) -> None:
    """Add `references` to None's count, if the bug is present.

    Held references (a list of Nones) would be released at shutdown and abort there instead,
    so the count itself is raised, for good: None is never freed anyway.
    """
    if leaks_none():
        count = ctypes.c_ssize_t.from_address(id(None))
        count.value += references
