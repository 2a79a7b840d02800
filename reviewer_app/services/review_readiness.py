"""The readiness check of one open review, wired from every part that can report problems.

The window's Quality markers page and `reviewer-app check` both call `review_readiness`, so they
always agree.
"""

from __future__ import annotations

from collections.abc import Iterable

from reviewer_app.repositories import OpenReview
from reviewer_app.services.quality import QualityService
from reviewer_app.services.readiness import (
    Guidance,
    ProblemSource,
    ReadinessReport,
    check_readiness,
    next_steps,
)
from reviewer_app.services.review_parts import part_problems, quality_service, timetable_service
from reviewer_app.services.timetable import TimetableService


def review_readiness(
    review: OpenReview,
    quality: QualityService | None = None,
    timetable: TimetableService | None = None,
    extra: Iterable[ProblemSource] = (),
) -> ReadinessReport:
    return check_readiness(
        review.details,
        review.chronology,
        quality or quality_service(review),
        timetable or timetable_service(review),
        [*part_problems(review), *extra],
    )


def review_next_steps(
    review: OpenReview,
    quality: QualityService | None = None,
    timetable: TimetableService | None = None,
    extra: Iterable[ProblemSource] = (),
) -> Guidance:
    return next_steps(
        review.details,
        review.chronology,
        quality or quality_service(review),
        timetable or timetable_service(review),
        [*part_problems(review), *extra],
    )
