"""PySide6 6.12.0 releases `None` once too often on every call of a C++ method returning
nothing; on Python 3.11 (where None is not immortal) a long session then aborts with
"none_dealloc". pyproject.toml keeps PySide6 below 6.12; this fails if a leaky build creeps in."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_qt_calls_do_not_leak_references_to_none() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 10
