"""Helpers shared by the window's tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QStatusBar,
    QWidget,
)

BOARD = "Northshire Safeguarding Children Partnership"


@dataclass
class Shown:
    """One message box a test caused (recorded instead of shown)."""

    kind: str
    title: str
    text: str


def visible_dialog(parent: QWidget, kind: type[QDialog]) -> QDialog:
    found = [d for d in parent.findChildren(kind) if d.isVisible()]
    assert len(found) == 1, f"expected one visible {kind.__name__}, found {len(found)}"
    return found[0]


def no_visible_dialog(parent: QWidget, kind: type[QDialog]) -> bool:
    return not [d for d in parent.findChildren(kind) if d.isVisible()]


def every_string(root: QWidget) -> list[str]:
    """All text a person or a screen reader could get from `root` and its children."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        found += [
            widget.windowTitle(),
            widget.toolTip(),
            widget.accessibleName(),
            widget.accessibleDescription(),
            widget.statusTip(),
            widget.whatsThis(),
        ]
        if isinstance(widget, QLabel | QLineEdit):
            found.append(widget.text())
        if isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QStatusBar):
            found.append(widget.currentMessage())
        if isinstance(widget, QListWidget):
            found += [widget.item(i).text() for i in range(widget.count())]
        text = getattr(widget, "text", None)
        if callable(text) and not isinstance(widget, QLabel | QLineEdit):
            value = text()
            if isinstance(value, str):
                found.append(value)
    return [s for s in found if s]


def review_path(tmp_path: Path, name: str = "review-2026-01.review") -> Path:
    return tmp_path / "reviews" / name
