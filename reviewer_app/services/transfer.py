"""Whole-review transfer: a snapshot of an open review, and filling a new review from one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reviewer_app.chronology.entry import Agency, Provenance
from reviewer_app.chronology.repository import SameEventDecision
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.repositories import CreatedReview, OpenReview, ReviewFiles


def take_snapshot(review: OpenReview) -> ReviewSnapshot:
    chronology = review.chronology
    return ReviewSnapshot(
        details=review.details.load(),
        agencies=tuple(chronology.agencies()),
        batches=tuple(chronology.batches()),
        entries=tuple(chronology.entries()),
        same_event=tuple(chronology.same_event_decisions()),
        subject_date_of_birth=chronology.subject_date_of_birth(),
    )


def fill_review(review: OpenReview, snapshot: ReviewSnapshot) -> None:
    """Copy a snapshot into a newly created, empty review, giving everything new ids."""
    chronology = review.chronology
    review.details.save(snapshot.details)
    agency_ids: dict[int | None, int | None] = {}
    for agency in snapshot.agencies:
        agency_ids[agency.id] = chronology.add_agency(Agency(agency.name, agency.agency_type)).id
    batch_ids: dict[int | None, int | None] = {None: None}
    for batch in snapshot.batches:
        stored = chronology.add_batch(
            replace(batch, agency_id=agency_ids[batch.agency_id] or 0, id=None),
            [],
        )
        batch_ids[batch.id] = stored.id
    entries = sorted(snapshot.entries, key=lambda e: e.sort_key)
    new_ids = chronology.add_many(
        [
            e.with_changes(
                id=None,
                agency_id=agency_ids[e.agency_id],
                provenance=Provenance(
                    batch_ids[e.provenance.batch_id], e.provenance.row_number, e.provenance.original
                ),
                people=(),
            )
            for e in entries
        ]
    )
    entry_ids = {e.id: new for e, new in zip(entries, new_ids, strict=True)}
    for decision in snapshot.same_event:
        chronology.decide_same_event(
            SameEventDecision(
                entry_ids[decision.entry_a],
                entry_ids[decision.entry_b],
                decision.status,
                decision.score,
            )
        )
    if snapshot.subject_date_of_birth is not None:
        chronology.set_subject_date_of_birth(snapshot.subject_date_of_birth)


def create_review_from(
    files: ReviewFiles,
    path: Path,
    snapshot: ReviewSnapshot,
    passphrase: str,
    *,
    remember: bool = False,
) -> CreatedReview:
    """A new review file at `path` holding the snapshot. If filling it fails, the half-made
    file is removed again, so a failed import never leaves a review that looks complete."""
    created = files.create(path, snapshot.details, passphrase, remember=remember)
    try:
        fill_review(created.review, snapshot)
    except BaseException:
        created.review.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    return created
