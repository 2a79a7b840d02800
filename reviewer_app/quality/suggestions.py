"""Evidence the app can already see for a marker, and gaps it can see too.

Each suggestion is either an offer (a link the reviewer can accept with one click) or a gap
(something the review lacks that a marker needs). Parts of the review built elsewhere (people,
conversations, findings) add their own through `SuggestionSource` callables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reviewer_app.chronology.entry import Agency
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.quality.assessment import EvidenceKind, EvidenceLink, SelfAssessment
from reviewer_app.review import Review

TERMS_OF_REFERENCE_REF = "terms-of-reference"


@dataclass(frozen=True, slots=True)
class Suggestion:
    marker: int
    message: str
    #: The link to offer; None for a gap, which the reviewer fixes elsewhere in the review.
    link: EvidenceLink | None = None
    #: Which part of the review to open to fix a gap (a workspace section key).
    where: str = ""

    @property
    def is_gap(self) -> bool:
        return self.link is None


#: Another part of the review's suggestions, e.g. family members with no involvement record
#: under marker 12 (`Suggestion(12, "Grandmother has no involvement record yet.", where="people")`).
SuggestionSource = Callable[[], Iterable[Suggestion]]


def terms_of_reference_link(marker: int) -> EvidenceLink:
    return EvidenceLink(
        marker,
        EvidenceKind.TERMS_OF_REFERENCE,
        TERMS_OF_REFERENCE_REF,
        "The review's terms of reference",
    )


def import_link(marker: int, batch: ImportBatch, agency_name: str) -> EvidenceLink:
    return EvidenceLink(
        marker, EvidenceKind.IMPORT, str(batch.id), f"{agency_name}: {batch.file_name}"
    )


def suggest_evidence(
    assessment: SelfAssessment,
    details: Review,
    agencies: Sequence[Agency],
    batches: Sequence[ImportBatch],
    extra: Iterable[SuggestionSource] = (),
) -> list[Suggestion]:
    """Offers and gaps for the markers in `assessment`'s set, skipping links already made."""
    numbers = {m.number for m in assessment.marker_set.markers}
    linked = {(n, link.target) for n, a in assessment.markers.items() for link in a.evidence}
    found: list[Suggestion] = []

    def offer(link: EvidenceLink, message: str) -> None:
        if link.marker in numbers and (link.marker, link.target) not in linked:
            found.append(Suggestion(link.marker, message, link))

    def gap(marker: int, message: str, where: str) -> None:
        if marker in numbers:
            found.append(Suggestion(marker, message, where=where))

    if details.terms_of_reference.strip():
        for number in (5, 6):
            offer(
                terms_of_reference_link(number),
                "The terms of reference are written: link them as evidence.",
            )
    else:
        gap(6, "The terms of reference are empty: write them on the Overview page.", "overview")
        gap(5, "The terms of reference do not yet state the review's purpose.", "overview")
    if details.scope is None:
        gap(6, "The period under review is not recorded.", "overview")

    if not agencies:
        gap(10, "No agencies have been added to the review yet.", "agencies")
    names = {a.id: a.name for a in agencies}
    returned = {b.agency_id for b in batches}
    for agency in agencies:
        if agency.id not in returned:
            gap(10, f"{agency.name}: no chronology or return imported yet.", "agencies")
    for batch in batches:
        if batch.id is not None:
            offer(
                import_link(10, batch, names.get(batch.agency_id, "Agency")),
                "An agency return has been imported: link it as evidence.",
            )
    for source in extra:
        for suggestion in source():
            if suggestion.marker not in numbers:
                continue
            if suggestion.link is not None and (
                (suggestion.marker, suggestion.link.target) in linked
            ):
                continue
            found.append(suggestion)
    found.sort(key=lambda s: (s.marker, not s.is_gap))
    return found
