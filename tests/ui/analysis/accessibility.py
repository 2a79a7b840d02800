"""Every control a keyboard or screen-reader user meets must have a name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.inherits("QScrollBar"):
            continue
        if widget.window() is not root.window():
            continue  # a combo box's pop-up list: the combo box carries the name
        if widget.inherits("QTabBar") or widget.inherits("QSplitterHandle"):
            continue
        name = widget.accessibleName()
        if not name and isinstance(widget, QAbstractButton):
            name = widget.text()
        if not name:
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
    return missing
