"""Warnings about reviews kept in synced or network folders (reviewer_app/locations.py).

When a new review is being made there, the new-review dialog shows `LocationNotice` with a
button to choose a folder on this computer instead. When such a review is opened,
`LocationDialog` asks first: copy it to this computer and open the copy, or open it where it is.
A review kept there anyway is saved with SQLite's rollback journal, which is slower but safe.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.locations import Kind, Location
from ui.style import heading, notice_label, size_to_content

KEPT_THERE = (
    "If you keep it there, SCR Reviewer saves it in a slower, more careful way that a sync "
    "program or network drive cannot catch half-written."
)


class LocationNotice(QWidget):
    """A warning under the new-review dialog's location, with a way to choose again."""

    choose_local = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("locationWarning")
        self.label = notice_label()
        self.label.setObjectName("locationWarningText")
        self.label.setAccessibleName("Warning about where the review is kept")
        self.button = QPushButton("Choose a folder on this &computer…")
        self.button.setAccessibleName("Choose a folder on this computer instead")
        self.button.clicked.connect(self.choose_local)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        self.hide()

    def set_location(self, path: Path, location: Location) -> None:
        message = location.warning(path.name)
        self.label.setText(f"{message}\n\n{KEPT_THERE}" if message else "")
        self.label.setAccessibleDescription(self.label.text())
        self.setVisible(bool(message))


class LocationDialog(QDialog):
    """Asked before a review in a synced or network folder is opened. After it finishes,
    `choice` is "copy" (copy it to this computer and open the copy), "here" or "" (cancel)."""

    def __init__(self, path: Path, location: Location, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ""
        self.setWindowTitle("Where this review is kept")
        self.setMinimumWidth(520)
        title = (
            "This review is on a network drive"
            if location.kind is Kind.NETWORK
            else "This review is in a synced folder"
        )
        message = QLabel(location.warning(path.name))
        message.setObjectName("locationWarningText")
        message.setWordWrap(True)
        self.message = message
        copy_note = QLabel(
            "\u201cCopy to this computer\u201d copies the review to a folder you choose here and "
            "opens the copy. The original is left as it is: once you are happy with the copy, "
            f"delete the original so that only one is worked on. {KEPT_THERE}"
        )
        copy_note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton(
            "&Copy to this computer…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.copy_button.setDefault(True)
        self.here_button = buttons.addButton(
            "&Open it where it is", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.copy_button.clicked.connect(lambda: self._chosen("copy"))
        self.here_button.clicked.connect(lambda: self._chosen("here"))
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading(title, 1.3))
        layout.addWidget(message)
        layout.addWidget(copy_note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        size_to_content(self)

    def _chosen(self, choice: str) -> None:
        self.choice = choice
        self.accept()
