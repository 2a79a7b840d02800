"""Drafts sent out, and the response log of what came back on them.

A draft's number and date are the report's version (`reviewer_app.reporting.log`: each export
records its version there, the one counter); this module adds who each version went to and for
what (`Circulation`), and every comment or tracked change read back from a returned copy
(`DraftComment`) with the reviewer's response and whether the draft changed because of it.
Keys (`Purpose.value`, `ChangeKind.value`) never change meaning once stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from reviewer_app.errors import InvalidInputError

#: Longest passage or paragraph kept with a comment; Word's own comment boxes show less.
MAX_QUOTE = 2000


class Purpose(StrEnum):
    FACTUAL_ACCURACY = "factual-accuracy"
    FAMILY = "family"
    PANEL_CHALLENGE = "panel-challenge"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _PURPOSES[self]


_PURPOSES = {
    Purpose.FACTUAL_ACCURACY: "Factual accuracy (agencies)",
    Purpose.FAMILY: "The family's view",
    Purpose.PANEL_CHALLENGE: "Panel challenge",
    Purpose.OTHER: "Other",
}


class ChangeKind(StrEnum):
    """What came back: a Word comment, or a tracked insertion or deletion."""

    COMMENT = "comment"
    INSERTION = "insertion"
    DELETION = "deletion"

    @property
    def label(self) -> str:
        return {
            ChangeKind.COMMENT: "Comment",
            ChangeKind.INSERTION: "Tracked insertion",
            ChangeKind.DELETION: "Tracked deletion",
        }[self]


@dataclass(frozen=True, slots=True)
class Circulation:
    """One draft version sent to someone, for a purpose, on a date."""

    version: int
    sent_on: dt.date
    sent_to: str
    purpose: Purpose
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if self.version < 1:
            raise InvalidInputError("A draft's version number starts at 1.")
        if not self.sent_to.strip():
            raise InvalidInputError("Say who the draft went to (a person, agency or group).")


@dataclass(frozen=True, slots=True)
class ReturnedComment:
    """One comment or tracked change as read from a returned copy, before it is logged."""

    kind: ChangeKind
    author: str  # as Word recorded it
    said: str  # the comment's text, or the text inserted or deleted
    passage: str  # the text the comment is anchored to (the change itself for a change)
    paragraph: str  # the paragraph it is in, as it reads with the changes accepted
    made_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class DraftComment:
    """A line of the response log."""

    version: int
    from_name: str  # who returned the copy (`--from`)
    comment: ReturnedComment
    received_on: dt.date
    response: str = ""
    draft_changed: bool = False
    id: int | None = None

    @property
    def answered(self) -> bool:
        return bool(self.response.strip())

    def same_as(self, other: ReturnedComment, version: int, from_name: str) -> bool:
        """The same comment read again (the same copy imported twice)."""
        return (
            self.version == version
            and self.from_name.strip().casefold() == from_name.strip().casefold()
            and self.comment == other
        )


class DraftsRepository(Protocol):
    """What the drafts service needs from storage (`storage.drafts_repository`)."""

    def circulations(self) -> list[Circulation]: ...
    def add_circulation(self, circulation: Circulation) -> Circulation: ...
    def remove_circulation(self, circulation_id: int) -> None: ...
    def comments(self) -> list[DraftComment]: ...
    def add_comments(self, comments: list[DraftComment]) -> list[DraftComment]: ...
    def update_comment(self, comment: DraftComment) -> None: ...
    def remove_comments(self, comment_ids: list[int]) -> None: ...
