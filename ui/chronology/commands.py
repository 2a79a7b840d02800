"""Undo commands for the chronology: each one writes to the review file as it is done or undone.

An entry that is deleted and brought back by undo keeps its id (and every link to it), but an
entry added, taken away by undo and added again by redo gets a new id from the file. Commands
therefore never hold a bare id: they hold an `EntryHandle`, one per entry, whose id is updated
when the entry comes back. Any later command in the stack that touches the same entry shares the
handle, so a long undo/redo chain keeps pointing at the right row in the file.

Every command is an `ui.operations.Operation`: one that fails (the file locked, say) leaves the
undo stack and the file as they were, and the error goes to the page to show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QUndoStack

from reviewer_app.chronology.entry import ChronologyEntry, Flag
from reviewer_app.removed_rows import RemovedRows
from reviewer_app.services.chronology import ChronologyService
from ui.chronology.table_model import ChronologyTableModel
from ui.operations import Batch, Operation, push


class EntryHandle:
    """One entry, whatever id the file gives it now."""

    __slots__ = ("id",)

    def __init__(self, entry_id: int | None) -> None:
        self.id = entry_id

    def __repr__(self) -> str:
        return f"EntryHandle({self.id})"


@dataclass
class EntryHandles:
    """The handle for each entry id currently in the file."""

    _by_id: dict[int, EntryHandle] = field(default_factory=dict)

    def handle(self, entry_id: int) -> EntryHandle:
        found = self._by_id.get(entry_id)
        if found is None:
            found = self._by_id[entry_id] = EntryHandle(entry_id)
        return found

    def bind(self, handle: EntryHandle, entry_id: int) -> None:
        """The entry behind `handle` is now stored as `entry_id`."""
        if handle.id is not None and self._by_id.get(handle.id) is handle:
            del self._by_id[handle.id]
        handle.id = entry_id
        self._by_id[entry_id] = handle

    def forget(self, handle: EntryHandle) -> None:
        """The entry left the file; its old id may later be given to a different entry."""
        if handle.id is not None and self._by_id.get(handle.id) is handle:
            del self._by_id[handle.id]

    def clear(self) -> None:
        self._by_id.clear()


@dataclass
class ChronologyEdits:
    """What the commands need: the service that writes, the model that shows, the handles."""

    service: ChronologyService
    model: ChronologyTableModel
    undo_stack: QUndoStack
    report_error: Callable[[Exception], None]
    handles: EntryHandles = field(default_factory=EntryHandles)
    #: Called after a command changes entries, with whether the change can alter which entries
    #: look like the same event (dates, wording, agency), so the page can refresh its panels.
    changed: Callable[[bool], None] = lambda matching: None

    def edit(self, old: ChronologyEntry, new: ChronologyEntry, what: str = "edit entry") -> None:
        push(self.undo_stack, EditEntryCommand(self, old, new, what))

    def add(self, entry: ChronologyEntry) -> EntryHandle:
        command = AddEntryCommand(self, entry)
        push(self.undo_stack, command)
        return command.handle

    def delete(self, entries: Sequence[ChronologyEntry]) -> None:
        if len(entries) == 1:
            push(self.undo_stack, DeleteEntryCommand(self, entries[0]))
            return
        steps = [DeleteEntryCommand(self, entry) for entry in entries]
        push(self.undo_stack, DeleteEntriesCommand(self, steps))

    def set_flags(self, entry: ChronologyEntry, flags: frozenset[Flag]) -> None:
        if flags != entry.flags:
            push(self.undo_stack, SetFlagsCommand(self, entry, flags))

    def clear(self) -> None:
        self.handles.clear()


class _ChronologyCommand(Operation):
    #: Whether doing or undoing this can change same-event suggestions.
    affects_matching = True

    def __init__(self, edits: ChronologyEdits, text: str) -> None:
        super().__init__(
            text,
            changed=lambda _change: edits.changed(self.affects_matching),
            report=edits.report_error,
        )
        self.edits = edits


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class EditEntryCommand(_ChronologyCommand):
    """Replace an entry's content: redo stores `new`, undo stores `old` again."""

    def __init__(
        self, edits: ChronologyEdits, old: ChronologyEntry, new: ChronologyEntry, what: str
    ) -> None:
        super().__init__(edits, _sentence(what))
        if old.id is None or old.id != new.id:
            raise ValueError("an edit keeps the entry's id")
        self.handle = edits.handles.handle(old.id)
        self.old = old
        self.new = new
        self.affects_matching = _matching(old) != _matching(new)

    def _store(self, content: ChronologyEntry) -> None:
        current = content.with_changes(id=self.handle.id)
        self.edits.service.update_entry(current)
        self.edits.model.replace_entry(current)

    def apply(self) -> None:
        self._store(self.new)

    def revert(self) -> None:
        self._store(self.old)


