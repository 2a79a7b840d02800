"""Writing or editing a learning note: the details, tags and the Markdown body with a preview."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import InvalidInputError
from reviewer_app.learning.note import LearningNote, parse_tags
from ui.errors import show_error
from ui.style import size_to_content


def parse_uk_day(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError as exc:
        raise InvalidInputError("Please write the date as dd/mm/yyyy, such as 12/03/2026.") from exc


class NoteDialog(QDialog):
    def __init__(self, note: LearningNote | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = note
        self.result_note: LearningNote | None = None
        self.setWindowTitle("Edit learning note" if note else "New learning note")
        self.setMinimumWidth(760)
        self.title = QLineEdit(note.title if note else "")
        self.title.setAccessibleName("Title")
        self.event_field = QLineEdit(note.event if note else "")
        self.event_field.setAccessibleName("Masterclass or event")
        self.event_field.setPlaceholderText("Masterclass 3: hindsight bias")
        self.held_on = QLineEdit(note.held_on.strftime("%d/%m/%Y") if note and note.held_on else "")
        self.held_on.setAccessibleName("Date (dd/mm/yyyy)")
        self.held_on.setPlaceholderText("dd/mm/yyyy")
        self.facilitator = QLineEdit(note.facilitator if note else "")
        self.facilitator.setAccessibleName("Facilitator")
        self.tags = QLineEdit(", ".join(note.tags) if note else "")
        self.tags.setAccessibleName("Topic tags, separated by commas")
        self.tags.setPlaceholderText("hindsight, systems thinking")
        self.body = QPlainTextEdit(note.body if note else "")
        self.body.setAccessibleName("Note in Markdown")
        self.body.setTabChangesFocus(True)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("How the note will look")
        self.preview.setOpenLinks(False)
        self.body.textChanged.connect(lambda: self.preview.setMarkdown(self.body.toPlainText()))
        self.preview.setMarkdown(self.body.toPlainText())

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Masterclass or event", self.event_field)
        form.addRow("&Date", self.held_on)
        form.addRow("&Facilitator", self.facilitator)
        form.addRow("T&ags", self.tags)
        texts = QHBoxLayout()
        texts.addWidget(self.body, 1)
        texts.addWidget(self.preview, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(texts, 1)
        layout.addWidget(buttons)
        self.setTabOrder(self.title, self.event_field)
        self.setTabOrder(self.event_field, self.held_on)
        self.setTabOrder(self.held_on, self.facilitator)
        self.setTabOrder(self.facilitator, self.tags)
        self.setTabOrder(self.tags, self.body)
        self.setTabOrder(self.body, self.preview)
        size_to_content(self)
        self.resize(self.width(), max(self.height(), 560))

    def note(self) -> LearningNote:
        changes = {
            "title": self.title.text(),
            "event": self.event_field.text(),
            "held_on": parse_uk_day(self.held_on.text()),
            "facilitator": self.facilitator.text(),
            "tags": parse_tags(self.tags.text()),
            "body": self.body.toPlainText(),
        }
        if self.original is not None:
            return self.original.with_changes(**changes)
        return LearningNote(**changes)  # type: ignore[arg-type]

    def accept(self) -> None:
        try:
            self.result_note = self.note()
        except InvalidInputError as exc:
            show_error(self, exc)
            return
        super().accept()
