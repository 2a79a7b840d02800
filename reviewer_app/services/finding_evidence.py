"""Published reviews as evidence that a finding is systemic: search the library, link passages.

The library (the reviewer's learning library file) is searched; a linked passage is *copied*
into the review file (`PublishedEvidenceRepository`), so the review stays complete when handed
on without the library. The finding page shows how many other reviews found the same: the
reports linked, and (when the library is open) how many published reviews carry the theme.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.analysis.finding import Finding
from reviewer_app.analysis.published_evidence import (
    PublishedEvidence,
    PublishedEvidenceRepository,
    distinct_reports,
)
from reviewer_app.errors import InvalidInputError
from reviewer_app.learning.themes import theme_key
from reviewer_app.published.repository import SearchHit
from reviewer_app.services.changes import ChangeBus, Part, writes
from reviewer_app.services.published import PublishedLibrary


@dataclass(frozen=True, slots=True)
class OthersFound:
    """How many other reviews found the same as a finding."""

    linked: int  # published reviews linked to the finding (each report once)
    with_theme: int | None  # published reviews in the library with the finding's theme;
    # None: the library is not open, or the finding has no theme

    @property
    def text(self) -> str:
        if self.linked:
            linked = f"{self.linked} published review{'s' if self.linked != 1 else ''} linked"
        else:
            linked = "No published reviews linked yet"
        if self.with_theme is None:
            return linked + "."
        noun = "review carries" if self.with_theme == 1 else "reviews carry"
        return f"{linked}; {self.with_theme} published {noun} this theme in your library."


def theme_count(library: PublishedLibrary, theme: str) -> int | None:
    """How many published reviews carry `theme` (matched by its key, as collation does)."""
    key = theme_key(theme) if theme.strip() else ""
    if not key:
        return None
    return sum(n for t, n in library.theme_counts().items() if theme_key(t) == key)


def evidence_from_hit(
    library: PublishedLibrary, finding_id: int, hit: SearchHit
) -> PublishedEvidence:
    """The copy to keep in the review: the report's details and the whole passage's text."""
    report = library.report(hit.report_id, with_passages=True)
    text = next((p.text for p in report.passages if p.id == hit.passage_id), "")
    if not text.strip():
        raise InvalidInputError(
            "That passage is no longer in your library of published reviews: search again."
        )
    return PublishedEvidence(
        finding_id=finding_id,
        title=report.title,
        passage=text,
        year=report.year,
        partnership=report.partnership,
        review_type=report.review_type,
        page=hit.page,
        section=hit.section.value,
        library_report_id=hit.report_id,
        library_passage_id=hit.passage_id,
    )


class FindingEvidenceService:
    def __init__(
        self, repository: PublishedEvidenceRepository, changes: ChangeBus | None = None
    ) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository

    def evidence(self) -> list[PublishedEvidence]:
        return self._repository.evidence()

    def evidence_for(self, finding_id: int | None) -> list[PublishedEvidence]:
        return [e for e in self.evidence() if e.finding_id == finding_id]

    def others_found(
        self, finding: Finding, library: PublishedLibrary | None = None
    ) -> OthersFound:
        linked = len(distinct_reports(self.evidence_for(finding.id)))
        with_theme = theme_count(library, finding.theme) if library is not None else None
        return OthersFound(linked, with_theme)

    @writes(Part.ANALYSIS)
    def link(self, evidence: PublishedEvidence) -> PublishedEvidence:
        """Keep a copy of the passage with the finding. Linking the same passage again keeps
        the copy there is."""
        for e in self.evidence_for(evidence.finding_id):
            same_passage = (
                evidence.library_passage_id is not None
                and e.library_passage_id == evidence.library_passage_id
            )
            if same_passage or (
                e.report_key == evidence.report_key and e.passage == evidence.passage
            ):
                return e
        return self._repository.save(evidence.with_changes(id=None))

    @writes(Part.ANALYSIS)
    def unlink(self, evidence: PublishedEvidence) -> PublishedEvidence:
        """Remove the link; returns it so the removal can be undone (`put_back`)."""
        if evidence.id is None or all(e.id != evidence.id for e in self.evidence()):
            raise InvalidInputError("That published review is no longer linked to the finding.")
        self._repository.remove(evidence.id)
        return evidence

    @writes(Part.ANALYSIS)
    def put_back(self, evidence: PublishedEvidence) -> PublishedEvidence:
        return self._repository.save(evidence)

    def report_inputs(self) -> tuple[PublishedEvidence, ...]:
        """The links for the report, in the order linked."""
        return tuple(self.evidence())


__all__ = [
    "FindingEvidenceService",
    "OthersFound",
    "evidence_from_hit",
    "theme_count",
]
