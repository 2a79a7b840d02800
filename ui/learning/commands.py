"""Undo steps for learning notes, on the one operation path (`ui.operations`).

Undo and redo put back the very note (same id and uid), so later steps still fit.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.learning.attached import AttachedNote, NoteTarget
from reviewer_app.learning.note import LearningNote
from reviewer_app.services.learning import AttachedNotesService, LibraryService
from ui.operations import Add, Change, Operation, Remove, Replace

Changed = Callable[[], None]


def _heard(on_change: Changed) -> Callable[[Change], None]:
    return lambda _change: on_change()


def _title(note: LearningNote) -> str:
    return note.title[:40]


class AddNoteCommand(Add[LearningNote, LearningNote]):
    def __init__(self, service: LibraryService, note: LearningNote, on_change: Changed) -> None:
        super().__init__(
            f"Add the note '{_title(note)}'",
            service.add,
            lambda added: service.delete(added.id or 0),
            service.put_back,
            note,
            changed=_heard(on_change),
            resync=on_change,
        )


class EditNoteCommand(Operation):
    """Redo stores the edit (the first time through `update`, which counts the version up),
    then the very note that made; undo puts back the note as it was."""

    def __init__(
        self, service: LibraryService, before: LearningNote, after: LearningNote, on_change: Changed
    ) -> None:
        super().__init__(
            f"Edit the note '{_title(after)}'", changed=_heard(on_change), resync=on_change
        )
        self._service, self._before, self._after = service, before, after
        self._saved: LearningNote | None = None

    def apply(self) -> object:
        self._saved = (
            self._service.put_back(self._saved)
            if self._saved is not None
            else self._service.update(self._after)
        )
        return self._saved

    def revert(self) -> object:
        return self._service.put_back(self._before)


class DeleteNoteCommand(Remove[LearningNote, LearningNote]):
    def __init__(self, service: LibraryService, note: LearningNote, on_change: Changed) -> None:
        super().__init__(
            f"Delete the note '{_title(note)}'",
            lambda kept: service.delete(kept.id or 0),
            service.put_back,
            note,
            changed=_heard(on_change),
            resync=on_change,
        )


class AttachNoteCommand(Operation):
    """Attach a library note; attaching one already there adds targets to that copy, so undo
    puts that copy back as it was rather than taking it away."""

    def __init__(
        self,
        service: AttachedNotesService,
        note: LearningNote,
        targets: tuple[NoteTarget, ...],
        on_change: Changed,
    ) -> None:
        super().__init__(
            f"Attach the note '{_title(note)}'", changed=_heard(on_change), resync=on_change
        )
        self._service, self._note, self._targets = service, note, targets
        self._before: AttachedNote | None = None
        self._after: AttachedNote | None = None

    def apply(self) -> object:
        if self._after is not None:
            return self._service.put_back(self._after)
        before = next((a for a in self._service.attached() if a.note.uid == self._note.uid), None)
        self._after = self._service.attach(self._note, self._targets)
        self._before = before
        return self._after

    def revert(self) -> object:
        if self._before is not None:
            return self._service.put_back(self._before)
        if self._after is not None and self._after.id is not None:
            self._service.detach(self._after.id)
        return None


class DetachNoteCommand(Remove[AttachedNote, AttachedNote]):
    def __init__(
        self, service: AttachedNotesService, attached: AttachedNote, on_change: Changed
    ) -> None:
        super().__init__(
            f"Remove the note '{_title(attached.note)}' from the review",
            lambda kept: service.detach(kept.id or 0),
            service.put_back,
            attached,
            changed=_heard(on_change),
            resync=on_change,
        )


def replace_attached_command(
    service: AttachedNotesService,
    before: AttachedNote,
    after: AttachedNote,
    text: str,
    on_change: Changed,
) -> Replace[AttachedNote]:
    """Any change to an attached note: pulling the library's changes, report inclusion."""
    return Replace(
        text, service.put_back, before, after, changed=_heard(on_change), resync=on_change
    )
