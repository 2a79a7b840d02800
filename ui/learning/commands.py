"""Undo commands for learning notes; each redo/undo calls a service and is saved at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reviewer_app.learning.attached import AttachedNote, NoteTarget
from reviewer_app.learning.note import LearningNote
from reviewer_app.services.learning import AttachedNotesService, LibraryService
from ui.undo import ReplaceCommand

Changed = Callable[[], None]


class AddNoteCommand(QUndoCommand):
    def __init__(self, service: LibraryService, note: LearningNote, on_change: Changed) -> None:
        super().__init__(f"Add the note '{note.title[:40]}'")
        self._service, self._note, self._on_change = service, note, on_change
        self.added: LearningNote | None = None

    def redo(self) -> None:
        # Redo after undo puts back the same note (same id and uid), so later commands still fit.
        self.added = (
            self._service.put_back(self.added) if self.added else self._service.add(self._note)
        )
        self._on_change()

    def undo(self) -> None:
        if self.added is not None and self.added.id is not None:
            self._service.delete(self.added.id)
        self._on_change()


class EditNoteCommand(QUndoCommand):
    def __init__(
        self, service: LibraryService, before: LearningNote, after: LearningNote, on_change: Changed
    ) -> None:
        super().__init__(f"Edit the note '{after.title[:40]}'")
        self._service, self._before, self._after, self._on_change = (
            service,
            before,
            after,
            on_change,
        )
        self._saved: LearningNote | None = None

    def redo(self) -> None:
        self._saved = (
            self._service.put_back(self._saved)
            if self._saved
            else self._service.update(self._after)
        )
        self._on_change()

    def undo(self) -> None:
        self._service.put_back(self._before)
        self._on_change()


class DeleteNoteCommand(QUndoCommand):
    def __init__(self, service: LibraryService, note: LearningNote, on_change: Changed) -> None:
        super().__init__(f"Delete the note '{note.title[:40]}'")
        self._service, self._note, self._on_change = service, note, on_change

    def redo(self) -> None:
        if self._note.id is not None:
            self._note = self._service.delete(self._note.id)
        self._on_change()

    def undo(self) -> None:
        self._service.put_back(self._note)
        self._on_change()


class AttachNoteCommand(QUndoCommand):
    def __init__(
        self,
        service: AttachedNotesService,
        note: LearningNote,
        targets: tuple[NoteTarget, ...],
        on_change: Changed,
    ) -> None:
        super().__init__(f"Attach the note '{note.title[:40]}'")
        self._service, self._note, self._targets, self._on_change = (
            service,
            note,
            targets,
            on_change,
        )
        self._before: AttachedNote | None = None
        self._after: AttachedNote | None = None

    def redo(self) -> None:
        if self._after is not None:
            self._service.put_back(self._after)
        else:
            self._before = next(
                (a for a in self._service.attached() if a.note.uid == self._note.uid), None
            )
            self._after = self._service.attach(self._note, self._targets)
        self._on_change()

    def undo(self) -> None:
        if self._before is not None:
            self._service.put_back(self._before)
        elif self._after is not None and self._after.id is not None:
            self._service.detach(self._after.id)
        self._on_change()


class DetachNoteCommand(QUndoCommand):
    def __init__(
        self, service: AttachedNotesService, attached: AttachedNote, on_change: Changed
    ) -> None:
        super().__init__(f"Remove the note '{attached.note.title[:40]}' from the review")
        self._service, self._attached, self._on_change = service, attached, on_change

    def redo(self) -> None:
        if self._attached.id is not None:
            self._attached = self._service.detach(self._attached.id)
        self._on_change()

    def undo(self) -> None:
        self._service.put_back(self._attached)
        self._on_change()


def replace_attached_command(
    service: AttachedNotesService,
    before: AttachedNote,
    after: AttachedNote,
    text: str,
    on_change: Changed,
) -> ReplaceCommand[AttachedNote]:
    """Any change to an attached note: pulling the library's changes, report inclusion."""
    return ReplaceCommand(text, service.put_back, before, after, on_change)
