"""A page of things (conversations, episodes, findings, people): a list, and a form for one.

There is no Save button (DESIGN.md, promise 2): the form saves itself as the reviewer works
(`ui.autosave`), each save one undoable step through `ui.operations` (typing on in one field
of one item merges into one step). The first edit of a blank form adds the item. Before the
page shows another item, when it is hidden and before it is blanked, `flush()` saves what is
still waiting, so nothing typed is lost. What cannot be saved (a date that is not a date, a
required field left empty) is shown beside the form, the text stays where it is, everything
else in the form is saved, and the page stays on that item until it is put right.

Subclasses lay out the form and convert between it and the domain object.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import InvalidInputError, UserFacingError
from ui.analysis.fields import read_date
from ui.autosave import AutoSave, leave_anyway
from ui.empty_message import EmptyMessage
from ui.errors import show_error
from ui.kept_typing import PUT_BACK_NOTE, KeptForm
from ui.operations import Add, Change, Operation, Remove, Replace, Step, push
from ui.style import heading, inline_error_label, plain_label, show_inline
from ui.tasks import TaskRunner

SAVED = "All changes saved"
SAVING = "Saving…"
NOT_SAVED = "Not all saved: see the problem at the top of the form"
BLANK = "Saved as you type"


def changed_fields(before: object, after: object) -> frozenset[str] | None:
    """The names of the fields that differ between two versions of a dataclass."""
    if not dataclasses.is_dataclass(before) or type(before) is not type(after):
        return None
    return frozenset(
        f.name
        for f in dataclasses.fields(before)
        if getattr(before, f.name) != getattr(after, f.name)
    )


class MasterDetailPage(QWidget):
    changed = Signal()  # something was saved, deleted, undone or redone

    noun = "item"  # "conversation"
    title = ""
    intro = ""
    #: Said in the empty list: what belongs here and how to add the first one.
    empty_text = ""

    def __init__(
        self, undo_stack: QUndoStack, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.runner = runner
        self.items: list[Any] = []
        self.current: Any = None
        self._select_id: int | None = None
        self._generation = 0  # each read of the page; only the latest one is shown
        self._new_mode = False  # a blank form for a new item is showing
        self._force_show = False  # the next fill shows the file, even over typing
        self._problems: list[str] = []
        self._blank: tuple[object, ...] = ()  # what a blank form holds
        self._live = True
        self._read_once = False  # until the first read, an empty list says nothing
        self._put_back: KeptForm | None = None  # typing to give back once the page is read
        self.autosave = AutoSave(self._commit, self)
        self.autosave.waiting_changed.connect(lambda _waiting: self._show_save_state())

        self.list = QListWidget()
        self.list.setAccessibleName(f"{self.noun.capitalize()}s")
        self.list.setMinimumWidth(220)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet(
            "QListWidget::item { padding: 5px 6px; border-bottom: 1px solid palette(midlight); }"
            "QListWidget::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        self.list.currentRowChanged.connect(self._row_changed)
        self.empty_message = EmptyMessage(self.list)
        self.new_button = QPushButton(f"&New {self.noun}")
        self.new_button.setAccessibleName(f"New {self.noun}")
        self.new_button.clicked.connect(self.new)
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setAccessibleName(f"Delete the selected {self.noun}")
        self.delete_button.clicked.connect(self.delete_selected)
        self.state = plain_label()
        self.state.setAccessibleName(f"About this {self.noun}")
        self.problem = inline_error_label()
        self.problem.setAccessibleName(f"What cannot be saved in this {self.noun}")
        self.saved_state = plain_label(BLANK, wrap=False)
        self.saved_state.setAccessibleName(f"Whether this {self.noun} is saved")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 8, 0)
        left_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        left_layout.addLayout(row)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form_holder = QWidget()
        form_layout = QVBoxLayout(form_holder)
        form_layout.setContentsMargins(8, 0, 12, 8)
        form_layout.addWidget(self.state)
        form_layout.addWidget(self.problem)
        form_layout.addLayout(self.form)
        form_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName(f"Details of the {self.noun}")
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # The form is shown once there is something to show in it: an item, or a new one.
        right = self.form_pane = QWidget()
        right.hide()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.extra_actions = actions
        actions.addWidget(self.saved_state)
        right_layout.addLayout(actions)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([320, 780])

        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        self.layout_.addWidget(heading(self.title, 1.5))
        if self.intro:
            self.layout_.addWidget(plain_label(self.intro))
        self.top = QVBoxLayout()
        self.layout_.addLayout(self.top)
        self.layout_.addWidget(self.splitter, 1)

    # -- to be provided: every subclass does (tests/ui/test_hooks_provided.py) --------
    def load(self) -> Any:
        """Read everything the page shows (runs in a worker)."""
        raise NotImplementedError

    def loaded(self, data: Any) -> list[Any]:
        """Take what `load` read; return the items for the list."""
        raise NotImplementedError

    def describe(self, item: Any) -> str:
        raise NotImplementedError

    def show_item(self, item: Any) -> None:
        """Fill the form with `item` (None: a blank form for a new one)."""
        raise NotImplementedError

    def show_related(self, item: Any) -> None:
        """Show what goes with `item` but is not part of the form (after every read)."""

    def read_form(self, base: Any) -> Any:
        """The object the form describes, built on `base` (None for a new one).

        Use `date_or_kept` and `text_or_kept`, so one field that cannot be saved does not stop
        the others being saved."""
        raise NotImplementedError

    def save_item(self, item: Any) -> Any:
        raise NotImplementedError

    def remove_item(self, item: Any) -> Any:
        raise NotImplementedError

    def restore_item(self, removal: Any) -> Any:
        raise NotImplementedError

    def item_id(self, item: Any) -> int | None:
        found: int | None = item.id
        return found

    # -- building the form ---------------------------------------------------------------------
    def add_row(self, label: str, field: QWidget) -> None:
        caption = QLabel(label)
        caption.setBuddy(field)
        self.form.addRow(caption, field)
        self.autosave.watch(field)

    def date_or_kept(self, field: QLineEdit, kept: dt.date | None) -> dt.date | None:
        """The date in `field`; if it is not a date, the problem is shown and `kept` is used."""
        try:
            return read_date(field)
        except InvalidInputError as error:
            self._problems.append(str(error))
            return kept

    def text_or_kept(self, text: str, kept: str | None, what: str) -> str:
        """`text`, unless it is empty where something was saved: then that is kept."""
        if text.strip() or not kept:
            return text
        self._problems.append(
            f"{what} cannot be left empty, so the saved one is kept until you type another."
        )
        return kept

    # -- reading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self._live = True
        self._generation += 1
        generation = self._generation
        self.runner.start(lambda: (generation, self.load()), self._fill, self._load_failed)

    def _load_failed(self, error: Exception) -> None:
        if self._live:
            show_error(self, error)

    def _fill(self, loaded: tuple[int, Any]) -> None:
        generation, data = loaded
        if generation != self._generation:
            return  # a later read is on its way (or the page was blanked)
        self._read_once = True
        with self.autosave.loading():
            self.items = self.loaded(data)
            keep = self._select_id
            if keep is None and self.current is not None:
                keep = self.item_id(self.current)
            self._select_id = None
            self.list.blockSignals(True)
            self.list.clear()
            row = -1
            for n, item in enumerate(self.items):
                self.list.addItem(QListWidgetItem(self.describe(item)))
                if keep is not None and self.item_id(item) == keep:
                    row = n
            quiet = self._force_show or not self.autosave.touched
            if row < 0 and self.items and not self._new_mode and quiet:
                row = 0
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
            self._settle_form(self.items[row] if row >= 0 else None)
        self.delete_button.setEnabled(self.current is not None)
        self._show_save_state()
        if self._put_back is not None:
            self._give_back(self._put_back)

    def _settle_form(self, target: Any) -> None:
        """Show `target` in the form, unless the form shows it already (with typing kept)."""
        force, self._force_show = self._force_show, False
        same = (
            target is not None
            and self.current is not None
            and self.item_id(target) == self.item_id(self.current)
        )
        keep_form = same and not force and (self.autosave.touched or target == self.current)
        typing_new = target is None and self.current is None and self.autosave.touched
        if keep_form or (typing_new and not force):
            if target is not None:
                self.current = target
        else:
            self.current = target
            self.show_item(target)
            if target is None:
                self._blank = self.autosave.values()
            self.autosave.reset()
            self._show_problems([])
            if target is not None:
                self._new_mode = False
        self.show_related(self.current)

    # -- moving about --------------------------------------------------------------------------
    def _row_changed(self, row: int) -> None:
        target = self.items[row] if 0 <= row < len(self.items) else None
        target_id = self.item_id(target) if target is not None else None
        if self.current is not None and target_id == self.item_id(self.current):
            return
        if not self._may_leave():
            self._select_row_of(self.current)  # stay: what cannot be saved is shown
            return
        # Saving may have read the list afresh: find the item again by its id.
        found = next((i for i in self.items if self.item_id(i) == target_id), None)
        self._new_mode = False
        self._show(found)

    def _may_leave(self) -> bool:
        """Save what waits; True if the form may now show something else. If something cannot
        be saved, the reviewer is asked (a new form put back as it was needs no asking)."""
        if self.flush():
            return True
        if self.current is None and self.autosave.values() == self._blank:
            return True
        new = self.current is None
        return leave_anyway(self, self.noun, self.problem_text(), new=new)

    def problem_text(self) -> str:
        """What cannot be saved, as shown beside the form."""
        return self.problem.text()

    def _show(self, item: Any) -> None:
        self._select_id = None
        with self.autosave.loading():
            self.current = item
            self.show_item(item)
            self.show_related(item)
        if item is None:
            self._blank = self.autosave.values()
        self.autosave.reset()
        self._show_problems([])
        self._select_row_of(item)
        self.delete_button.setEnabled(item is not None)
        self._show_save_state()

    def _select_row_of(self, item: Any) -> None:
        wanted = self.item_id(item) if item is not None else None
        row = next(
            (
                n
                for n, i in enumerate(self.items)
                if wanted is not None and self.item_id(i) == wanted
            ),
            -1,
        )
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        if row < 0:
            self.list.clearSelection()
        self.list.blockSignals(False)

    def new(self) -> None:
        """A blank form: the first thing typed into it adds a new item."""
        if not self._may_leave():
            return
        self._new_mode = True
        self._show(None)

    # -- saving --------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Save what is typed but not yet saved, now; True if nothing is left unsaved."""
        return self.autosave.flush()

    # -- typing kept across a lock (ui.kept_typing) ---------------------------------------------
    def unsaved(self) -> KeptForm | None:
        """After `flush`: the typing that could not be saved, to keep across a lock (or None)."""
        if self._put_back is not None:
            return self._put_back  # not given back yet: the page was never shown since
        if not self.autosave.touched:
            return None
        if self.current is None and self.autosave.values() == self._blank:
            return None
        item_id = self.item_id(self.current) if self.current is not None else None
        return KeptForm(item_id, self.autosave.texts(), self.problem_text())

    def put_back(self, kept: KeptForm) -> None:
        """Give back typing kept across a lock, in the same item's form, once the page is read."""
        self._put_back = kept
        self._select_id = kept.item_id
        if self._read_once:
            self._give_back(kept)

    def _give_back(self, kept: KeptForm) -> None:
        self._put_back = None
        if kept.item_id is None:
            self._new_mode = True
            self._show(None)
        else:
            found = next((i for i in self.items if self.item_id(i) == kept.item_id), None)
            if found is None:
                return  # the item has gone meanwhile (deleted elsewhere): nothing to put back
            if self.current is None or self.item_id(self.current) != kept.item_id:
                self._show(found)
                self._select_row_of(found)
        self.autosave.put_back(kept.texts)
        self.flush()  # what can be saved now is; the rest is said beside the form again
        if self.autosave.touched:
            show_inline(self.problem, f"{PUT_BACK_NOTE}\n{self.problem_text()}".strip())
            self._show_save_state()

    def showEvent(self, event: QShowEvent) -> None:
        if self._generation == 0:
            self.reload()  # shown for the first time: whoever made the page, it reads itself
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()  # leaving the page keeps what was typed (a problem stays shown)
        self.autosave.end_session()
        super().hideEvent(event)

    def _commit(self) -> bool:
        self._problems = []
        try:
            after = self.read_form(self.current)
        except UserFacingError as error:
            self._show_problems([str(error)])
            return False
        problems = self._problems
        if (self.current is None or after != self.current) and not self._save(after):
            return False  # refused: said beside the form (or in a message), nothing changed
        self._show_problems(problems)
        return not problems

    def _save(self, after: Any) -> bool:
        operation: Operation
        if self.current is None:
            operation = Add(
                f"Add {self.noun}",
                self.save_item,
                self.remove_item,
                self.restore_item,
                after,
                changed=self._heard,
                report=self._report,
            )
        else:
            operation = Replace(
                f"Edit {self.noun}",
                self.save_item,
                self.current,
                after,
                merge_key=self._merge_key(self.current, after),
                changed=self._heard,
                report=self._report,
            )
        return push(self.undo_stack, operation, refused=self._refused)

    def _merge_key(self, before: Any, after: Any) -> Hashable | None:
        fields = changed_fields(before, after)
        if not fields:
            return None
        return (type(self).__name__, self.item_id(before), fields, self.autosave.session)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, InvalidInputError):
            self._show_problems([str(error)])  # beside the form; the text stays in the field
        else:
            show_error(self, error)

    def _report(self, error: Exception) -> None:
        show_error(self, error)

    def _heard(self, change: Change) -> None:
        """A step was done, undone or redone: show the list (and the form) as the file has it."""
        shown = change.shown
        shown_id = self.item_id(shown) if shown is not None else None
        if change.step is Step.DONE:
            if shown is None:  # deleted
                self.current = None
                self._force_show = True
            else:  # saved from the form, which shows it already
                self.current = shown
                self._select_id = shown_id
            self._new_mode = False
        else:
            current_id = self.item_id(self.current) if self.current is not None else None
            typing_elsewhere = self.autosave.touched and (
                current_id is None or current_id != shown_id
            )
            if not typing_elsewhere:  # show what was undone (typing on another item is kept)
                self._select_id = shown_id
                self._force_show = True
                self._new_mode = False
        self.reload()
        self.changed.emit()

    def _show_problems(self, problems: list[str]) -> None:
        show_inline(self.problem, "\n".join(problems))
        self._show_save_state()

    def _show_panes(self) -> None:
        """The form only while it shows something; the empty list says what to do."""
        self.form_pane.setVisible(
            self.current is not None
            or self._new_mode
            or self.autosave.touched
            or bool(self.problem.text())
        )
        message = ""
        if self._read_once and not self.items:
            if self.form_pane.isVisibleTo(self):
                message = f"The new {self.noun} is added to this list as soon as something is "
                message += "typed in its form."
            else:
                message = self.empty_text or f"Nothing here yet: press New {self.noun}."
        self.empty_message.say(message)

    def _show_save_state(self) -> None:
        self._show_panes()
        if self.problem.text():
            text = NOT_SAVED
        elif self.autosave.touched:
            text = SAVING
        elif self.current is not None:
            text = SAVED
        else:
            text = BLANK
        self.saved_state.setText(text)

    # -- deleting and blanking -----------------------------------------------------------------
    def delete_selected(self) -> None:
        if self.current is None:
            return
        answer = QMessageBox.question(
            self,
            f"Delete this {self.noun}?",
            f"Delete '{self.describe(self.current).splitlines()[0]}'? Links to it go too. "
            "You can undo this.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.flush()  # so undo brings it back as it was typed
        if self.current is None:
            return
        push(
            self.undo_stack,
            Remove(
                f"Delete {self.noun}",
                self.remove_item,
                self.restore_item,
                self.current,
                changed=self._heard,
                report=self._report,
            ),
        )

    def clear(self) -> None:
        """Blank everything that shows the case (the review is locking): what was typed is
        saved first."""
        self.flush()
        self._put_back = None  # the window keeps it (in memory) across the lock, not the page
        self._live = False
        self._read_once = False
        self._generation += 1  # a read still on its way is no longer wanted
        with self.autosave.loading():
            self.items = []
            self.current = None
            self._new_mode = False
            self.list.blockSignals(True)  # blanking is not the reviewer leaving the item: no asking
            self.list.clear()
            self.list.blockSignals(False)
            self.show_item(None)
            self.show_related(None)
        self.autosave.reset()
        self._show_problems([])
