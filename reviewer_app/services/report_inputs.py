"""Gathering what the draft report is built from, out of every part of an open review.

Each part adapts its own objects into the report's plain inputs here, in one place, so the
window's Report page, `reviewer-app export` and `reviewer-app check` always report the same.
"""

from __future__ import annotations

from reviewer_app.analysis.conversation import Conversation
from reviewer_app.analysis.episode import Episode
from reviewer_app.analysis.finding import Finding
from reviewer_app.analysis.reference import typology
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier, format_uk_date
from reviewer_app.people.model import Person
from reviewer_app.repositories import OpenReview
from reviewer_app.services.learning import learning_note_inputs
from reviewer_app.services.quality import QualityService
from reviewer_app.services.report import (
    ConversationInput,
    EpisodeInput,
    FindingInput,
    MarkerAssessmentInput,
    ReportInputs,
)
from reviewer_app.services.review_parts import analysis_service, people_service, quality_service
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


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t"))


def finding_input(finding: Finding) -> FindingInput:
    categories = {c.key: c.label for c in typology()}
    return FindingInput(
        title=finding.statement,
        category=categories.get(finding.category, finding.category),
        statement=finding.statement,
        how_it_showed=finding.how_it_showed,
        systemic_evidence=finding.systemic_evidence,
        why_it_matters=finding.why_it_matters,
        questions=_lines(finding.board_questions),
        recommendations=_lines(finding.recommendations),
    )


def _period(episode: Episode) -> str:
    if episode.start is None:
        return ""
    end = episode.end or episode.start
    precision = Precision.DAY if end == episode.start else Precision.RANGE
    qualifier = Qualifier.ON if end == episode.start else Qualifier.BETWEEN
    return format_uk_date(FuzzyDate(episode.start, end, precision, qualifier, ""))


def episode_input(episode: Episode) -> EpisodeInput:
    return EpisodeInput(
        title=episode.title,
        period=_period(episode),
        what_happened=episode.narrative,
        perspectives="\n".join(f"{p.who}: {p.view}" for p in episode.perspectives),
        contributory_factors="\n".join(f"{f.kind.label}: {f.text}" for f in episode.factors),
        appraisal=(
            f"{episode.appraisal.label}. {episode.reasoning}".strip()
            if episode.reasoning
            else episode.appraisal.label
        ),
    )


def conversation_input(conversation: Conversation, people: dict[int, Person]) -> ConversationInput:
    who = [people[p].pseudonym for p in conversation.participants if p in people]
    return ConversationInput(
        with_whom=", ".join(who) or conversation.title,
        role=conversation.kind.label,
        held_on=conversation.date,
        notes=conversation.notes,
    )


def report_inputs(review: OpenReview, quality: QualityService | None = None) -> ReportInputs:
    quality = quality or quality_service(review)
    analysis = analysis_service(review)
    people = {p.id: p for p in people_service(review).people() if p.id}
    return ReportInputs(
        snapshot=take_snapshot(review),
        conversations=tuple(conversation_input(c, people) for c in analysis.conversations()),
        episodes=tuple(episode_input(e) for e in analysis.episodes()),
        findings=tuple(finding_input(f) for f in analysis.findings()),
        quality_markers=marker_inputs(quality),
        learning_notes=learning_note_inputs(review.learning_notes.attached()),
    )


def pseudonym_register(review: OpenReview) -> PseudonymRegister:
    """Who and what the anonymisation gate must know about in this review."""
    return people_service(review).pseudonym_register()
