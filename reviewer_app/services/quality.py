"""Use cases of the quality markers: the self-assessment, evidence, suggestions, dashboard."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from reviewer_app.chronology.entry import Agency, ChronologyEntry, Flag
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.quality.assessment import (
    EvidenceKind,
    EvidenceLink,
    MarkerAssessment,
    PromptAssessment,
    SelfAssessment,
)
from reviewer_app.quality.dashboard import (
    DashboardRow,
    StageProgress,
    dashboard_rows,
    dashboard_text,
    stage_progress,
)
from reviewer_app.quality.markers import MarkerSet, default_set_for, load_marker_set
from reviewer_app.quality.repository import QualityRepository
from reviewer_app.quality.suggestions import (
    Suggestion,
    SuggestionSource,
    import_link,
    suggest_evidence,
    terms_of_reference_link,
)
from reviewer_app.review import Review
from reviewer_app.services.changes import ChangeBus, Part, writes

#: Things another part of the review offers as evidence for a marker (people, conversations…).
EvidenceSource = Callable[[int], Iterable[EvidenceLink]]


class DetailsSource(Protocol):
    def load(self) -> Review: ...


class ChronologySource(Protocol):
    def agencies(self) -> list[Agency]: ...
    def batches(self) -> list[ImportBatch]: ...
    def entries(self) -> list[ChronologyEntry]: ...


@dataclass(frozen=True, slots=True)
class QualityDashboard:
    """Everything the markers page shows, loaded in one go (off the GUI thread)."""

    assessment: SelfAssessment
    rows: list[DashboardRow]
    stages: list[StageProgress]
    suggestions: list[Suggestion]

    def suggestions_for(self, number: int) -> list[Suggestion]:
        return [s for s in self.suggestions if s.marker == number]


class QualityService:
    def __init__(
        self,
        repository: QualityRepository,
        details: DetailsSource,
        chronology: ChronologySource,
        suggestion_sources: Iterable[SuggestionSource] = (),
        evidence_sources: Iterable[EvidenceSource] = (),
        changes: ChangeBus | None = None,
    ) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository
        self._details = details
        self._chronology = chronology
        self._suggestion_sources = tuple(suggestion_sources)
        self._evidence_sources = tuple(evidence_sources)

    # -- the marker set ------------------------------------------------------------------------
    def marker_set(self) -> MarkerSet:
        key = self._repository.marker_set_key()
        if key is None:
            key = default_set_for(self._details.load().review_type)
        return load_marker_set(key)

    @writes(Part.QUALITY)
    def choose_marker_set(self, key: str) -> None:
        load_marker_set(key)  # refuses a set this version does not ship
        self._repository.choose_marker_set(key)

    # -- the self-assessment -------------------------------------------------------------------
    def assessment(self) -> SelfAssessment:
        marker_set = self.marker_set()
        return SelfAssessment.build(
            marker_set,
            self._repository.assessments(marker_set.key),
            self._repository.evidence(marker_set.key),
        )

    def marker(self, number: int) -> MarkerAssessment:
        return self.assessment().of(number)

    @writes(Part.QUALITY)
    def save_marker(self, value: MarkerAssessment) -> None:
        """Store a marker's status and notes (its prompts and evidence are left as they are)."""
        marker_set = self.marker_set()
        marker_set.marker(value.number)
        self._repository.save_marker(marker_set.key, value)

    @writes(Part.QUALITY)
    def save_prompt(self, number: int, key: str, value: PromptAssessment) -> None:
        marker_set = self.marker_set()
        marker_set.marker(number).prompt(key)
        self._repository.save_prompt(marker_set.key, number, key, value)

    @writes(Part.QUALITY)
    def link_evidence(self, link: EvidenceLink) -> EvidenceLink:
        marker_set = self.marker_set()
        marker_set.marker(link.marker)
        return self._repository.add_evidence(marker_set.key, link)

    @writes(Part.QUALITY)
    def unlink_evidence(self, link: EvidenceLink) -> None:
        if link.id is not None:
            self._repository.remove_evidence(link.id)

    # -- evidence the app can see --------------------------------------------------------------
    def evidence_choices(self, number: int) -> list[EvidenceLink]:
        """Things in the review that could be linked as evidence for marker `number`."""
        details = self._details.load()
        found: list[EvidenceLink] = []
        if details.terms_of_reference.strip():
            found.append(terms_of_reference_link(number))
        agencies = self._chronology.agencies()
        names = {a.id: a.name for a in agencies}
        for batch in self._chronology.batches():
            if batch.id is not None:
                found.append(import_link(number, batch, names.get(batch.agency_id, "Agency")))
        for agency in agencies:
            found.append(EvidenceLink(number, EvidenceKind.AGENCY, str(agency.id), agency.name))
        found.append(EvidenceLink(number, EvidenceKind.TIMETABLE, "timetable", "The timetable"))
        found.append(EvidenceLink(number, EvidenceKind.DELAY, "delay-log", "The delay log"))
        for entry in self._chronology.entries():
            if Flag.SIGNIFICANT in entry.flags and entry.id is not None:
                when = entry.date.original or "undated"
                event = entry.event if len(entry.event) <= 60 else entry.event[:57] + "…"
                found.append(
                    EvidenceLink(
                        number,
                        EvidenceKind.CHRONOLOGY_ENTRY,
                        str(entry.id),
                        f"{names.get(entry.agency_id, 'Agency')}, {when}: {event}",
                    )
                )
        for source in self._evidence_sources:
            found.extend(source(number))
        linked = {link.target for link in self.marker(number).evidence}
        return [link for link in found if link.target not in linked]

    def suggestions(self, assessment: SelfAssessment | None = None) -> list[Suggestion]:
        return suggest_evidence(
            assessment or self.assessment(),
            self._details.load(),
            self._chronology.agencies(),
            self._chronology.batches(),
            self._suggestion_sources,
        )

    # -- the dashboard -------------------------------------------------------------------------
    def dashboard(self) -> QualityDashboard:
        assessment = self.assessment()
        suggestions = self.suggestions(assessment)
        rows = dashboard_rows(assessment, suggestions)
        return QualityDashboard(assessment, rows, stage_progress(assessment, rows), suggestions)

    def dashboard_rows(self) -> list[DashboardRow]:
        """One row per marker (for a report appendix: `DashboardRow.cells` are plain text)."""
        return self.dashboard().rows

    def dashboard_text(self) -> list[str]:
        board = self.dashboard()
        return dashboard_text(board.assessment, board.rows)
