"""An in-memory learning library for service and window tests."""

from __future__ import annotations

from reviewer_app.errors import InvalidInputError
from reviewer_app.learning.note import LearningNote


class MemoryLibrary:
    def __init__(self) -> None:
        self._notes: dict[int, LearningNote] = {}
        self._next = 1

    def notes(self) -> list[LearningNote]:
        return sorted(self._notes.values(), key=lambda n: (n.title.lower(), n.id or 0))

    def note(self, note_id: int) -> LearningNote:
        if note_id not in self._notes:
            raise InvalidInputError("That note is no longer in the library.")
        return self._notes[note_id]

    def by_uid(self, uid: str) -> LearningNote | None:
        return next((n for n in self._notes.values() if n.uid == uid), None)

    def save(self, note: LearningNote) -> LearningNote:
        if note.id is None:
            note = note.with_changes(id=self._next)
        self._next = max(self._next, (note.id or 0) + 1)
        self._notes[note.id or 0] = note
        return note

    def delete(self, note_id: int) -> None:
        self._notes.pop(note_id, None)

    def search(self, text: str = "", tag: str = "") -> list[int]:
        words = text.lower().split()
        return [
            n.id or 0
            for n in self._notes.values()
            if (not tag or tag in n.tags)
            and all(w in f"{n.title} {n.event} {n.body} {' '.join(n.tags)}".lower() for w in words)
        ]

    def tags(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for n in self._notes.values():
            for t in n.tags:
                counts[t] = counts.get(t, 0) + 1
        return sorted(counts.items())
