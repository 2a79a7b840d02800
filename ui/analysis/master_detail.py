"""A page of things (conversations, episodes, findings, people): a list, and a form for one.

The page reads through the task runner, turns Save and Delete into undo commands that call the
services (written to the file at once), and shows errors in the one place that shows them.
Subclasses lay out the form and convert between it and the domain object.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.analysis.commands import DeleteCommand, Effects, SaveCommand
from ui.errors import show_error
from ui.style import heading, plain_label
from ui.tasks import TaskRunner


class MasterDetailPage(QWidget):
    changed = Signal()  # something was saved, deleted, undone or redone

    noun = "item"  # "conversation"
    title = ""
    intro = ""

    def __init__(
        self, undo_stack: QUndoStack, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.runner = runner
        self.items: list[Any] = []
        self.current: Any = None
        self._select_id: int | None = None

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
        self.new_button = QPushButton(f"&New {self.noun}")
        self.new_button.setAccessibleName(f"New {self.noun}")
        self.new_button.clicked.connect(self.new)
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setAccessibleName(f"Delete the selected {self.noun}")
        self.delete_button.clicked.connect(self.delete_selected)
        self.save_button = QPushButton("&Save changes")
        self.save_button.setAccessibleName(f"Save this {self.noun}")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.state = plain_label()
        self.state.setAccessibleName(f"About this {self.noun}")

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
        form_layout.addLayout(self.form)
        form_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName(f"Details of the {self.noun}")
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.extra_actions = actions
        actions.addWidget(self.save_button)
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

    # -- to be provided -----------------------------------------------------------------------
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

    def read_form(self, base: Any) -> Any:
        """The object the form describes, built on `base` (None for a new one)."""
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

    # -- behaviour ----------------------------------------------------------------------------
    def add_row(self, label: str, field: QWidget) -> None:
        caption = QLabel(label)
        caption.setBuddy(field)
        self.form.addRow(caption, field)

    def reload(self) -> None:
        self.runner.start(self.load, self._fill, lambda error: show_error(self, error))

    def _fill(self, data: Any) -> None:
        keep = self._select_id
        if keep is None and self.current is not None:
            keep = self.item_id(self.current)
        self._select_id = None
        self.items = self.loaded(data)
        self.list.blockSignals(True)
        self.list.clear()
        row_to_select = -1
        for n, item in enumerate(self.items):
            shown = QListWidgetItem(self.describe(item))
            self.list.addItem(shown)
            if keep is not None and self.item_id(item) == keep:
                row_to_select = n
        self.list.blockSignals(False)
        if row_to_select < 0 and self.items and keep is None and self.current is None:
            row_to_select = 0
        if row_to_select >= 0:
            self.list.setCurrentRow(row_to_select)
            self._row_changed(row_to_select)
        else:
            self.current = None
            self.show_item(None)
        self.delete_button.setEnabled(self.current is not None)

    def _row_changed(self, row: int) -> None:
        self.current = self.items[row] if 0 <= row < len(self.items) else None
        self.show_item(self.current)
        self.delete_button.setEnabled(self.current is not None)

    def new(self) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self.current = None
        self.show_item(None)
        self.delete_button.setEnabled(False)

    def _effects(self) -> Effects:
        def refresh(shown: Any) -> None:
            self._select_id = None if shown is None else self.item_id(shown)
            if shown is None:
                self.current = None
            self.reload()
            self.changed.emit()

        return Effects(refresh, lambda error: show_error(self, error))

    def save(self) -> None:
        try:
            after = self.read_form(self.current)
        except Exception as error:
            show_error(self, error)
            return
        if self.current is not None and after == self.current:
            return
        verb = "Add" if self.current is None else "Edit"
        self.undo_stack.push(
            SaveCommand(
                f"{verb} {self.noun}",
                self._effects(),
                self.save_item,
                self.remove_item,
                self.restore_item,
                self.current,
                after,
            )
        )

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
        self.undo_stack.push(
            DeleteCommand(
                f"Delete {self.noun}",
                self._effects(),
                self.remove_item,
                self.restore_item,
                self.current,
            )
        )

    def clear(self) -> None:
        """Blank everything that shows the case (the review is locking)."""
        self.items = []
        self.current = None
        self.list.clear()
        self.show_item(None)
