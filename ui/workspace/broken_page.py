"""What stands in a part of the workspace whose page could not be built (a fault in the app)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.style import centred_column, heading, plain_label


class BrokenPage(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout()
        column.setSpacing(12)
        self.heading = heading(title, 1.6)
        self.heading.setAccessibleName(title)
        column.addWidget(self.heading)
        message = plain_label(
            "This page could not be opened because of a fault in SCR Reviewer; the details are "
            "in the log. Nothing in the review file was changed. Close the review and open it "
            "again, and if this page still will not open, send the log to support."
        )
        message.setAccessibleName("This page could not be opened")
        column.addWidget(message)
        column.addStretch(1)
        centred_column(self, column, max_width=760, margins=(40, 24, 40, 24))
