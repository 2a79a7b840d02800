"""A small form for adding one chronology entry by hand.

Everything is checked before the dialog closes, with one plain message at a time beside the
form, and the field at fault gets the focus. The dialog never touches the review file: the
page turns what it returns into an undo command.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.chronology.dates import (
    DateProblem,
    FuzzyDate,
    Precision,
    parse_time,
    parse_uk_date,
)
from reviewer_app.chronology.entry import Agency, Flag
from ui.style import inline_error_label, show_inline, size_to_content


@dataclass(frozen=True, slots=True)
class NewEntry:
    """What the reviewer typed; `agency_id` is None for an agency not yet in the review."""

    agency_id: int | None
    agency_name: str
    date: FuzzyDate
    source: str
    practitioner: str
    event: str
    outcome: str
    comment: str
    flags: frozenset[Flag]


def _text_box(name: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


class EntryDialog(QDialog):
    def __init__(self, agencies: list[Agency], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New chronology entry")
        self.setAccessibleName("New chronology entry")
        self.result_entry: NewEntry | None = None
        self._agencies = [a for a in agencies if a.id is not None]

        self.agency = QComboBox()
        self.agency.setEditable(True)
        self.agency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agency.setAccessibleName("Agency")
        self.agency.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.agency.setToolTip("Choose an agency, or type the name of a new one")
        for agency in self._agencies:
            self.agency.addItem(agency.name, agency.id)
        self.agency.setCurrentIndex(-1)
        self.agency.setEditText("")
        line = self.agency.lineEdit()
        if line is not None:
            line.setPlaceholderText("Choose or type an agency")

        self.date = QLineEdit()
        self.date.setAccessibleName("Date")
        self.date.setPlaceholderText("dd/mm/yyyy, or Feb 2015, approx 03/2015, w/c 12/01/2015")
        self.date.setToolTip(
            "Day first, as the agency wrote it: 03/02/2015, Feb 2015, approx 03/2015, "
            "?/05/2014 (day not known), c. May 2014, late 2014, between 3 and 9 March 2015, "
            "w/c 12/01/2015, Spring 2015 or unknown"
        )
        self.time = QLineEdit()
        self.time.setAccessibleName("Time")
        self.time.setPlaceholderText("hh:mm (optional)")
        self.source = QLineEdit()
        self.source.setAccessibleName("Source")
        self.source.setPlaceholderText("The record it comes from, such as 'Case note'")
        self.practitioner = QLineEdit()
        self.practitioner.setAccessibleName("Practitioner or team")
        self.event_text = _text_box("Event", 4)
        self.outcome = _text_box("Action or outcome", 3)
        self.comment = _text_box("Reviewer comment", 3)
        self.flag_boxes: dict[Flag, QCheckBox] = {}
        flags = QGridLayout()
        flags.setContentsMargins(0, 0, 0, 0)
        flags.setHorizontalSpacing(18)
        for n, flag in enumerate(Flag):
            box = QCheckBox(flag.label)
            box.setAccessibleName(f"Flag: {flag.label}")
            self.flag_boxes[flag] = box
            flags.addWidget(box, n // 3, n % 3)
        flags_row = QHBoxLayout()
        flags_row.setContentsMargins(0, 0, 0, 0)
        flags_row.addLayout(flags)
        flags_row.addStretch(1)
        flags_holder = QWidget()
        flags_holder.setLayout(flags_row)
        flags_holder.setAccessibleName("Flags")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, field in (
            ("&Agency:", self.agency),
            ("&Date:", self.date),
            ("&Time:", self.time),
            ("&Source:", self.source),
            ("&Practitioner or team:", self.practitioner),
            ("&Event:", self.event_text),
            ("Action or &outcome:", self.outcome),
            ("Re&viewer comment:", self.comment),
        ):
            caption = QLabel(label)
            caption.setBuddy(field)
            form.addRow(caption, field)
        form.addRow(QLabel("Flags:"), flags_holder)

        note = QLabel(
            "The agency's words go in Event and Outcome; your own view goes in Reviewer comment."
        )
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)
        self.problem = inline_error_label()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add entry")
        ok.setAccessibleName("Add entry")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("n" * 96))
        size_to_content(self)

    def accept(self) -> None:
        checked = self._check()
        if checked is None:
            return
        self.result_entry = checked
        super().accept()

    def _refuse(self, field: QWidget, message: str) -> None:
        show_inline(self.problem, message)
        field.setFocus()

    def _check(self) -> NewEntry | None:
        name = self.agency.currentText().strip()
        if not name:
            self._refuse(self.agency, "Choose the agency this entry comes from.")
            return None
        agency_id = next(
            (a.id for a in self._agencies if a.name.casefold() == name.casefold()), None
        )
        try:
            date = parse_uk_date(self.date.text())
        except DateProblem as problem:
            message = str(problem) if self.date.text().strip() else "Type the date of the entry."
            self._refuse(self.date, message)
            return None
        if self.time.text().strip():
            try:
                time = parse_time(self.time.text())
            except DateProblem as problem:
                self._refuse(self.time, f"{problem} Type a time such as 14:30, or leave it blank.")
                return None
            if date.start is None or date.start != date.end or date.precision is not Precision.DAY:
                self._refuse(self.time, "A time can only go with a date that is a single day.")
                return None
            date = dataclasses.replace(date, time=time)
        source = self.source.text().strip()
        if not source:
            self._refuse(
                self.source,
                "Every entry needs a source: the record it comes from, such as 'Case note' or "
                "'Incident log 14/123'.",
            )
            return None
        event = self.event_text.toPlainText().strip()
        if not event:
            self._refuse(self.event_text, "Describe the event.")
            return None
        show_inline(self.problem, "")
        return NewEntry(
            agency_id=agency_id,
            agency_name=name,
            date=date,
            source=source,
            practitioner=self.practitioner.text().strip(),
            event=event,
            outcome=self.outcome.toPlainText().strip(),
            comment=self.comment.toPlainText().strip(),
            flags=frozenset(f for f, box in self.flag_boxes.items() if box.isChecked()),
        )
