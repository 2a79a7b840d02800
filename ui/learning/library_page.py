"""The reviewer's learning library: unlock (or create) it, then find, read and edit notes.

`LearningLibraryWindow` is what the Help/Tools menu opens. It is handed a
`LearningLibraryAccess` by the composition root and never touches the file itself.
"""

from __future__ import annotations

import itertools
import mimetypes
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import InvalidInputError, UserFacingError
from reviewer_app.learning.note import MAX_ATTACHMENT_BYTES, Attachment, LearningNote
from reviewer_app.learning.repository import (
    LearningLibraryAccess,
    LearningLibraryRepository,
    LibraryCreated,
)
from reviewer_app.services.learning import LibraryService
from reviewer_app.services.published import PublishedLibrary
from reviewer_app.wording import plural
from ui.errors import show_error
from ui.learning.commands import AddNoteCommand, DeleteNoteCommand, EditNoteCommand
from ui.learning.note_dialog import NoteDialog
from ui.learning.published_page import PublishedPage
from ui.operations import Operation, push
from ui.passphrase_fields import PassphraseFields
from ui.recovery_code_dialog import RecoveryCodeDialog
from ui.style import heading, inline_error_label, notice_label, plain_label, show_inline
from ui.tasks import TaskRunner

ALL_TAGS = "All tags"


def note_markdown(note: LearningNote) -> str:
    """The note as shown: its details, then its own Markdown."""
    lines = [f"# {note.title}", ""]
    if note.source:
        lines += [f"*{note.source}*", ""]
    if note.tags:
        lines += ["Tags: " + ", ".join(note.tags), ""]
    if note.attachments:
        names = ", ".join(f"{a.name} ({max(1, a.size // 1024)} KB)" for a in note.attachments)
        lines += [f"Attached files: {names}", ""]
    return "\n".join(lines) + "\n" + note.body


