"""Learning notes attached to a review: a copy of the library's note, linked back to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum

from reviewer_app.learning.note import LearningNote


class TargetKind(StrEnum):
    FINDING = "finding"
    MARKER = "marker"
    EPISODE = "episode"

    @property
    def label(self) -> str:
        return {
            "finding": "Finding",
            "marker": "Quality marker",
            "episode": "Key practice episode",
        }[self.value]


@dataclass(frozen=True, slots=True, order=True)
class NoteTarget:
    """A part of the review a note is attached to: a finding or episode id, a marker number."""

    kind: TargetKind
    ref: int


@dataclass(frozen=True, slots=True)
class TargetChoice:
    """A part of the review offered for attaching: "Finding 2: Bruising was not referred"."""

    target: NoteTarget
    label: str


@dataclass(frozen=True, slots=True)
class AttachedNote:
    """The copy in the review. `note.uid` and `note.version` are those of the library original
    when it was copied or last pulled. No targets: attached to the review as a whole."""

    note: LearningNote
    targets: tuple[NoteTarget, ...] = ()
    in_report: bool = True
    attached_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    id: int | None = None

    def with_changes(self, **changes: object) -> AttachedNote:
        return replace(self, **changes)  # type: ignore[arg-type]

    def is_behind(self, original: LearningNote) -> bool:
        """The library's note has changed since this copy was made (or last pulled)."""
        return original.uid == self.note.uid and (
            original.version > self.note.version or not original.same_content(self.note)
        )
