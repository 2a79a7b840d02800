"""Building a review's learning dataset from its snapshot: only what is safe to share.

Dates become a year and an age band; agencies become their types; people appear nowhere. The
free texts (practice-issue themes, questions for the board) go through `clean` (the
pseudonymiser) here, and the whole dataset is then scanned by the anonymisation gate in
`reviewer_app.services.learning` before anything is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from reviewer_app.analysis.finding import Finding
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.learning.dataset import DatasetFinding, LearningDataset, age_band
from reviewer_app.review import Review

Clean = Callable[[str], str]


def dataset_id_for(details: Review) -> str:
    """Stable for one review (so a re-export replaces the earlier import when collating), and
    derived from nothing a reader could recognise: a hash of the moment the review was made."""
    seed = f"scr-reviewer learning dataset\0{details.created.isoformat()}".encode()
    return hashlib.sha256(seed).hexdigest()[:20]


def _questions(text: str, clean: Clean) -> tuple[str, ...]:
    lines = (line.strip(" -•*\t") for line in text.splitlines())
    return tuple(clean(line) for line in lines if line)


def _finding_agency_types(
    finding: Finding, entry_agency: dict[int, str], episode_entries: dict[int, tuple[int, ...]]
) -> tuple[str, ...]:
    entries = set(finding.entry_ids)
    for episode_id in finding.episode_ids:
        entries.update(episode_entries.get(episode_id, ()))
    return tuple(sorted({entry_agency[e] for e in entries if e in entry_agency}))


def build_dataset(snapshot: ReviewSnapshot, clean: Clean = lambda text: text) -> LearningDataset:
    details = snapshot.details
    part = snapshot.analysis
    born = snapshot.subject_date_of_birth or next(
        (p.date_of_birth for p in part.people if p.is_subject and p.date_of_birth), None
    )
    agency_type = {a.id: a.agency_type.value for a in snapshot.agencies if a.id is not None}
    entry_agency = {
        e.id: agency_type[e.agency_id]
        for e in snapshot.entries
        if e.id is not None and e.agency_id in agency_type
    }
    episode_entries = {e.id: e.entry_ids for e in part.episodes if e.id is not None}
    findings = tuple(
        DatasetFinding(
            number=n,
            category=finding.category,
            theme=clean(finding.theme.strip()),
            journey_stage=finding.journey_stage,
            agency_types=_finding_agency_types(finding, entry_agency, episode_entries),
            board_questions=_questions(finding.board_questions, clean),
        )
        for n, finding in enumerate(part.findings, start=1)
    )
    return LearningDataset(
        dataset_id=dataset_id_for(details),
        review_type=details.review_type.value,
        review_year=details.created.year,
        age_band=age_band(born, details.scope.end if details.scope else None),
        agency_types=tuple(sorted(set(agency_type.values()))),
        findings=findings,
    )
