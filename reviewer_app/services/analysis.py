"""The analysis: conversations and passages, key practice episodes, findings, and the thread of
evidence between them and the chronology.

Deleting anything returns a `Removal` naming what went and holding, in memory only, every row
that it and whatever depended on it had in the file (links, evidence, learning notes attached,
actions answering a finding); `restore(removal)` puts it all back with the same ids (undo).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.analysis import known_by_then as lens
from reviewer_app.analysis import reference
from reviewer_app.analysis.conversation import (
    Conversation,
    ConversationGuide,
    Passage,
    RecordItem,
)
from reviewer_app.analysis.episode import Episode
from reviewer_app.analysis.finding import Finding, asks_board_questions
from reviewer_app.analysis.notes_import import read_notes
from reviewer_app.analysis.repository import AnalysisRepository
from reviewer_app.chronology.entry import Agency, ChronologyEntry
from reviewer_app.chronology.repository import ChronologyRepository
from reviewer_app.errors import InvalidInputError
from reviewer_app.people.model import Person, PersonKind
from reviewer_app.people.repository import PeopleRepository
from reviewer_app.removed_rows import RemovedRows
from reviewer_app.repositories import ReviewDetailsRepository
from reviewer_app.services.changes import ChangeBus, Part, writes

Saved = Conversation | Passage | Episode | Finding


@dataclass(frozen=True, slots=True)
class Removal:
    removed: Saved  # what was deleted
    rows: RemovedRows  # it and everything that depended on it, exactly as stored


@dataclass(frozen=True, slots=True)
class EvidenceUse:
    """What points at a chronology entry: shown before the entry is deleted."""

    passages: tuple[Passage, ...] = ()
    episodes: tuple[Episode, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.passages or self.episodes or self.findings)

    def describe(self) -> str:
        parts = []
        for items, one, many in (
            (self.episodes, "key practice episode", "key practice episodes"),
            (self.findings, "finding", "findings"),
            (self.passages, "conversation passage", "conversation passages"),
        ):
            if items:
                parts.append(f"{len(items)} {one if len(items) == 1 else many}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Warning:
    kind: str  # "finding-without-evidence" | "episode-unused"
    message: str
    object_id: int


class AnalysisService:
    def __init__(
        self,
        repository: AnalysisRepository,
        chronology: ChronologyRepository,
        people: PeopleRepository,
        details: ReviewDetailsRepository | None = None,
        changes: ChangeBus | None = None,
    ) -> None:
        self.changes = changes or ChangeBus()
        self.repository = repository
        self.chronology = chronology
        self.people = people
        self.details = details

    # -- what the pages show beside the analysis ----------------------------------------
    def entries(self) -> list[ChronologyEntry]:
        return self.chronology.entries()

    def agencies(self) -> list[Agency]:
        return self.chronology.agencies()

    def everyone(self) -> list[Person]:
        return self.people.people()

    # -- guides ---------------------------------------------------------------------------
    def guides(self) -> list[ConversationGuide]:
        """The review's own copies of the guides; the shipped ones until the review has any."""
        return self.repository.guides() or list(reference.shipped_guides())

    @writes(Part.ANALYSIS)
    def save_guide(self, guide: ConversationGuide) -> None:
        """Store an edited guide in this review (copying the shipped ones first, so they stay)."""
        if not self.repository.guides():
            for shipped in reference.shipped_guides():
                self.repository.save_guide(shipped)
        self.repository.save_guide(guide)

    def blank_record(self, guide_key: str) -> tuple[RecordItem, ...]:
        guide = next((g for g in self.guides() if g.key == guide_key), None)
        if guide is None:
            return ()
        return tuple(RecordItem(q.key, q.text) for q in guide.questions)

    # -- conversations and passages -------------------------------------------------------
    def conversations(self) -> list[Conversation]:
        return self.repository.conversations()

    @writes(Part.ANALYSIS)
    def save_conversation(self, conversation: Conversation) -> Conversation:
        return self.repository.save_conversation(conversation)

    @writes(Part.ANALYSIS)
    def import_notes(self, conversation: Conversation, path: Path) -> Conversation:
        """The conversation with a DOCX/TXT file's text as its transcript (refused whole)."""
        text = read_notes(path)
        if not text.strip():
            raise InvalidInputError(f"'{path.name}' has no text in it. Nothing was changed.")
        return conversation.with_changes(transcript=text, transcript_name=path.name)

    @writes(Part.ANALYSIS)
    def delete_conversation(self, conversation_id: int) -> Removal:
        conversation = next(c for c in self.conversations() if c.id == conversation_id)
        return Removal(conversation, self.repository.delete_conversation(conversation_id))

    def passages(self, conversation_id: int | None = None) -> list[Passage]:
        return self.repository.passages(conversation_id)

    @writes(Part.ANALYSIS)
    def save_passage(self, passage: Passage) -> Passage:
        return self.repository.save_passage(passage)

    @writes(Part.ANALYSIS)
    def delete_passage(self, passage_id: int) -> Removal:
        found = next(p for p in self.passages() if p.id == passage_id)
        return Removal(found, self.repository.delete_passage(passage_id))

    def themes(self) -> list[str]:
        """Every theme used on a passage or finding so far, for suggestions."""
        found = {t for p in self.passages() for t in p.themes}
        found |= {f.theme for f in self.findings() if f.theme}
        return sorted(found, key=str.lower)

    # -- episodes -------------------------------------------------------------------------
    def episodes(self) -> list[Episode]:
        return self.repository.episodes()

    @writes(Part.ANALYSIS)
    def save_episode(self, episode: Episode) -> Episode:
        return self.repository.save_episode(episode)

    @writes(Part.ANALYSIS)
    def delete_episode(self, episode_id: int) -> Removal:
        found = next(e for e in self.episodes() if e.id == episode_id)
        return Removal(found, self.repository.delete_episode(episode_id))

    # -- findings -------------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        return self.repository.findings()

    @writes(Part.ANALYSIS)
    def save_finding(self, finding: Finding) -> Finding:
        return self.repository.save_finding(finding)

    @writes(Part.ANALYSIS)
    def delete_finding(self, finding_id: int) -> Removal:
        found = next(f for f in self.findings() if f.id == finding_id)
        return Removal(found, self.repository.delete_finding(finding_id))

    def asks_board_questions(self) -> bool:
        """Whether findings end with questions for the board (Learning Together) or
        recommendations (every other method), from the review's methodology."""
        if self.details is None:
            return True
        return asks_board_questions(self.details.load().methodology)

    # -- putting things back --------------------------------------------------------------
    @writes(Part.ANALYSIS)
    def save(self, thing: Saved) -> Saved:
        if isinstance(thing, Conversation):
            return self.repository.save_conversation(thing)
        if isinstance(thing, Passage):
            return self.repository.save_passage(thing)
        if isinstance(thing, Episode):
            return self.repository.save_episode(thing)
        return self.repository.save_finding(thing)

    @writes(Part.ACTIONS)  # an action answering a deleted finding loses its finding
    @writes(Part.LEARNING)  # and a note attached to it its target
    @writes(Part.ANALYSIS)
    def delete(self, thing: Saved) -> Removal:
        if thing.id is None:
            raise ValueError("cannot delete something never saved")
        if isinstance(thing, Conversation):
            return self.delete_conversation(thing.id)
        if isinstance(thing, Passage):
            return self.delete_passage(thing.id)
        if isinstance(thing, Episode):
            return self.delete_episode(thing.id)
        return self.delete_finding(thing.id)

    @writes(Part.ACTIONS)
    @writes(Part.LEARNING)
    @writes(Part.ANALYSIS)
    def restore(self, removal: Removal) -> None:
        self.repository.restore(removal.rows)

    # -- the thread of evidence -----------------------------------------------------------
    def evidence_using_entry(self, entry_id: int) -> EvidenceUse:
        """What would lose a link if the entry were deleted (the chronology asks first)."""
        return EvidenceUse(
            tuple(p for p in self.passages() if entry_id in p.entry_ids),
            tuple(e for e in self.episodes() if entry_id in e.entry_ids),
            tuple(f for f in self.findings() if entry_id in f.entry_ids),
        )

    def warnings(self) -> list[Warning]:
        """Findings with no evidence, and episodes no finding uses."""
        findings = self.findings()
        found = [
            Warning(
                "finding-without-evidence",
                f"The finding '{_short(f.statement)}' is not linked to any episode, entry or "
                "passage: show the evidence it follows from.",
                f.id or 0,
            )
            for f in findings
            if not f.has_evidence
        ]
        used = {e for f in findings for e in f.episode_ids}
        found += [
            Warning(
                "episode-unused",
                f"No finding uses the key practice episode '{_short(e.title)}'.",
                e.id or 0,
            )
            for e in self.episodes()
            if e.id not in used
        ]
        return found

    def known_by_then(
        self, day: dt.date, *, agency_id: int | None = None, person_id: int | None = None
    ) -> list[ChronologyEntry]:
        """The chronology as an agency or person could have known it on `day`.

        The rule (see `reviewer_app.analysis.known_by_then`): entries whose date span has
        ended by `day`; for an agency, its own entries plus other agencies' entries confirmed as
        the same event as one of its own; for a person, the entries linked to them, plus their
        agency's view when they are a practitioner with an agency. Unknown dates never count.
        """
        if agency_id is None and person_id is None:
            raise InvalidInputError("Choose an agency or a person for the 'known by then' view.")
        if person_id is not None and agency_id is None:
            who = self.people.person(person_id)
            if who.kind is PersonKind.PRACTITIONER and who.agency_id is not None:
                agency_id = who.agency_id
        return lens.known_by_then(
            self.chronology.entries(),
            self.chronology.same_event_decisions(),
            day,
            agency_id=agency_id,
            person_id=person_id,
        )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
