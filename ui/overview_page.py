"""A small overview of the open review: its details and the lock/close controls."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.review import Review
from ui.style import centred_column, heading, plain_label, scaled_font

NOT_SET = "Not recorded yet"


def uk_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


class OverviewPage(QWidget):
    lock_requested = Signal()
    change_passphrase_requested = Signal()
    close_requested = Signal()
    edit_requested = Signal()
    go_to = Signal(str)  # a workspace section where the next step is done

    def __init__(
        self,
        details: Review,
        path: Path,
        parent: QWidget | None = None,
        *,
        child_date_of_birth: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.marking = plain_label(details.marking.value)
        self.marking.setObjectName("marking")
        self.marking.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.marking.setFont(scaled_font(self.marking, 0.95, bold=True))
        self.marking.setAccessibleName("Protective marking")

        self.title = heading(details.title, 2.0)
        self.title.setObjectName("reviewTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review_type = plain_label(details.review_type.label)
        self.review_type.setObjectName("reviewType")
        self.review_type.setFont(scaled_font(self.review_type, 1.15))

        created = details.created
        if created.tzinfo is not None:
            created = created.astimezone()
        scope = (
            f"{uk_date(details.scope.start)} to {uk_date(details.scope.end)}"
            if details.scope
            else NOT_SET
        )
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for key, label, value in (
            ("board", "Safeguarding partnership", details.board or NOT_SET),
            ("methodology", "Methodology", details.methodology.label),
            ("status", "Stage", details.status.label),
            ("scope", "Period under review", scope),
            (
                "dob",
                "Child's date of birth",
                uk_date(child_date_of_birth) if child_date_of_birth else NOT_SET,
            ),
            ("created", "Started", uk_date(created.date())),
            ("file", "File", path.name),
        ):
            shown = plain_label(value)
            shown.setObjectName(key)
            shown.setAccessibleName(label)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = shown
            form.addRow(f"{label}:", shown)
        self.values["file"].setToolTip(str(path))

        self.terms = plain_label(details.terms_of_reference or NOT_SET)
        self.terms.setObjectName("termsOfReference")
        self.terms.setAccessibleName("Terms of reference")
        self.terms.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        terms_heading = plain_label("Terms of reference")
        terms_heading.setFont(scaled_font(terms_heading, 1.1, bold=True))

        saved_note = plain_label(
            "Every change is saved in the encrypted review file as you make it. Lock the "
            "review (Ctrl+L) whenever you step away from the computer."
        )

        self.edit_button = QPushButton("Edit &details…")
        self.edit_button.setAccessibleName("Edit the review's details")
        self.edit_button.clicked.connect(self.edit_requested)
        self.lock_button = QPushButton("&Lock")
        self.lock_button.setToolTip("Lock the review (Ctrl+L)")
        self.lock_button.setAccessibleName("Lock the review")
        self.lock_button.clicked.connect(self.lock_requested)
        self.change_button = QPushButton("Change pa&ssphrase…")
        self.change_button.setAccessibleName("Change passphrase")
        self.change_button.clicked.connect(self.change_passphrase_requested)
        self.close_button = QPushButton("&Close review")
        self.close_button.setAccessibleName("Close review")
        self.close_button.clicked.connect(self.close_requested)
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.lock_button, self.change_button, self.close_button):
            button.setMinimumHeight(34)
            buttons.addWidget(button)
        buttons.addStretch(1)

        column = QVBoxLayout()
        column.setSpacing(12)
        column.addWidget(self.marking)
        column.addWidget(self.title)
        column.addWidget(self.review_type)
        column.addSpacing(8)
        column.addLayout(form)
        column.addSpacing(8)
        column.addLayout(buttons)
        column.addSpacing(8)
        column.addWidget(terms_heading)
        column.addWidget(self.terms)
        column.addSpacing(8)
        self.guidance_heading = plain_label("What to do next")
        self.guidance_heading.setFont(scaled_font(self.guidance_heading, 1.1, bold=True))
        self.stage_line = plain_label("")
        self.stage_line.setAccessibleName("Where the review is")
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(4)
        self._step_buttons: list[QPushButton] = []
        for widget in (self.guidance_heading, self.stage_line):
            widget.hide()
        column.addWidget(self.guidance_heading)
        column.addWidget(self.stage_line)
        column.addLayout(self.steps_box)
        self.overdue_heading = plain_label("Overdue actions in the action plan")
        self.overdue_heading.setFont(scaled_font(self.overdue_heading, 1.1, bold=True))
        self.overdue_actions = plain_label("")
        self.overdue_actions.setObjectName("overdueActions")
        self.overdue_actions.setAccessibleName("Overdue actions in the action plan")
        self.overdue_button = QPushButton("Open the &action plan")
        self.overdue_button.setAccessibleName("Open the action plan")
        self.overdue_button.clicked.connect(lambda: self.go_to.emit("timetable"))
        overdue_row = QHBoxLayout()
        overdue_row.addWidget(self.overdue_button)
        overdue_row.addStretch(1)
        self._overdue_widgets: tuple[QWidget, ...] = (
            self.overdue_heading,
            self.overdue_actions,
            self.overdue_button,
        )
        for overdue_widget in self._overdue_widgets:
            overdue_widget.hide()
        column.addSpacing(8)
        column.addWidget(self.overdue_heading)
        column.addWidget(self.overdue_actions)
        column.addLayout(overdue_row)
        column.addSpacing(8)
        column.addWidget(saved_note)
        column.addStretch(1)

        # In a scroll area, so a long terms of reference never squashes the rest of the page.
        inner = QWidget()
        centred_column(inner, column, max_width=760, margins=(40, 24, 40, 24))
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName("The review's overview")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._case_labels = [
            self.stage_line,
            self.title,
            self.review_type,
            self.marking,
            self.terms,
            self.overdue_actions,
            *self.values.values(),
        ]

    def set_guidance(
        self, stage: str, next_milestone: str, steps: list[tuple[str, str, bool]]
    ) -> None:
        """Show the stage and the next steps (text, section to go to, urgent)."""
        for button in self._step_buttons:
            self.steps_box.removeWidget(button)
            button.deleteLater()
        self._step_buttons = []
        self.stage_line.setText(f"{stage}. {next_milestone}".strip(". "))
        for text, where, urgent in steps:
            button = QPushButton(("Now: " if urgent else "") + text)
            button.setFlat(True)
            button.setStyleSheet("QPushButton { text-align: left; padding: 2px 0; }")
            button.setAccessibleName(text)
            button.setToolTip("Go to the page where this is done")
            button.clicked.connect(lambda _checked=False, where=where: self.go_to.emit(where))
            self.steps_box.addWidget(button)
            self._step_buttons.append(button)
        self.guidance_heading.setVisible(True)
        self.stage_line.setVisible(True)

    def set_overdue_actions(self, lines: list[str]) -> None:
        """Show the action plan's overdue actions, one a line (hidden when there are none)."""
        self.overdue_actions.setText("\n".join(f"• {line}" for line in lines))
        for widget in self._overdue_widgets:
            widget.setVisible(bool(lines))

    def clear(self) -> None:
        """Blank every label that shows something from the review (before the page goes)."""
        for label in self._case_labels:
            label.clear()
            label.setToolTip("")
            label.setAccessibleDescription("")
        self.title.setAccessibleName("")
