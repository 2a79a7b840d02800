"""Conversations with practitioners, agency representatives and family, and their passages.

The structured record follows the review's conversation guide; passages (typed, or taken from
imported notes) are tagged with themes and linked to chronology entries and episodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
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
from ui.analysis.commands import DeleteCommand, Effects, SaveCommand
from ui.analysis.fields import (
    CheckList,
    EntryPicker,
    combo,
    date_field,
    line,
    read_date,
    select,
    show_date,
    text_box,
)
from ui.analysis.guide_dialog import edit_guides
from ui.analysis.master_detail import MasterDetailPage
from ui.errors import show_error
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
        self._passage_keep: int | None = None

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
        self._build_passages()

    # -- passages ---------------------------------------------------------------------------
    def _build_passages(self) -> None:
        box = QGroupBox("Passages")
        box.setAccessibleName("Passages of this conversation")
        layout = QVBoxLayout(box)
        self.passage_list = QListWidget()
        self.passage_list.setAccessibleName("Passages")
        self.passage_list.setWordWrap(True)
        self.passage_list.setMinimumHeight(80)
        self.passage_list.currentRowChanged.connect(self._passage_chosen)
        self.passage_text = text_box("Passage text", 3)
        self.from_transcript = QPushButton("Use the te&xt selected in the transcript")
        self.from_transcript.setAccessibleName("Use the text selected in the transcript")
        self.from_transcript.clicked.connect(self._take_selection)
        self.themes = line("Themes, separated by commas", "information sharing, domestic abuse")
        self.passage_entries = EntryPicker("Chronology entries for this passage")
        self.passage_episodes = CheckList("Key practice episodes for this passage")
        self.new_passage = QPushButton("New passa&ge")
        self.new_passage.setAccessibleName("New passage")
        self.new_passage.clicked.connect(self._blank_passage)
        self.save_passage = QPushButton("Save &passage")
        self.save_passage.setAccessibleName("Save this passage")
        self.save_passage.clicked.connect(self.save_current_passage)
        self.delete_passage = QPushButton("Delete passage")
        self.delete_passage.setAccessibleName("Delete the selected passage")
        self.delete_passage.clicked.connect(self._delete_passage)
        self.current_passage: Passage | None = None
        layout.addWidget(self.passage_list)
        layout.addWidget(QLabel("Passage text"))
        layout.addWidget(self.passage_text)
        layout.addWidget(self.from_transcript, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(QLabel("Themes"))
        layout.addWidget(self.themes)
        layout.addWidget(QLabel("Linked chronology entries (tick to link)"))
        layout.addWidget(self.passage_entries)
        layout.addWidget(QLabel("Linked key practice episodes"))
        layout.addWidget(self.passage_episodes)
        row = QHBoxLayout()
        row.addWidget(self.new_passage)
        row.addWidget(self.save_passage)
        row.addWidget(self.delete_passage)
        row.addStretch(1)
        layout.addLayout(row)
        self.passages_box = box
        self.form.addRow(box)

    def _passages_of(self, conversation: Conversation | None) -> list[Passage]:
        if conversation is None or self.data is None:
            return []
        return [p for p in self.data.passages if p.conversation_id == conversation.id]

    def _show_passages(self, keep: int | None = None) -> None:
        passages = self._passages_of(self.current)
        self.passages_box.setEnabled(self.current is not None)
        self.passage_list.blockSignals(True)
        self.passage_list.clear()
        chosen = -1
        for n, passage in enumerate(passages):
            item = QListWidgetItem(passage.short)
            item.setData(Qt.ItemDataRole.UserRole, passage.id)
            self.passage_list.addItem(item)
            if passage.id == keep:
                chosen = n
        self.passage_list.blockSignals(False)
        if chosen >= 0:
            self.passage_list.setCurrentRow(chosen)
            self._passage_chosen(chosen)
        else:
            self._blank_passage()

    def _passage_chosen(self, row: int) -> None:
        passages = self._passages_of(self.current)
        passage = passages[row] if 0 <= row < len(passages) else None
        self.current_passage = passage
        self.passage_text.setPlainText(passage.text if passage else "")
        self.themes.setText(", ".join(passage.themes) if passage else "")
        self.passage_entries.set_chosen(passage.entry_ids if passage else ())
        self._fill_episodes(passage.episode_ids if passage else ())
        self.delete_passage.setEnabled(passage is not None)

    def _fill_episodes(self, chosen: tuple[int, ...]) -> None:
        episodes = self.data.episodes if self.data else []
        self.passage_episodes.set_items(((e.title, e.id) for e in episodes), chosen)

    def _blank_passage(self) -> None:
        self.passage_list.blockSignals(True)
        self.passage_list.setCurrentRow(-1)
        self.passage_list.blockSignals(False)
        self._passage_chosen(-1)

    def _take_selection(self) -> None:
        selected = self.transcript.textCursor().selectedText().replace("\u2029", "\n")
        if selected.strip():
            self.passage_text.setPlainText(selected.strip())

    def _passage_effects(self) -> Effects:
        def refresh(shown: Any) -> None:
            self._passage_keep = getattr(shown, "id", None)
            self.reload()
            self.changed.emit()

        return Effects(refresh, lambda error: show_error(self, error))

    def save_current_passage(self) -> None:
        if self.current is None or self.current.id is None:
            return
        try:
            after = Passage(
                self.current.id,
                self.passage_text.toPlainText().strip(),
                tuple(t.strip() for t in self.themes.text().split(",") if t.strip()),
                self.passage_entries.chosen(),
                self.passage_episodes.chosen_ids(),
                self.current_passage.id if self.current_passage else None,
            )
        except Exception as error:
            show_error(self, error)
            return
        if after == self.current_passage:
            return
        self.undo_stack.push(
            SaveCommand(
                "Add passage" if self.current_passage is None else "Edit passage",
                self._passage_effects(),
                self.service.save_passage,
                self.service.delete,
                self.service.restore,
                self.current_passage,
                after,
            )
        )

    def _delete_passage(self) -> None:
        if self.current_passage is None:
            return
        self.undo_stack.push(
            DeleteCommand(
                "Delete passage",
                self._passage_effects(),
                self.service.delete,
                self.service.restore,
                self.current_passage,
            )
        )

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
        self.guide.blockSignals(True)
        self.guide.clear()
        self.guide.addItem("No guide", "")
        for guide in data.guides:
            self.guide.addItem(guide.title, guide.key)
        self.guide.blockSignals(False)
        self.passage_entries.set_entries(data.entries, data.agencies)
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
        self.state.setText(
            f"From '{item.transcript_name}'." if item and item.transcript_name else ""
        )
        keep = getattr(self, "_passage_keep", None)
        self._passage_keep = None
        self._show_passages(keep)

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
            question.setBuddy(answer)
            self.record_layout.addWidget(question)
            self.record_layout.addWidget(answer)
            self.record_boxes.append((item, answer))

    def _start_record(self) -> None:
        key = self.guide.currentData()
        answers = {item.key: box.toPlainText() for item, box in self.record_boxes}
        fresh = self.service.blank_record(str(key)) if key else ()
        self._show_record(
            tuple(RecordItem(i.key, i.question, answers.get(i.key, "")) for i in fresh)
        )

    def read_form(self, base: Conversation | None) -> Conversation:
        record = tuple(
            RecordItem(item.key, item.question, box.toPlainText())
            for item, box in self.record_boxes
        )
        return Conversation(
            kind=ConversationKind(self.kind.currentData()),
            title=self.title_field.text().strip(),
            date=read_date(self.date),
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
        if self.current is None:
            show_error(
                self, InvalidInputError("Save the conversation first, then import its notes.")
            )
            return
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Import notes or a transcript", "", "Word or text files (*.docx *.txt)"
        )
        if chosen:
            self.import_from(Path(chosen))

    def import_from(self, path: Path) -> None:
        base = self.current

        def done(updated: Conversation) -> None:
            self.undo_stack.push(
                SaveCommand(
                    "Import notes",
                    self._effects(),
                    self.save_item,
                    self.remove_item,
                    self.restore_item,
                    base,
                    updated,
                )
            )

        self.runner.start(
            lambda: self.service.import_notes(base, path), done, lambda e: show_error(self, e)
        )

    def save_item(self, item: Conversation) -> Conversation:
        return self.service.save_conversation(item)

    def remove_item(self, item: Conversation) -> object:
        return self.service.delete(item)

    def restore_item(self, removal: Any) -> None:
        self.service.restore(removal)
