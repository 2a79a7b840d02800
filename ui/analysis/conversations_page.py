"""Conversations with practitioners, agency representatives and family, and their passages.

The structured record follows the review's conversation guide; passages (typed, or taken from
imported notes) are tagged with themes and linked to chronology entries and episodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.analysis.conversation import (
    Conversation,
    ConversationGuide,
    ConversationKind,
    Mode,
    Passage,
    RecordItem,
)
from reviewer_app.analysis.episode import Episode
from reviewer_app.chronology.entry import Agency, ChronologyEntry
from reviewer_app.errors import InvalidInputError
from reviewer_app.people.model import Person
from reviewer_app.services.analysis import AnalysisService
from ui.analysis.fields import (
    CheckList,
    combo,
    date_field,
    line,
    select,
    show_date,
    text_box,
)
from ui.analysis.guide_dialog import edit_guides
from ui.analysis.master_detail import MasterDetailPage
from ui.analysis.passages import PassagesEditor
from ui.errors import show_error
from ui.operations import Replace, push
from ui.tasks import TaskRunner
from ui.uk_dates import uk


@dataclass(frozen=True, slots=True)
class ConversationData:
    conversations: list[Conversation]
    passages: list[Passage]
    guides: list[ConversationGuide]
    people: list[Person]
    episodes: list[Episode]
    entries: list[ChronologyEntry]
    agencies: list[Agency]


class ConversationsPage(MasterDetailPage):
    noun = "conversation"
    title = "Conversations"
    intro = (
        "Conversations with practitioners, interviews with agency representatives, family "
        "meetings and learning events. Mark passages that matter and link them to the "
        "chronology and to key practice episodes."
    )
    empty_text = (
        "No conversations recorded yet: press New conversation to record the first one, "
        "whether a conversation, an interview, a family meeting or a learning event."
    )

    def __init__(
        self,
        service: AnalysisService,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        self.service = service
        super().__init__(undo_stack, runner, parent)
        self.data: ConversationData | None = None
        self.record_boxes: list[tuple[RecordItem, QPlainTextEdit]] = []

        self.kind = combo("Kind of conversation", [(k.label, k) for k in ConversationKind])
        self.title_field = line("Title", "Conversation with Health Visitor 1")
        self.date = date_field("Date of the conversation")
        self.mode = combo("How it was held", [(m.label, m) for m in Mode])
        self.participants = CheckList("Participants")
        self.consent = text_box("Consent", 2)
        self.support = text_box("Support offered", 2)
        self.guide = combo("Conversation guide", [])
        self.use_guide = QPushButton("Start the record from this guide")
        self.use_guide.setAccessibleName("Start the structured record from the chosen guide")
        self.use_guide.clicked.connect(self._start_record)
        self.record_holder = QWidget()
        self.record_layout = QVBoxLayout(self.record_holder)
        self.record_layout.setContentsMargins(0, 0, 0, 0)
        self.notes = text_box("Free notes", 3)
        self.transcript = text_box("Imported notes or transcript", 5)
        self.transcript.setReadOnly(True)
        self.transcript.setTabChangesFocus(True)
        self.import_button = QPushButton("&Import notes or transcript…")
        self.import_button.setAccessibleName(
            "Import notes or a transcript from a Word or text file"
        )
        self.import_button.clicked.connect(self.import_notes)

        self.edit_guides = QPushButton("Edit &guides…")
        self.edit_guides.setAccessibleName("Edit this review's conversation guides")
        self.edit_guides.clicked.connect(lambda: edit_guides(self, self.service, self.undo_stack))
        guide_row = QHBoxLayout()
        guide_row.addWidget(self.guide, 1)
        guide_row.addWidget(self.use_guide)
        guide_row.addWidget(self.edit_guides)
        guide_box = QWidget()
        guide_box.setLayout(guide_row)
        guide_row.setContentsMargins(0, 0, 0, 0)
        self.add_row("&Kind", self.kind)
        self.add_row("&Title", self.title_field)
        self.add_row("Da&te", self.date)
        self.add_row("&Mode", self.mode)
        self.add_row("&Participants", self.participants)
        self.add_row("&Consent", self.consent)
        self.add_row("S&upport", self.support)
        self.add_row("Gu&ide", guide_box)
        self.add_row("Record", self.record_holder)
        self.add_row("&Notes", self.notes)
        self.add_row("T&ranscript", self.transcript)
        self.form.addRow("", self.import_button)
        self.autosave.watch(self.guide)
        self.passages = PassagesEditor(
            service,
            undo_stack,
            self._passages_changed,
            lambda: self.transcript.textCursor().selectedText(),
        )
        self.form.addRow(self.passages)

    # -- passages ---------------------------------------------------------------------------
    def _passages_changed(self) -> None:
        self.reload()  # the passages are shown again; the conversation's form stays as it is
        self.changed.emit()

    def flush(self) -> bool:
        """Save what is typed in the conversation or its passage; True if nothing is left."""
        return all([self.passages.flush(), super().flush()])

    def problem_text(self) -> str:
        return "\n".join(t for t in (super().problem_text(), self.passages.problem.text()) if t)

    def clear(self) -> None:
        super().clear()
        self.passages.clear()

    def _passages_of(self, conversation: Conversation | None) -> list[Passage]:
        if conversation is None or self.data is None:
            return []
        return [p for p in self.data.passages if p.conversation_id == conversation.id]

    # -- the conversation ---------------------------------------------------------------------
    def load(self) -> ConversationData:
        s = self.service
        return ConversationData(
            s.conversations(),
            s.passages(),
            s.guides(),
            s.everyone(),
            s.episodes(),
            s.entries(),
            s.agencies(),
        )

    def loaded(self, data: ConversationData) -> list[Conversation]:
        self.data = data
        chosen = self.guide.currentData()  # a form kept as typed keeps its guide too
        self.guide.clear()
        self.guide.addItem("No guide", "")
        for guide in data.guides:
            self.guide.addItem(guide.title, guide.key)
        select(self.guide, chosen)
        self.passages.set_entries(data.entries, data.agencies)
        return data.conversations

    def describe(self, item: Conversation) -> str:
        return f"{item.title}\n{uk(item.date) or 'Date not set'} · {item.kind.label}"

    def show_item(self, item: Conversation | None) -> None:
        people = self.data.people if self.data else []
        select(self.kind, item.kind if item else ConversationKind.PRACTITIONER)
        self.title_field.setText(item.title if item else "")
        show_date(self.date, item.date if item else None)
        select(self.mode, item.mode if item else Mode.IN_PERSON)
        self.participants.set_items(
            ((f"{p.pseudonym} ({p.kind.label.lower()})", p.id) for p in people),
            item.participants if item else (),
        )
        self.consent.setPlainText(item.consent_notes if item else "")
        self.support.setPlainText(item.support_notes if item else "")
        select(self.guide, item.guide_key if item else "")
        self._show_record(item.record if item else ())
        self.notes.setPlainText(item.notes if item else "")
        self.transcript.setPlainText(item.transcript if item else "")

    def show_related(self, item: Conversation | None) -> None:
        self.state.setText(
            f"From '{item.transcript_name}'." if item and item.transcript_name else ""
        )
        episodes = self.data.episodes if self.data else []
        self.passages.show_for(item, self._passages_of(item), episodes)

    def _show_record(self, record: tuple[RecordItem, ...]) -> None:
        while self.record_layout.count():
            taken = self.record_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.record_boxes = []
        if not record:
            hint = QLabel("No structured record yet: choose a guide and start the record.")
            hint.setWordWrap(True)
            self.record_layout.addWidget(hint)
        for item in record:
            question = QLabel(item.question)
            question.setWordWrap(True)
            answer = text_box(item.question, 2)
            answer.setPlainText(item.answer)
            self.autosave.watch(answer)
            question.setBuddy(answer)
            self.record_layout.addWidget(question)
            self.record_layout.addWidget(answer)
            self.record_boxes.append((item, answer))

    def _start_record(self) -> None:
        key = self.guide.currentData()
        answers = {item.key: box.toPlainText() for item, box in self.record_boxes}
        fresh = self.service.blank_record(str(key)) if key else ()
        with self.autosave.loading():
            self._show_record(
                tuple(RecordItem(i.key, i.question, answers.get(i.key, "")) for i in fresh)
            )
        self.autosave.note_change()

    def read_form(self, base: Conversation | None) -> Conversation:
        record = tuple(
            RecordItem(item.key, item.question, box.toPlainText())
            for item, box in self.record_boxes
        )
        return Conversation(
            kind=ConversationKind(self.kind.currentData()),
            title=self.text_or_kept(
                self.title_field.text().strip(), base.title if base else None, "The title"
            ),
            date=self.date_or_kept(self.date, base.date if base else None),
            mode=Mode(self.mode.currentData()),
            participants=self.participants.chosen_ids(),
            consent_notes=self.consent.toPlainText(),
            support_notes=self.support.toPlainText(),
            guide_key=str(self.guide.currentData() or ""),
            record=record,
            notes=self.notes.toPlainText(),
            transcript=self.transcript.toPlainText(),
            transcript_name=base.transcript_name if base else "",
            id=base.id if base else None,
        )

    def import_notes(self) -> None:
        if not self.flush():
            return
        if self.current is None:
            show_error(
                self,
                InvalidInputError("Give the conversation a title first, then import its notes."),
            )
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Import notes or a transcript", "", "Word or text files (*.docx *.txt)"
        )
        if chosen:
            self.import_from(Path(chosen))

    def import_from(self, path: Path) -> None:
        base = self.current
        if base is None:
            return
        self.runner.start(
            lambda: self.service.import_notes(base, path),
            self._notes_imported,
            self._import_failed,
        )

    def _notes_imported(self, imported: Conversation) -> None:
        # On top of what the file holds now, whatever was typed while the notes were read.
        self.flush()
        before = self.current
        if before is None or before.id != imported.id:  # the reviewer has moved on meanwhile
            before = next((c for c in self.service.conversations() if c.id == imported.id), None)
            if before is None:
                return  # deleted meanwhile: nothing to put the notes into
        after = before.with_changes(
            transcript=imported.transcript, transcript_name=imported.transcript_name
        )
        done = push(
            self.undo_stack,
            Replace(
                "Import notes",
                self.save_item,
                before,
                after,
                changed=self._heard,
                report=self._report,
            ),
        )
        if done and self.current is not None and self.current.id == after.id:
            with self.autosave.loading():
                self.transcript.setPlainText(after.transcript)
            self.show_related(self.current)

    def _import_failed(self, error: Exception) -> None:
        show_error(self, error)

    def save_item(self, item: Conversation) -> Conversation:
        return self.service.save_conversation(item)

    def remove_item(self, item: Conversation) -> object:
        return self.service.delete(item)

    def restore_item(self, removal: Any) -> None:
        self.service.restore(removal)
