"""What the window shows while a review is locked: the file's name and nothing from inside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.style import centred_column, heading, plain_label


class LockedPage(QWidget):
    unlock_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.where = plain_label()
        self.where.setObjectName("lockedFile")
        explanation = plain_label(
            "The review is closed and its key has been dropped from memory. Nothing from "
            "inside it is shown until it is unlocked again."
        )
        self.unlock_button = QPushButton("&Unlock…")
        self.unlock_button.setAccessibleName("Unlock the review")
        self.unlock_button.setMinimumHeight(36)
        self.unlock_button.setMinimumWidth(150)
        self.unlock_button.clicked.connect(self.unlock_requested)
        self.back_button = QPushButton("&Back to start")
        self.back_button.setMinimumHeight(36)
        self.back_button.setMinimumWidth(150)
        self.back_button.clicked.connect(self.back_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addStretch(1)
        column.addWidget(heading("Review locked", 2.0))
        column.addWidget(self.where)
        column.addWidget(explanation)
        column.addSpacing(8)
        column.addLayout(buttons)
        column.addStretch(2)
        centred_column(self, column, max_width=640, margins=(40, 32, 40, 32))

    def set_path(self, path: Path) -> None:
        self.path = path
        self.where.setText(f"File: {path.name}")
        self.where.setToolTip(str(path))
