"""The table's right-click (or menu-key) menu, and the words used to confirm a deletion."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from reviewer_app.chronology.entry import ChronologyEntry, Flag
from ui.chronology.text import date_text


def entry_menu(
    parent: QWidget,
    *,
    entry: ChronologyEntry | None,
    selected: int,
    editable: bool,
    undo_stack: QUndoStack,
    on_edit: Callable[[], object],
    on_new: Callable[[], object],
    on_delete: Callable[[], object],
    on_flags: Callable[[int, frozenset[Flag]], object],
    on_link: Callable[[], object] | None = None,
) -> QMenu:
    """A menu for the current entry; shortcuts are shown for the keys the table itself takes."""
    menu = QMenu(parent)
    menu.setAccessibleName("Entry actions")
    edit = menu.addAction("&Edit cell")
    edit.setShortcut(QKeySequence(Qt.Key.Key_F2))
    edit.setEnabled(editable)
    edit.triggered.connect(on_edit)
    new = menu.addAction("&New entry…")
    new.setShortcut(QKeySequence("Ctrl+N"))
    new.triggered.connect(on_new)
    delete = menu.addAction("&Delete entries…" if selected > 1 else "&Delete entry…")
    delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    delete.setEnabled(selected > 0)
    delete.triggered.connect(on_delete)
    flags = menu.addMenu("&Flags")
    flags.setEnabled(entry is not None)
    if entry is not None and entry.id is not None:
        entry_id, current = entry.id, entry.flags
        for flag in Flag:
            action = flags.addAction(flag.label)
            action.setCheckable(True)
            action.setChecked(flag in current)
            action.toggled.connect(
                lambda on, f=flag: on_flags(entry_id, current | {f} if on else current - {f})
            )
    if on_link is not None:
        link = menu.addAction("&Link as the same event")
        link.setShortcut(QKeySequence("Ctrl+L"))
        link.setToolTip("Link the selected entries (two or more agencies) as one event")
        link.setEnabled(selected > 1)
        link.triggered.connect(on_link)
    menu.addSeparator()
    menu.addAction(undo_stack.createUndoAction(menu, "&Undo"))
    menu.addAction(undo_stack.createRedoAction(menu, "&Redo"))
    return menu


def delete_question(
    entries: Sequence[ChronologyEntry], agency_name: Callable[[int], str]
) -> tuple[str, str]:
    """The title and text of the "are you sure?" question before deleting `entries`."""
    if len(entries) == 1:
        entry = entries[0]
        title = "Delete entry"
        question = (
            f"Delete the entry of {date_text(entry.date)} from {agency_name(entry.agency_id)}?"
        )
    else:
        title = "Delete entries"
        question = f"Delete these {len(entries)} entries?"
    undo = "it" if len(entries) == 1 else "them"
    return title, f"{question}\n\nYou can bring {undo} back with Undo (Ctrl+Z)."
