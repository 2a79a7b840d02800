"""Creating and opening the built-in demo review.

The demo is the interchange snapshot (`build_demo`) plus the review's own progress
(`build_progress`: timetable dates, delays, the rapid review record and a part-done
quality-marker self-assessment),
which the interchange format does not carry. The progress is added once the snapshot is in the
file, so its evidence links point at the ids the agencies, conversations, episodes and
findings were given there.
"""

from __future__ import annotations

from pathlib import Path

from reviewer_app.demo import (
    DEFAULT_ENTRIES,
    DEMO_PASSPHRASE,
    DemoEvidence,
    DemoProgress,
    build_demo,
    build_progress,
)
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.quality.assessment import EvidenceKind, EvidenceLink
from reviewer_app.quality.suggestions import import_link, terms_of_reference_link
from reviewer_app.repositories import CreatedReview, OpenReview, ReviewFiles
from reviewer_app.services.quality import QualityService
from reviewer_app.services.rapid_review import RapidReviewService
from reviewer_app.services.timetable import TimetableService
from reviewer_app.services.transfer import create_review_from, fill_review


def create_demo(
    files: ReviewFiles,
    path: Path,
    *,
    entries: int = DEFAULT_ENTRIES,
    passphrase: str = DEMO_PASSPHRASE,
) -> CreatedReview:
    return create_review_from(files, path, build_demo(entries), passphrase, fill=fill_demo)


def open_demo(files: ReviewFiles, folder: Path) -> OpenReview:
    """The demo review in `folder`, created on first use; it opens with the public passphrase."""
    path = folder / "demo.review"
    if path.exists():
        return files.open(path, passphrase=DEMO_PASSPHRASE)
    review = create_demo(files, path).review
    review.recovery_code_shown()  # its passphrase is public: there is no code to keep
    return review


def fill_demo(review: OpenReview, snapshot: ReviewSnapshot) -> None:
    """Fill a new, empty review with the demo: the snapshot, then the review's progress."""
    fill_review(review, snapshot)
    add_progress(review, build_progress())


def add_progress(review: OpenReview, progress: DemoProgress) -> None:
    """Record the demo's timetable and self-assessment in a review already holding the demo."""
    timetable = TimetableService(review.timetable, review.details)
    for record in progress.milestones:
        timetable.save_milestone(record)
    for delay in progress.delays:
        timetable.add_delay(delay)
    if not progress.rapid_review.empty:
        RapidReviewService(review.rapid_review).save(progress.rapid_review)
    quality = QualityService(review.quality, review.details, review.chronology)
    links = _EvidenceFinder(review)
    for marker in progress.markers:
        quality.save_marker(marker.assessment)
        for key, prompt in marker.assessment.prompts.items():
            quality.save_prompt(marker.assessment.number, key, prompt)
        for evidence in marker.evidence:
            quality.link_evidence(links.link(marker.assessment.number, evidence))


class _EvidenceFinder:
    """Turns evidence named as in the demo file into links to what the review now holds."""

    def __init__(self, review: OpenReview) -> None:
        chronology, analysis = review.chronology, review.analysis
        self.agencies = {a.name: a for a in chronology.agencies()}
        self.batches = {b.agency_id: b for b in chronology.batches()}
        self.conversations = {c.title: c.id for c in analysis.conversations()}
        self.episodes = {e.title: e.id for e in analysis.episodes()}
        self.findings = {f.statement: f.id for f in analysis.findings()}

    def link(self, marker: int, evidence: DemoEvidence) -> EvidenceLink:
        kind, name = evidence.kind, evidence.name
        if kind == EvidenceKind.TERMS_OF_REFERENCE:
            return terms_of_reference_link(marker)
        if kind == EvidenceKind.TIMETABLE:
            return EvidenceLink(marker, kind, "timetable", "The timetable")
        if kind == EvidenceKind.DELAY:
            return EvidenceLink(marker, kind, "delay-log", "The delay log")
        if kind == EvidenceKind.AGENCY:
            return EvidenceLink(marker, kind, str(self.agencies[name].id), name)
        if kind == EvidenceKind.IMPORT:
            return import_link(marker, self.batches[self.agencies[name].id or 0], name)
        if kind == EvidenceKind.CONVERSATION:
            return EvidenceLink(marker, kind, str(self.conversations[name]), name)
        if kind == EvidenceKind.EPISODE:
            return EvidenceLink(marker, kind, str(self.episodes[name]), name)
        if kind == EvidenceKind.FINDING:
            return EvidenceLink(marker, kind, str(self.findings[name]), name[:80])
        if kind == EvidenceKind.DOCUMENT:
            return EvidenceLink(marker, kind, "", evidence.label)
        raise ValueError(f"the demo names evidence of an unknown kind: {kind}")
