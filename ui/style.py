"""Small shared look-and-feel helpers: heading fonts, inline error labels, announcements."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QListView, QListWidget, QWidget


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def heading(text: str, factor: float = 1.6) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setFont(scaled_font(label, factor, bold=True))
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A label that never interprets its text as HTML (case text may contain '<')."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def wrap_list_items(view: QListWidget) -> QListWidget:
    """Long items wrap onto a second line instead of being cut off behind a sideways scroll bar
    (section titles in a narrow column at 1366 pixels wide)."""
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


def monospace_font(point_size: float) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setPointSizeF(point_size)
    return font


def _is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def inline_error_label() -> QLabel:
    """A label for a message shown inside a form; hidden until there is something to say."""
    label = QLabel()
    label.setObjectName("inlineError")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    colour = "#ff9e9e" if _is_dark(label) else "#a4262c"
    label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
    label.setAccessibleName("Problem")
    label.hide()
    return label


def notice_label(text: str = "") -> QLabel:
    """A calm, boxed note (for example the keyring notice)."""
    label = QLabel(text)
    label.setObjectName("notice")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(
        "QLabel { border: 1px solid palette(mid); border-radius: 4px; padding: 8px; }"
    )
    return label


def centred_column(
    page: QWidget, column: QLayout, *, max_width: int, margins: tuple[int, int, int, int]
) -> QWidget:
    """Lay `column` out in the middle of `page`: as wide as there is room for, up to a
    comfortable reading width, with the spare space shared either side."""
    holder = QWidget()
    holder.setLayout(column)
    holder.setMaximumWidth(max_width)
    outer = QHBoxLayout(page)
    outer.setContentsMargins(*margins)
    outer.addStretch(1)
    outer.addWidget(holder, 100)
    outer.addStretch(1)
    return holder


def show_inline(label: QLabel, message: str) -> None:
    """Show `message` in an inline label and ask screen readers to announce it."""
    label.setText(message)
    label.setAccessibleDescription(message)
    label.setVisible(bool(message))
    if message:
        QAccessible.updateAccessibility(QAccessibleEvent(label, QAccessible.Event.Alert))


def size_to_content(dialog: QWidget) -> None:
    """Start a dialog at its preferred size. Left to itself, Qt sizes a dialog with wrapped
    labels by its minimum height, which squashes the fields."""
    hint = dialog.sizeHint()
    dialog.resize(max(hint.width(), dialog.minimumWidth()), hint.height())
