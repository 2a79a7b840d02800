"""Writing the report's narrative sections, on the Report page.

The reviewer picks one of the chosen template's sections that take their text (the executive
summary, the introduction, the case summary, the conclusions, …) and writes it as plain text:
paragraphs separated by a blank line, a line starting "1." or "-" for a list. The text is saved
as the reviewer types (`ui.autosave`), each save one undoable step through `ui.operations.push`
(typing on in one section merges into one step); what is typed is saved before another section
is shown, when the page is hidden, and before the review is locked or closed. The list says
which sections are written and which still need text.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from exporters.api import (
    Note,
    NoteKind,
    ReportTemplate,
    Section,
    TemplateSection,
    written_sections,
)
from reviewer_app.errors import InvalidInputError
from reviewer_app.reporting.sections import SectionText
from ui.autosave import AutoSave
from ui.errors import show_error
from ui.operations import Change, Replace, Step, push
from ui.style import inline_error_label, plain_label, show_inline, wrap_list_items
from ui.tasks import TaskRunner

SAVED = "All changes saved"
SAVING = "Saving…"
NOT_SAVED = "Not saved: see the problem above the text"
LOADING = "Reading what you have written…"
HOW_TO_WRITE = (
    "Leave a blank line between paragraphs. Lines starting “1.” or “-” make a list. Use the "
    "pseudonyms: the text goes through the anonymisation check like everything else."
)
WRITTEN = "written"
TO_WRITE = "still to write"
#: No text of the reviewer's, but the report fills the section from the review (the terms of
#: reference, say): writing is optional.
FILLED_IN = "filled in from the review"


class SectionWriting(Protocol):
    """What the editor needs (`reviewer_app.services.report_text.ReportTextService`)."""

    def texts(self) -> dict[str, str]: ...
    def save(self, section: SectionText) -> SectionText: ...


def asking_for_text(sections: Iterable[Section]) -> frozenset[str]:
    """The keys of the report's sections that still show a drafting note (for the reviewer,
    or for the safeguarding partners in the place kept for their response)."""
    return frozenset(
        s.key
        for s in sections
        if any(isinstance(b, Note) and b.kind is NoteKind.PROMPT for b in s.blocks)
    )


def item_text(section: TemplateSection, state: str) -> str:
    return f"{section.title} ({state})"


class SectionEditor(QWidget):
    #: Emitted after the file changed (a save, an undo or a redo): the preview is out of date.
    saved = Signal()

    def __init__(
        self,
        writing: SectionWriting,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.writing = writing
        self.undo_stack = undo_stack
        self.runner = runner
        #: What the file holds, by section key (None until read).
        self.texts: dict[str, str] | None = None
        self.sections: tuple[TemplateSection, ...] = ()
        #: The keys of the sections the report still asks the reviewer to write (None: not
        #: known yet, every section without text counts as still to write).
        self.needed: frozenset[str] | None = None
        self._shown_key = ""  # the section whose text is in the editor
        self._generation = 0
        self.autosave = AutoSave(self._commit, self)
        self.autosave.waiting_changed.connect(lambda _waiting: self._show_state())

        self.section_list = wrap_list_items(QListWidget())
        self.section_list.setObjectName("reportSectionsToWrite")
        self.section_list.setAccessibleName("Sections you write")
        self.section_list.setAccessibleDescription(
            "Each section of the report that takes your text, and whether it is written yet"
        )
        self.section_list.currentRowChanged.connect(self._chosen)
        list_label = QLabel("Secti&ons to write:")
        list_label.setBuddy(self.section_list)

        self.guidance = plain_label()
        self.guidance.setObjectName("sectionGuidance")
        self.guidance.setAccessibleName("What the section should say")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("sectionText")
        self.editor.setAccessibleName("Text of the section")
        self.editor.setAccessibleDescription(HOW_TO_WRITE)
        self.editor.setTabChangesFocus(True)  # Tab moves on, so the keyboard reaches every control
        self.editor.setPlaceholderText("Nothing written yet. " + HOW_TO_WRITE)
        self.editor_label = QLabel("Te&xt:")
        self.editor_label.setBuddy(self.editor)
        self.autosave.watch(self.editor)
        self.problem = inline_error_label()
        self.problem.setAccessibleName("What cannot be saved in the section")
        self.state = plain_label(LOADING, wrap=False)
        self.state.setObjectName("sectionSaveState")
        self.state.setAccessibleName("Whether the section is saved")
        self.count = plain_label()
        self.count.setObjectName("sectionsWritten")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(list_label)
        layout.addWidget(self.section_list, 2)
        layout.addWidget(self.count)
        layout.addWidget(self.guidance)
        layout.addWidget(self.problem)
        layout.addWidget(self.editor_label)
        layout.addWidget(self.editor, 3)
        layout.addWidget(self.state)
        self._set_enabled(False)

    # -- what is shown -------------------------------------------------------------------------
    def set_template(self, template: ReportTemplate) -> None:
        """Offer the sections of `template` that take the reviewer's text (what is typed in the
        section shown is saved first; the same section stays chosen if the template has it)."""
        self.flush()
        keep = self.current_key()
        self.sections = written_sections(template)
        with self.autosave.loading():
            self.section_list.blockSignals(True)
            self.section_list.clear()
            for _ in self.sections:
                self.section_list.addItem(QListWidgetItem())
            self.section_list.blockSignals(False)
            self._mark_items()
        keys = [s.key for s in self.sections]
        self.section_list.setCurrentRow(keys.index(keep) if keep in keys else 0)

    def current_key(self) -> str:
        row = self.section_list.currentRow()
        return self.sections[row].key if 0 <= row < len(self.sections) else ""

    def current_section(self) -> TemplateSection | None:
        row = self.section_list.currentRow()
        return self.sections[row] if 0 <= row < len(self.sections) else None

    def select(self, key: str) -> bool:
        """Show the section with `key` (False: the template has no such section to write)."""
        keys = [s.key for s in self.sections]
        if key not in keys:
            return False
        self.section_list.setCurrentRow(keys.index(key))
        return True

    def set_needed(self, keys: frozenset[str]) -> None:
        """The sections the report (as last built) still asks the reviewer to write."""
        self.needed = keys
        self._mark_items()

    def state_of(self, key: str) -> str:
        if (self.texts or {}).get(key, "").strip():
            return WRITTEN
        if self.needed is not None and key not in self.needed:
            return FILLED_IN
        return TO_WRITE

    def _mark_items(self) -> None:
        states = [self.state_of(s.key) for s in self.sections]
        for row, (section, state) in enumerate(zip(self.sections, states, strict=True)):
            item = self.section_list.item(row)
            item.setText(item_text(section, state) if self.texts is not None else section.title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{section.title}, {state}")
        if self.texts is None:
            self.count.clear()
            return
        counts = [f"{states.count(WRITTEN)} of {len(states)} written"]
        counts.append(f"{states.count(TO_WRITE)} still to write")
        if states.count(FILLED_IN):
            counts.append(f"{states.count(FILLED_IN)} filled in from the review")
        self.count.setText(", ".join(counts) + ".")

    def _chosen(self, _row: int) -> None:
        if self._shown_key and self._shown_key != self.current_key():
            self.autosave.end_session()
            if not self.autosave.flush():
                self._back_to_shown()  # the text cannot be saved yet: it stays in view
                return
        self._show_current()

    def _back_to_shown(self) -> None:
        keys = [s.key for s in self.sections]
        if self._shown_key in keys:
            self.section_list.blockSignals(True)
            self.section_list.setCurrentRow(keys.index(self._shown_key))
            self.section_list.blockSignals(False)

    def _show_current(self) -> None:
        section = self.current_section()
        self._shown_key = section.key if section is not None else ""
        self.guidance.setText(section.prompt if section is not None else "")
        self.editor_label.setText(f"Te&xt of “{section.title}”:" if section else "Te&xt:")
        with self.autosave.loading():
            text = (self.texts or {}).get(self._shown_key, "")
            if self.editor.toPlainText() != text:
                self.editor.setPlainText(text)
        self.autosave.reset()
        show_inline(self.problem, "")
        self._set_enabled(self.texts is not None and section is not None)
        self._show_state()

    def _set_enabled(self, enabled: bool) -> None:
        self.editor.setEnabled(enabled)

    def _show_state(self) -> None:
        if self.texts is None:
            self.state.setText(LOADING)
        elif self.problem.text():
            self.state.setText(NOT_SAVED)
        elif self.autosave.touched:
            self.state.setText(SAVING)
        else:
            self.state.setText(SAVED)

    # -- reading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read every section's text from the file; typing still waiting is saved first."""
        self.autosave.flush()
        self._generation += 1
        generation = self._generation
        self.runner.start(lambda: (generation, self.writing.texts()), self._loaded, self._failed)

    def _loaded(self, loaded: tuple[int, dict[str, str]]) -> None:
        generation, texts = loaded
        if generation != self._generation:
            return
        if self.autosave.touched and self.texts is not None:
            return  # typed into since: what is typed is saved next, over this
        self.texts = dict(texts)
        self._mark_items()
        self._show_current()

    def _failed(self, error: Exception) -> None:
        self.state.setText("What you have written could not be read.")
        show_error(self, error)

    # -- saving --------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Save what is typed but not yet saved, now; True if nothing is left unsaved."""
        return self.autosave.flush()

    def _commit(self) -> bool:
        if self.texts is None or not self._shown_key:
            return False  # not read yet: nothing to save over
        key = self._shown_key
        before = SectionText(key, self.texts.get(key, ""))
        after = SectionText(key, self.editor.toPlainText())
        if after != before:
            title = next((s.title for s in self.sections if s.key == key), key)
            operation = Replace(
                f"Write “{title}”",
                self.writing.save,
                before,
                after,
                merge_key=self._merge_key(key),
                changed=self._heard,
                report=lambda error: show_error(self, error),
                resync=self.reload,
            )
            if not push(self.undo_stack, operation, refused=self._refused):
                return False
        show_inline(self.problem, "")
        self._show_state()
        return True

    def _merge_key(self, key: str) -> Hashable:
        return ("report-section", key, self.autosave.session)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, InvalidInputError):
            show_inline(self.problem, str(error))
            self._show_state()
        else:
            show_error(self, error)

    def _heard(self, change: Change) -> None:
        shown = change.shown
        if not isinstance(shown, SectionText) or self.texts is None:
            return
        self.texts[shown.key] = shown.text
        self._mark_items()
        undone_or_redone = change.step is not Step.DONE  # show what the file now holds
        if undone_or_redone and (not self.select(shown.key) or shown.key == self._shown_key):
            self._show_current()
        self._show_state()
        self.saved.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()  # leaving the page keeps what was typed
        self.autosave.end_session()
        super().hideEvent(event)

    def clear(self) -> None:
        """Blank the editor (the review is locking): what was typed is saved first."""
        self.flush()
        self._generation += 1
        self.texts = None
        self._shown_key = ""
        with self.autosave.loading():
            self.editor.clear()
        self.autosave.reset()
        self._mark_items()
        show_inline(self.problem, "")
        self._set_enabled(False)
        self._show_state()
