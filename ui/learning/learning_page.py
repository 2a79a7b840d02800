"""The review's Learning notes part: notes from the library attached to this review.

Made by the workspace with the review's `AttachedNotesService`, a way to reach the library
(`library()` returns None while it is locked: then `unlock_library()` is asked to open it),
the parts of the review a note can be attached to, and optionally the learning dataset export.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.learning.attached import AttachedNote, NoteTarget
from reviewer_app.learning.note import LearningNote
from reviewer_app.services.learning import AttachedNotesService, LibraryService
from reviewer_app.wording import plural
from ui.empty_message import EmptyMessage
from ui.errors import show_error
from ui.learning.attach_dialog import AttachNoteDialog, TargetChoice, target_label
from ui.learning.commands import AttachNoteCommand, DetachNoteCommand, replace_attached_command
from ui.learning.library_page import note_markdown
from ui.operations import Operation, push
from ui.style import heading, plain_label
from ui.tasks import TaskRunner

#: Chosen in the dialog: a note and what it is attached to (None: cancelled).
Attachment = tuple[LearningNote, tuple[NoteTarget, ...]]
DatasetExport = Callable[[Path, str], object]

NO_NOTES = (
    "No learning notes attached yet: press Attach from library… to copy a note from your "
    "learning library into this review, for the whole review or for a finding, quality marker "
    "or key practice episode."
)
NOTE_SHOWN_HERE = (
    "The note you select is shown here in full. The copy in the review keeps it complete when "
    "shared; **Pull changes from library** brings in later edits made in your library."
)


class LearningNotesPage(QWidget):
    changed = Signal()

    def __init__(
        self,
        service: AttachedNotesService,
        library: Callable[[], LibraryService | None],
        targets: Callable[[], list[TargetChoice]],
        undo_stack: QUndoStack,
        runner: TaskRunner,
        *,
        unlock_library: Callable[[], None] | None = None,
        export_dataset: DatasetExport | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.library = library
        self.targets = targets
        self.undo_stack = undo_stack
        self.runner = runner
        self.unlock_library = unlock_library
        self.export_dataset = export_dataset
        self.choose_attachment: Callable[
            [list[LearningNote], list[TargetChoice]], Attachment | None
        ] = self._ask_for_attachment
        self.choose_dataset_path: Callable[[], tuple[Path, str] | None] = self._ask_for_path

        self.list = QListWidget()
        self.list.setAccessibleName("Notes attached to this review")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.empty_message = EmptyMessage(self.list)
        self._read_once = False
        self.view = QTextBrowser()
        self.view.setAccessibleName("The selected attached note")
        self.view.setOpenLinks(False)
        self.in_report = QCheckBox("Include in the report's &appendix")
        self.in_report.setAccessibleName("Include in the report's appendix")
        self.status = plain_label()
        self.status.setAccessibleName("Learning notes status")
        self.attach_button = QPushButton("&Attach from library…")
        self.detach_button = QPushButton("&Remove from review")
        self.pull_button = QPushButton("&Pull changes from library")
        self.dataset_button = QPushButton("Export learning &dataset…")
        for button in (
            self.attach_button,
            self.detach_button,
            self.pull_button,
            self.dataset_button,
        ):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        self.dataset_button.setVisible(export_dataset is not None)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view, 1)
        right_layout.addWidget(self.in_report)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        for button in (self.attach_button, self.detach_button, self.pull_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.dataset_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Learning notes"))
        layout.addWidget(
            plain_label(
                "Notes from your learning library, copied into this review so it stays complete "
                "when shared. Attach a note to the review as a whole, or to findings, quality "
                "markers and key practice episodes."
            )
        )
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        order = [
            self.list,
            self.view,
            self.in_report,
            self.attach_button,
            self.detach_button,
            self.pull_button,
            self.dataset_button,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.in_report.toggled.connect(self._set_in_report)
        self.attach_button.clicked.connect(self.attach)
        self.detach_button.clicked.connect(self.detach_current)
        self.pull_button.clicked.connect(self.pull_changes)
        self.dataset_button.clicked.connect(self.export_learning_dataset)

    # -- showing ---------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        if not self._read_once:
            self.reload()  # shown for the first time: whoever made the page, it reads itself
        super().showEvent(event)

    def reload(self) -> None:
        self._read_once = True
        current = self.current()
        try:
            attached = self.service.attached()
            self._choices = self.targets()
        except Exception as exc:
            show_error(self, exc)
            return
        behind = self._behind_ids()
        self.list.blockSignals(True)
        self.list.clear()
        for note in attached:
            where = ", ".join(target_label(t, self._choices) for t in note.targets)
            text = note.note.title + (f"\n    {where}" if where else "\n    The whole review")
            if note.id in behind:
                text += "  (changed in your library)"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text.replace("\n", "; "))
            self.list.addItem(item)
            if current is not None and note.id == current.id:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self.empty_message.say("" if attached else NO_NOTES)
        if not attached:
            self.status.setText("")  # the empty list says what to do
        elif behind:
            self.status.setText(
                f"{plural(len(behind), 'attached note')} changed in your library since they "
                "were copied."
            )
        else:
            self.status.setText(f"{plural(len(attached), 'note')} attached.")
        self._show_current()

    def _behind_ids(self) -> set[int]:
        library = self.library()
        if library is None:
            return set()
        try:
            return {a.id for a, _ in self.service.behind(library) if a.id is not None}
        except Exception:  # a locked library must not stop the page from showing
            return set()

    def current(self) -> AttachedNote | None:
        item = self.list.currentItem()
        wanted = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((a for a in self.service.attached() if a.id == wanted), None)

    def _show_current(self) -> None:
        attached = self.current()
        for widget in (self.detach_button, self.pull_button, self.in_report):
            widget.setEnabled(attached is not None)
        self.in_report.blockSignals(True)
        self.in_report.setChecked(bool(attached and attached.in_report))
        self.in_report.blockSignals(False)
        if attached is None:
            self.view.setMarkdown(NOTE_SHOWN_HERE)
        else:
            self.view.setMarkdown(note_markdown(attached.note))

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()

    # -- editing ---------------------------------------------------------------------------------
    def _open_library(self) -> LibraryService | None:
        library = self.library()
        if library is None and self.unlock_library is not None:
            self.unlock_library()
            library = self.library()
        return library

    def attach(self) -> None:
        library = self._open_library()
        if library is None:
            self.status.setText("Open your learning library first to attach a note.")
            return
        try:
            chosen = self.choose_attachment(library.notes(), self.targets())
        except Exception as exc:
            show_error(self, exc)
            return
        if chosen is None:
            return
        note, targets = chosen
        self._push(AttachNoteCommand(self.service, note, targets, self._after_change))

    def detach_current(self) -> None:
        attached = self.current()
        if attached is not None:
            self._push(DetachNoteCommand(self.service, attached, self._after_change))

    def pull_changes(self) -> None:
        attached = self.current()
        library = self._open_library()
        if attached is None or library is None:
            return
        original = library.by_uid(attached.note.uid)
        if original is None:
            self.status.setText(
                "This note is no longer in your library; the copy in the review is kept."
            )
            return
        if not attached.is_behind(original):
            self.status.setText("This note is already the same as in your library.")
            return
        after = attached.with_changes(note=original.with_changes(id=None))
        self._push(
            replace_attached_command(
                self.service,
                attached,
                after,
                f"Pull library changes into '{attached.note.title[:40]}'",
                self._after_change,
            )
        )

    def _set_in_report(self, checked: bool) -> None:
        attached = self.current()
        if attached is None or attached.in_report == checked:
            return
        what = "Include" if checked else "Leave out"
        self._push(
            replace_attached_command(
                self.service,
                attached,
                attached.with_changes(in_report=checked),
                f"{what} '{attached.note.title[:40]}' in the report",
                self._after_change,
            )
        )

    def _push(self, command: Operation) -> None:
        push(self.undo_stack, command)  # a step that cannot be done is reported, then reloaded

    def export_learning_dataset(self) -> None:
        if self.export_dataset is None:
            return
        chosen = self.choose_dataset_path()
        if chosen is None:
            return
        path, file_format = chosen
        export = self.export_dataset
        self.dataset_button.setEnabled(False)
        self.status.setText("Checking anonymisation and writing the learning dataset…")
        self.runner.start(lambda: export(path, file_format), self._exported(path), self._failed)

    def _exported(self, path: Path) -> Callable[[object], None]:
        def done(_result: object) -> None:
            self.dataset_button.setEnabled(True)
            self.status.setText(
                f"The learning dataset was written to '{path.name}'. It is anonymised but not "
                "encrypted."
            )

        return done

    def _failed(self, error: Exception) -> None:
        self.dataset_button.setEnabled(True)
        self.status.setText("The learning dataset was not exported.")
        show_error(self, error)

    # -- questions (tests replace these) -----------------------------------------------------------
    def _ask_for_attachment(
        self, notes: list[LearningNote], choices: list[TargetChoice]
    ) -> Attachment | None:
        dialog = AttachNoteDialog(notes, choices, parent=self)
        note = dialog.chosen_note() if dialog.exec() else None
        return (note, dialog.chosen_targets()) if note else None

    def _ask_for_path(self) -> tuple[Path, str] | None:
        name, chosen = QFileDialog.getSaveFileName(
            self,
            "Export the learning dataset",
            "learning-dataset.json",
            "JSON (*.json);;CSV (*.csv)",
        )
        if not name:
            return None
        path = Path(name)
        file_format = "csv" if path.suffix.lower() == ".csv" or "CSV" in chosen else "json"
        return path, file_format