class LibraryPage(QWidget):
    """Search, tags, the list of notes, the selected note rendered, and the actions."""

    changed = Signal()

    def __init__(
        self, service: LibraryService, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.edit_note: Callable[[LearningNote | None], LearningNote | None] = self._ask_for_note
        self.choose_import_files: Callable[[], list[Path]] = self._ask_for_import_files
        self.choose_export_folder: Callable[[], Path | None] = self._ask_for_export_folder
        self.confirm: Callable[[str], bool] = self._ask_to_confirm

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search notes")
        self.search.setAccessibleName("Search notes")
        self.search.setClearButtonEnabled(True)
        self.tag = QComboBox()
        self.tag.setAccessibleName("Show notes with the tag")
        self.tag.setMinimumContentsLength(16)
        self.list = QListWidget()
        self.list.setAccessibleName("Learning notes")
        self.count = plain_label()
        self.view = QTextBrowser()
        self.view.setAccessibleName("The selected note")
        self.view.setOpenLinks(False)
        self.new_button = QPushButton("&New note…")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete")
        self.attach_button = QPushButton("Add a&ttachment…")
        self.import_button = QPushButton("&Import Markdown…")
        self.export_button = QPushButton("E&xport Markdown…")
        for button in (
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.attach_button,
            self.import_button,
            self.export_button,
        ):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.tag, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.attach_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Learning library"))
        layout.addWidget(
            plain_label(
                "Your own notes from masterclasses and events, kept encrypted on this computer. "
                "Attach them to a review from its Learning notes part."
            )
        )
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        order = [
            self.search,
            self.tag,
            self.list,
            self.view,
            self.new_button,
            self.edit_button,
            self.delete_button,
            self.import_button,
            self.export_button,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

        self.search.textChanged.connect(lambda _text: self.reload())
        self.tag.currentIndexChanged.connect(lambda _i: self.reload())
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.list.itemActivated.connect(lambda _item: self.edit_current())
        self.new_button.clicked.connect(self.new_note)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.attach_button.clicked.connect(self.add_attachment)
        self.choose_attachment: Callable[[], Path | None] = self._ask_for_attachment
        self.import_button.clicked.connect(self.import_files)
        self.export_button.clicked.connect(self.export_selected)
        QShortcut(QKeySequence.StandardKey.Find, self, lambda: self.search.setFocus())
        self.reload()

    # -- showing ---------------------------------------------------------------------------------
    def _tag_filter(self) -> str:
        data = self.tag.currentData()
        return data if isinstance(data, str) else ""

    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.current_id()
        try:
            tags = self.service.tags()
            notes = self.service.notes(self.search.text(), self._tag_filter())
        except Exception as exc:
            show_error(self, exc)
            return
        wanted_tag = self._tag_filter()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(ALL_TAGS, "")
        for tag, count in tags:
            self.tag.addItem(f"{tag} ({count})", tag)
        self.tag.setCurrentIndex(max(0, self.tag.findData(wanted_tag)))
        self.tag.blockSignals(False)
        self.list.blockSignals(True)
        self.list.clear()
        for note in notes:
            label = note.title + (f" — {note.event}" if note.event else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            item.setToolTip(note.source or note.title)
            self.list.addItem(item)
            if note.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self.count.setText(f"{len(notes)} note{'s' if len(notes) != 1 else ''} shown")
        self._show_current()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, int) else None

    def current_note(self) -> LearningNote | None:
        note_id = self.current_id()
        return self.service.note(note_id) if note_id is not None else None

    def _show_current(self) -> None:
        note = self.current_note()
        has = note is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.export_button.setEnabled(self.list.count() > 0)
        if note is None:
            self.view.setMarkdown(
                "No notes yet. Choose **New note** to write one, or **Import Markdown** to "
                "bring in notes you keep as files."
                if not self.service.notes()
                else "No note matches the search."
            )
        else:
            self.view.setMarkdown(note_markdown(note))

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()

    # -- editing -------------------------------------------------------------------------------
    def new_note(self) -> None:
        note = self.edit_note(None)
        if note is None:
            return
        command = AddNoteCommand(self.service, note, self._after_change)
        self._push(command)
        if command.added is not None:
            self.reload(command.added.id)

    def edit_current(self) -> None:
        before = self.current_note()
        if before is None:
            return
        after = self.edit_note(before)
        if after is not None and not after.same_content(before):
            self._push(EditNoteCommand(self.service, before, after, self._after_change))

    def delete_current(self) -> None:
        note = self.current_note()
        if note is None or not self.confirm(
            f"Delete '{note.title}' from your library? Copies attached to reviews stay in those "
            "reviews. You can undo this."
        ):
            return
        self._push(DeleteNoteCommand(self.service, note, self._after_change))

    def add_attachment(self) -> None:
        """Keep a small file (a handout page, a diagram) with the note, inside the library."""
        before = self.current_note()
        if before is None:
            return
        path = self.choose_attachment()
        if path is None:
            return
        try:
            if path.stat().st_size > MAX_ATTACHMENT_BYTES:
                raise InvalidInputError(
                    f"'{path.name}' is too large to attach: attachments can be at most "
                    f"{MAX_ATTACHMENT_BYTES // 1048576} MiB. Attach the key pages only."
                )
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            attachment = Attachment(path.name, path.read_bytes(), media_type)
        except OSError as exc:
            show_error(self, InvalidInputError(f"'{path.name}' could not be read: {exc.strerror}."))
            return
        except InvalidInputError as exc:
            show_error(self, exc)
            return
        after = before.with_changes(attachments=(*before.attachments, attachment))
        self._push(EditNoteCommand(self.service, before, after, self._after_change))

    def _ask_for_attachment(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Attach a file to the note", "", "All files (*)"
        )
        return Path(name) if name else None

    def _push(self, command: Operation) -> None:
        push(self.undo_stack, command)  # a step that cannot be done is reported there

    def import_files(self) -> None:
        paths = self.choose_import_files()
        if not paths:
            return
        try:
            imported = self.service.import_markdown(paths)
        except Exception as exc:
            show_error(self, exc)
            return
        # Imports are not undone one by one: each note can be deleted (and that undone).
        self.undo_stack.clear()
        self._after_change()
        added = sum(1 for i in imported if i.outcome == "added")
        updated = sum(1 for i in imported if i.outcome == "updated")
        self.count.setText(
            f"{plural(added, 'note')} added and {updated} updated from Markdown files."
        )

    def export_selected(self) -> None:
        ids = [
            value
            for i in range(self.list.count())
            if isinstance(value := self.list.item(i).data(Qt.ItemDataRole.UserRole), int)
        ]
        folder = self.choose_export_folder() if ids else None
        if folder is None:
            return
        try:
            written = self.service.export_markdown(ids, folder)
        except Exception as exc:
            show_error(self, exc)
            return
        self.count.setText(
            f"{plural(len(written), 'note')} written to '{folder.name}' as Markdown. These "
            "files are not encrypted."
        )

    # -- questions (tests replace these) -----------------------------------------------------------
    def _ask_for_note(self, note: LearningNote | None) -> LearningNote | None:
        dialog = NoteDialog(note, self)
        return dialog.result_note if dialog.exec() else None

    def _ask_for_import_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Import learning notes", "", "Markdown notes (*.md *.markdown *.txt)"
        )
        return [Path(n) for n in names]

    def _ask_for_export_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, "Export the notes shown as Markdown to")
        return Path(name) if name else None

    def _ask_to_confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, "Delete note", text)
        return answer == QMessageBox.StandardButton.Yes


