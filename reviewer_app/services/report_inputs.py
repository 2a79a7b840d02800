"""Gathering what the draft report is built from, out of every part of an open review.

Each part adapts its own objects into the report's plain inputs here, in one place, so the
window's Report page, `reviewer-app export` and `reviewer-app check` always report the same.
"""

from __future__ import annotations

from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.repositories import OpenReview
from reviewer_app.services.quality import QualityService
from reviewer_app.services.report import MarkerAssessmentInput, ReportInputs
from reviewer_app.services.transfer import take_snapshot


def marker_inputs(quality: QualityService) -> tuple[MarkerAssessmentInput, ...]:
    return tuple(
        MarkerAssessmentInput(
            number=row.number,
            title=row.title,
            stage=row.stage_title,
            status=row.status.label,
            evidence=f"{row.evidence} linked" if row.evidence else "",
        )
        for row in quality.dashboard_rows()
    )


def report_inputs(review: OpenReview, quality: QualityService | None = None) -> ReportInputs:
    quality = quality or QualityService(review.quality, review.details, review.chronology)
    return ReportInputs(snapshot=take_snapshot(review), quality_markers=marker_inputs(quality))


def pseudonym_register(review: OpenReview) -> PseudonymRegister:
    """Who and what the anonymisation gate must know about in this review."""
    return PseudonymRegister()
