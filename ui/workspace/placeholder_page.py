"""A part of the review that a later version of the app fills in, saying what it will hold."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.style import centred_column, heading, plain_label


class ComingPage(QWidget):
    def __init__(self, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout()
        column.setSpacing(12)
        self.heading = heading(title, 1.6)
        self.heading.setAccessibleName(title)
        column.addWidget(self.heading)
        self.purpose = plain_label(purpose)
        self.purpose.setAccessibleName(f"What {title} will hold")
        column.addWidget(self.purpose)
        note = plain_label(
            "This part of the workspace is not in this version of SCR Reviewer yet. Nothing you "
            "keep elsewhere in the review depends on it."
        )
        note.setAccessibleName("Not yet available")
        column.addWidget(note)
        column.addStretch(1)
        centred_column(self, column, max_width=760, margins=(40, 24, 40, 24))