class LibraryUnlock(QWidget):
    """Asks for the library's passphrase (or recovery code), or makes a new library."""

    opened = Signal(object)  # the LearningLibraryRepository

    def __init__(
        self, access: LearningLibraryAccess, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.access = access
        self.runner = runner
        self.show_code: Callable[[str], None] = self._show_code
        creating = not access.exists()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Learning library"))
        form = QFormLayout()
        self.error = inline_error_label()
        self.passphrase = QLineEdit()
        self.code = QLineEdit()
        self.fields: PassphraseFields | None = None
        if creating:
            layout.addWidget(
                notice_label(
                    "Your learning library keeps your masterclass notes in one encrypted file on "
                    "this computer, protected like a review: choose a passphrase for it. You "
                    "will be shown a recovery code once."
                )
            )
            self.fields = PassphraseFields(form, parent=self)
            self.button = QPushButton("&Create library")
            self.fields.changed.connect(lambda: self.button.setEnabled(self._can_create()))
            self.button.setEnabled(False)
        else:
            layout.addWidget(
                plain_label("Type the passphrase of your learning library to open it.")
            )
            self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
            self.passphrase.setAccessibleName("Library passphrase")
            self.code.setAccessibleName("Or the recovery code")
            self.code.setPlaceholderText("Only if the passphrase is forgotten")
            form.addRow("&Passphrase", self.passphrase)
            form.addRow("Or the &recovery code", self.code)
            self.button = QPushButton("&Open library")
            self.passphrase.returnPressed.connect(self.submit)
            self.code.returnPressed.connect(self.submit)
        self.button.setAccessibleName(self.button.text().replace("&", ""))
        self.button.clicked.connect(self.submit)
        layout.addLayout(form)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        layout.addLayout(row)
        layout.addStretch(1)

    def _can_create(self) -> bool:
        return self.fields is not None and self.fields.is_acceptable()

    def submit(self) -> None:
        show_inline(self.error, "")
        self.button.setEnabled(False)
        if self.fields is not None:
            passphrase = self.fields.text()
            self.runner.start(lambda: self.access.create(passphrase), self._created, self._failed)
            return
        passphrase, code = self.passphrase.text(), self.code.text().strip()
        if code:
            self.runner.start(lambda: self.access.open(code=code), self._opened, self._failed)
        else:
            self.runner.start(
                lambda: self.access.open(passphrase=passphrase), self._opened, self._failed
            )

    def _created(self, created: LibraryCreated) -> None:
        self.show_code(created.recovery_code)
        self._opened(self.access.repository)

    def _opened(self, repository: LearningLibraryRepository | None) -> None:
        self.passphrase.clear()
        self.code.clear()
        self.button.setEnabled(True)
        if repository is not None:
            self.opened.emit(repository)

    def _failed(self, error: Exception) -> None:
        self.button.setEnabled(True)
        if isinstance(error, UserFacingError):
            show_inline(self.error, str(error))
        else:
            show_error(self, error)

    def _show_code(self, code: str) -> None:
        RecoveryCodeDialog(code, file_name=self.access.path.name, parent=self).exec()


class LearningLibraryWindow(QWidget):
    """The library in its own window: unlock first, then the notes. Closing it closes the file."""

    def __init__(
        self,
        access: LearningLibraryAccess,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.runner = runner
        self.setWindowTitle("Learning library — SCR Reviewer")
        self.setAccessibleName("Learning library")
        self.access = access
        self.undo_stack = QUndoStack(self)
        self.stack = QStackedWidget()
        self.unlock = LibraryUnlock(access, runner)
        self.unlock.opened.connect(self._show_library)
        self.stack.addWidget(self.unlock)
        self.page: LibraryPage | None = None
        self.published: PublishedPage | None = None
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Parts of the learning library")
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        QShortcut(QKeySequence.StandardKey.Undo, self, lambda: self.undo_stack.undo())
        QShortcut(QKeySequence.StandardKey.Redo, self, lambda: self.undo_stack.redo())
        self.resize(1000, 680)
        if access.repository is not None:
            self._show_library(access.repository)

    def _show_library(self, repository: LearningLibraryRepository) -> None:
        """The notes, and the published reviews beside them in a second tab."""
        self.page = LibraryPage(LibraryService(repository), self.undo_stack)
        self.tabs.addTab(self.page, "&Notes")
        store = self.access.published
        if store is not None:
            self.published = PublishedPage(PublishedLibrary(store), self.runner)
            self.tabs.addTab(self.published, "&Published reviews")
        self.stack.addWidget(self.tabs)
        self.stack.setCurrentWidget(self.tabs)
        self.page.search.setFocus()

    def show_published(self) -> None:
        if self.published is not None:
            self.tabs.setCurrentWidget(self.published)

    def closeEvent(self, event: QCloseEvent) -> None:
        published = self.published
        if published is not None and published.busy:
            # Closing closes the library file, which the import is writing to: the window goes
            # at once (nothing of the library stays on screen), the import stops after the
            # file it is reading, and the file is closed once it has stopped.
            published.stop()
            published.idle.connect(self.close, Qt.ConnectionType.SingleShotConnection)
            self.hide()
            event.ignore()
            return
        self.undo_stack.clear()
        self.access.close()
        super().closeEvent(event)


__all__ = ["LearningLibraryWindow", "LibraryPage", "LibraryUnlock", "QLabel"]