def _matching(entry: ChronologyEntry) -> tuple[object, ...]:
    return (entry.agency_id, entry.date, entry.event, entry.outcome)


class SetFlagsCommand(_ChronologyCommand):
    """Change only an entry's flags, leaving any other change to its own command."""

    affects_matching = False

    def __init__(
        self, edits: ChronologyEdits, entry: ChronologyEntry, flags: frozenset[Flag]
    ) -> None:
        super().__init__(edits, "Change flags")
        if entry.id is None:
            raise ValueError("only a saved entry has flags to change")
        self.handle = edits.handles.handle(entry.id)
        self.old_flags = entry.flags
        self.new_flags = flags
        self._fallback = entry

    def _store(self, flags: frozenset[Flag]) -> None:
        assert self.handle.id is not None
        shown = self.edits.model.entry(self.handle.id) or self._fallback
        current = shown.with_changes(flags=flags, id=self.handle.id)
        self.edits.service.update_entry(current)
        self.edits.model.replace_entry(current)

    def apply(self) -> None:
        self._store(self.new_flags)

    def revert(self) -> None:
        self._store(self.old_flags)


class AddEntryCommand(_ChronologyCommand):
    """Add an entry; undo deletes it, redo adds its content again (under a new id if need be)."""

    def __init__(self, edits: ChronologyEdits, entry: ChronologyEntry) -> None:
        super().__init__(edits, "Add entry")
        self.content = entry.with_changes(id=None)
        self.handle = EntryHandle(None)

    def _add(self) -> None:
        stored = self.edits.service.add_entry(self.content)
        assert stored.id is not None
        self.edits.handles.bind(self.handle, stored.id)
        self.edits.model.insert_entry(stored)

    def _remove(self) -> None:
        assert self.handle.id is not None
        self.edits.service.delete_entry(self.handle.id)
        self.edits.model.remove_entry(self.handle.id)
        self.edits.handles.forget(self.handle)

    def apply(self) -> None:
        self._add()

    def revert(self) -> None:
        self._remove()


class DeleteEntryCommand(_ChronologyCommand):
    """Delete an entry; undo puts it back exactly as it was: the same id, in the same row,
    with every link to it (same-event groups, people, key episodes, findings' evidence,
    passages) and its original row and provenance. What was deleted is kept in memory only."""

    def __init__(self, edits: ChronologyEdits, entry: ChronologyEntry) -> None:
        super().__init__(edits, "Delete entry")
        if entry.id is None:
            raise ValueError("only a saved entry can be deleted")
        self.handle = edits.handles.handle(entry.id)
        self.content = entry
        self.row: int | None = None
        self.removed: RemovedRows | None = None

    def _delete(self) -> None:
        assert self.handle.id is not None
        entry_id = self.handle.id
        current = self.edits.model.entry(entry_id)
        if current is not None:
            self.content = current
        self.removed = self.edits.service.remove_entries([entry_id])
        self.row = self.edits.model.remove_entry(entry_id)

    def _restore(self) -> None:
        assert self.removed is not None and self.handle.id is not None
        self.edits.service.restore_entries(self.removed)
        self.edits.model.insert_entry(self.content, self.row)

    def apply(self) -> None:
        self._delete()

    def revert(self) -> None:
        self._restore()


class DeleteEntriesCommand(Batch):
    """Delete several entries as one step (all or none)."""

    affects_matching = True

    def __init__(self, edits: ChronologyEdits, steps: list[DeleteEntryCommand]) -> None:
        super().__init__(
            f"Delete {len(steps)} entries",
            steps,
            changed=lambda _change: edits.changed(True),
            report=edits.report_error,
        )
