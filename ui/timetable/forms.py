"""The one layout of the Timetable page's small dialogs: a form, the inline error under it,
then the buttons, at a sensible width and no taller than their content."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ui.style import size_to_content


def stack_form(
    dialog: QWidget, form: QFormLayout, error: QLabel, buttons: QDialogButtonBox, width: int = 480
) -> None:
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    dialog.setMinimumWidth(width)
    size_to_content(dialog)
