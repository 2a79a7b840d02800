"""Services over real encrypted reviews: the demo as it ships, and a completed review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from reviewer_app.demo import build_demo
from reviewer_app.quality.assessment import EvidenceKind, EvidenceLink, MarkerAssessment, Status
from reviewer_app.services.quality import QualityService
from reviewer_app.services.timetable import TimetableService
from reviewer_app.services.transfer import fill_review
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import MilestoneRecord
from storage.library import StoredReview
from storage.quality_repository import SqlQuality
from storage.timetable_repository import SqlTimetable

TODAY = dt.date(2026, 5, 20)


@dataclass
class Services:
    review: StoredReview
    quality: QualityService
    timetable: TimetableService


def services(review: StoredReview, today: dt.date = TODAY) -> Services:
    quality = QualityService(
        SqlQuality(lambda: review.file.engine), review.details, review.chronology
    )
    timetable = TimetableService(
        SqlTimetable(lambda: review.file.engine), review.details, today=lambda: today
    )
    return Services(review, quality, timetable)


def demo(review: StoredReview, entries: int = 300) -> Services:
    fill_review(review, build_demo(entries))
    return services(review)


def complete(found: Services) -> Services:
    """The demo with every pre-panel marker addressed with evidence and its timetable kept."""
    quality, timetable = found.quality, found.timetable
    for marker in quality.marker_set().markers:
        quality.save_marker(MarkerAssessment(marker.number, Status.ADDRESSED, "Discussed at panel"))
        quality.link_evidence(
            EvidenceLink(
                marker.number, EvidenceKind.DOCUMENT, "", f"Panel minutes, marker {marker.number}"
            )
        )
    done = {
        MilestoneKind.BECAME_AWARE: dt.date(2026, 1, 12),
        MilestoneKind.NOTIFICATION: dt.date(2026, 1, 15),
        MilestoneKind.RAPID_REVIEW: dt.date(2026, 1, 30),
        MilestoneKind.DECISION: dt.date(2026, 1, 30),
        MilestoneKind.TERMS_OF_REFERENCE: dt.date(2026, 3, 2),
        MilestoneKind.AGENCY_RETURNS: dt.date(2026, 4, 1),
        MilestoneKind.CONVERSATIONS: dt.date(2026, 4, 28),
        MilestoneKind.FIRST_DRAFT: dt.date(2026, 5, 18),
    }
    for kind, day in done.items():
        timetable.save_milestone(MilestoneRecord(kind, done_on=day))
    drafts = found.review.drafts  # every comment on the last draft answered
    for comment in drafts.comments():
        if not comment.answered:
            drafts.update_comment(replace(comment, response="Answered at the panel."))
    return found
