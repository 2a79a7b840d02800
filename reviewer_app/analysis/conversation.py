"""Conversations with practitioners, agency representatives and family, and their passages.

A conversation keeps its structured record as (question, answer) pairs copied from the guide
used at the time, so later edits to the review's guide never change what was recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from reviewer_app.errors import InvalidInputError


class ConversationKind(StrEnum):
    PRACTITIONER = "practitioner-conversation"
    AGENCY_INTERVIEW = "agency-interview"
    FAMILY_MEETING = "family-meeting"
    LEARNING_EVENT = "learning-event"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ConversationKind.PRACTITIONER: "Practitioner conversation",
    ConversationKind.AGENCY_INTERVIEW: "Agency interview",
    ConversationKind.FAMILY_MEETING: "Family meeting",
    ConversationKind.LEARNING_EVENT: "Learning event",
}


class Mode(StrEnum):
    IN_PERSON = "in-person"
    VIDEO = "video"
    TELEPHONE = "telephone"
    WRITTEN = "written"

    @property
    def label(self) -> str:
        return _MODE_LABELS[self]


_MODE_LABELS = {
    Mode.IN_PERSON: "In person",
    Mode.VIDEO: "Video call",
    Mode.TELEPHONE: "Telephone",
    Mode.WRITTEN: "In writing",
}


@dataclass(frozen=True, slots=True)
class GuideQuestion:
    key: str
    text: str


@dataclass(frozen=True, slots=True)
class ConversationGuide:
    """A conversation guide: the questions a structured record follows (editable per review)."""

    key: str
    title: str
    questions: tuple[GuideQuestion, ...]

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise InvalidInputError("A conversation guide needs a title.")


@dataclass(frozen=True, slots=True)
class RecordItem:
    """One answer in a structured record, with the guide's question as it was asked."""

    key: str
    question: str
    answer: str = ""


@dataclass(frozen=True, slots=True)
class Conversation:
    kind: ConversationKind
    title: str
    date: dt.date | None = None
    mode: Mode = Mode.IN_PERSON
    participants: tuple[int, ...] = ()  # person ids
    consent_notes: str = ""
    support_notes: str = ""
    guide_key: str = ""
    record: tuple[RecordItem, ...] = ()
    notes: str = ""
    transcript: str = ""  # imported notes or transcript text
    transcript_name: str = ""  # the file it came from
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise InvalidInputError(
                "A conversation needs a short title, such as 'Conversation with Health Visitor 1'."
            )

    def with_changes(self, **changes: object) -> Conversation:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage of a conversation, tagged with themes and linked to entries and episodes."""

    conversation_id: int
    text: str
    themes: tuple[str, ...] = ()
    entry_ids: tuple[int, ...] = ()
    episode_ids: tuple[int, ...] = ()
    id: int | None = None
    #: The reviewer has marked it for use in the report: only such passages are ever quoted
    #: there (the rest of a conversation record is the reviewer's private notes).
    use_in_report: bool = False

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise InvalidInputError("A passage needs some text: select or type what was said.")

    def with_changes(self, **changes: object) -> Passage:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def short(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"
