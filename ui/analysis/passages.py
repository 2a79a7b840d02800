"""The passages of one conversation: a list, and a form for one that saves as the reviewer works.

Like the conversation's own form (`ui.analysis.master_detail`), there is no Save button: typing
is saved after a pause or on leaving the field, ticks at once, each save one undoable step, and
`flush()` saves what is waiting before the form shows something else.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from reviewer_app.analysis.conversation import Conversation, Passage
from reviewer_app.analysis.episode import Episode
from reviewer_app.chronology.entry import Agency, ChronologyEntry
from reviewer_app.errors import InvalidInputError, UserFacingError
from reviewer_app.services.analysis import AnalysisService
from ui.analysis.fields import CheckList, EntryPicker, line, text_box
from ui.autosave import AutoSave, leave_anyway
from ui.errors import show_error
from ui.operations import Add, Change, Operation, Remove, Replace, Step, push
from ui.style import inline_error_label, plain_label, show_inline


def _id_of(thing: Passage | Conversation | None) -> int | None:
    return thing.id if thing is not None else None


class PassagesEditor(QGroupBox):
    def __init__(
        self,
        service: AnalysisService,
        undo_stack: QUndoStack,
        on_change: Callable[[], None],
        selected_text: Callable[[], str],
    ) -> None:
        super().__init__("Passages")
        self.service = service
        self.undo_stack = undo_stack
        self._on_change = on_change
        self._selected_text = selected_text
        self.conversation: Conversation | None = None
        self.passages: list[Passage] = []
        self.current: Passage | None = None
        self._episodes: list[Episode] = []
        self._blank: tuple[object, ...] = ()  # what a blank passage form holds
        self._keep: int | None = None
        self._force = False
        self.autosave = AutoSave(self._commit, self)

        self.setAccessibleName("Passages of this conversation")
        self.list = QListWidget()
        self.list.setAccessibleName("Passages")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(80)
        self.list.currentRowChanged.connect(self._row_changed)
        self.text = text_box("Passage text", 3)
        self.from_transcript = QPushButton("Use the te&xt selected in the transcript")
        self.from_transcript.setAccessibleName("Use the text selected in the transcript")
        self.from_transcript.clicked.connect(self._take_selection)
        self.themes = line("Themes, separated by commas", "information sharing, domestic abuse")
        self.entries = EntryPicker("Chronology entries for this passage")
        self.episodes = CheckList("Key practice episodes for this passage")
        self.use_in_report = QCheckBox("&Use in the report (quoted in the draft, by pseudonym)")
        self.use_in_report.setAccessibleName("Use this passage in the report")
        self.use_in_report.setToolTip(
            "Only passages marked here are ever quoted in the report. A family member's words "
            "are quoted only when their consent is recorded in their involvement steps."
        )
        self.new_button = QPushButton("New passa&ge")
        self.new_button.setAccessibleName("New passage")
        self.new_button.clicked.connect(self.new)
        self.delete_button = QPushButton("Delete passage")
        self.delete_button.setAccessibleName("Delete the selected passage")
        self.delete_button.clicked.connect(self.delete_current)
        self.problem = inline_error_label()
        self.problem.setAccessibleName("What cannot be saved in this passage")
        self.saved_state = plain_label(wrap=False)
        self.saved_state.setAccessibleName("Whether this passage is saved")
        self.autosave.watch(self.text, self.themes, self.entries, self.episodes, self.use_in_report)
        self.autosave.waiting_changed.connect(lambda _waiting: self._show_save_state())

        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.problem)
        caption = QLabel("Passage &text")
        caption.setBuddy(self.text)
        layout.addWidget(caption)
        layout.addWidget(self.text)
        layout.addWidget(self.from_transcript, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.use_in_report)
        layout.addWidget(QLabel("Themes"))
        layout.addWidget(self.themes)
        layout.addWidget(QLabel("Linked chronology entries (tick to link)"))
        layout.addWidget(self.entries)
        layout.addWidget(QLabel("Linked key practice episodes"))
        layout.addWidget(self.episodes)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.saved_state)
        layout.addLayout(row)

    # -- showing -------------------------------------------------------------------------------
    def set_entries(self, entries: Sequence[ChronologyEntry], agencies: Sequence[Agency]) -> None:
        with self.autosave.loading():
            self.entries.set_entries(entries, agencies)

    def show_for(
        self,
        conversation: Conversation | None,
        passages: list[Passage],
        episodes: list[Episode],
    ) -> None:
        """Show the passages of `conversation` as the file has them (after every read); a
        passage being typed stays as typed."""
        keep = self._keep if self._keep is not None else _id_of(self.current)
        self._keep = None
        force, self._force = self._force, False
        moved = _id_of(conversation) != _id_of(self.conversation)
        self.conversation = conversation
        self.passages = passages
        self._episodes = episodes
        self.setEnabled(conversation is not None and conversation.id is not None)
        row = next((n for n, p in enumerate(passages) if keep is not None and p.id == keep), -1)
        with self.autosave.loading():
            self.list.blockSignals(True)
            self.list.clear()
            for passage in passages:
                marked = "  (used in the report)" if passage.use_in_report else ""
                item = QListWidgetItem(passage.short + marked)
                item.setData(Qt.ItemDataRole.UserRole, passage.id)
                self.list.addItem(item)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
        target = passages[row] if row >= 0 else None
        same = _id_of(target) == _id_of(self.current)
        if same and not moved and not force and self.autosave.touched:
            self.current = target  # typing goes on where it is
        else:
            self._fill(target)

    def _fill(self, passage: Passage | None) -> None:
        with self.autosave.loading():
            self.current = passage
            self.text.setPlainText(passage.text if passage else "")
            self.themes.setText(", ".join(passage.themes) if passage else "")
            self.entries.set_chosen(passage.entry_ids if passage else ())
            chosen = passage.episode_ids if passage else ()
            self.episodes.set_items(((e.title, e.id) for e in self._episodes), chosen)
            self.use_in_report.setChecked(passage.use_in_report if passage else False)
        if passage is None:
            self._blank = self.autosave.values()
        self.autosave.reset()
        show_inline(self.problem, "")
        self.delete_button.setEnabled(passage is not None)
        self._show_save_state()

    def _select(self, passage: Passage | None) -> None:
        row = next((n for n, p in enumerate(self.passages) if passage and p.id == passage.id), -1)
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        if row < 0:
            self.list.clearSelection()
        self.list.blockSignals(False)

    def _may_leave(self) -> bool:
        if self.flush():
            return True
        if self.current is None and self.autosave.values() == self._blank:
            return True
        new = self.current is None
        return leave_anyway(self, "passage", self.problem.text(), new=new)

    def _row_changed(self, row: int) -> None:
        wanted = self.passages[row].id if 0 <= row < len(self.passages) else None
        if not self._may_leave():
            self._select(self.current)
            return
        found = next((p for p in self.passages if wanted is not None and p.id == wanted), None)
        self._fill(found)
        self._select(found)

    def new(self) -> None:
        if self._may_leave():
            self._fill(None)
            self._select(None)

    def _take_selection(self) -> None:
        selected = self._selected_text().replace("\u2029", "\n")
        if selected.strip():
            self.text.setPlainText(selected.strip())
            self.autosave.note_change()

    # -- saving --------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Save what is typed but not yet saved, now; True if nothing is left unsaved."""
        return self.autosave.flush()

    def _commit(self) -> bool:
        conversation = self.conversation
        if conversation is None or conversation.id is None:
            return True  # nothing can be typed here before the conversation is saved
        text = self.text.toPlainText().strip()
        problems = []
        if not text and self.current is not None:
            text = self.current.text
            problems.append(
                "A passage needs some text, so the saved text is kept until you type another."
            )
        try:
            after = Passage(
                conversation.id,
                text,
                tuple(t.strip() for t in self.themes.text().split(",") if t.strip()),
                self.entries.chosen(),
                self.episodes.chosen_ids(),
                self.current.id if self.current else None,
                use_in_report=self.use_in_report.isChecked(),
            )
        except UserFacingError as error:
            self._show_problem(str(error))
            return False
        if after != self.current and not self._save(after):
            return False
        self._show_problem("\n".join(problems))
        return not problems

    def _save(self, after: Passage) -> bool:
        operation: Operation
        if self.current is None:
            operation = Add(
                "Add passage",
                self.service.save_passage,
                self.service.delete,
                self.service.restore,
                after,
                changed=self._heard,
                report=self._report,
            )
        else:
            operation = Replace(
                "Edit passage",
                self.service.save_passage,
                self.current,
                after,
                merge_key=self._merge_key(self.current, after),
                changed=self._heard,
                report=self._report,
            )
        return push(self.undo_stack, operation, refused=self._refused)

    def _merge_key(self, before: Passage, after: Passage) -> Hashable:
        fields = frozenset(
            name
            for name in ("text", "themes", "entry_ids", "episode_ids", "use_in_report")
            if getattr(before, name) != getattr(after, name)
        )
        return ("passage", before.id, fields, self.autosave.session)

    def delete_current(self) -> None:
        if self.current is None:
            return
        push(
            self.undo_stack,
            Remove(
                "Delete passage",
                self.service.delete,
                self.service.restore,
                self.current,
                changed=self._heard,
                report=self._report,
            ),
        )

    def _heard(self, change: Change) -> None:
        shown = change.shown
        if change.step is Step.DONE:
            self.current = shown if isinstance(shown, Passage) else None
            self._keep = self.current.id if self.current else None
            if self.current is None:
                self._force = True
        else:
            self._keep = shown.id if isinstance(shown, Passage) else None
            self._force = True
        self._on_change()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, InvalidInputError):
            self._show_problem(str(error))
        else:
            show_error(self, error)

    def _report(self, error: Exception) -> None:
        show_error(self, error)

    def _show_problem(self, message: str) -> None:
        show_inline(self.problem, message)
        self._show_save_state()

    def _show_save_state(self) -> None:
        if self.problem.text():
            text = "Not saved yet: see the problem above"
        elif self.autosave.touched:
            text = "Saving…"
        elif self.current is not None:
            text = "Passage saved"
        else:
            text = "A new passage is saved as you type"
        self.saved_state.setText(text)

    def clear(self) -> None:
        self.flush()
        self.conversation = None
        self.passages = []
        self._episodes = []
        with self.autosave.loading():
            self.list.clear()
            self.entries.set_entries([], [])
        self._fill(None)
