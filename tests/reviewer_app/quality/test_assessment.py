"""Statuses roll up from prompts; suggestions and the dashboard follow what the review holds."""

from __future__ import annotations

import datetime as dt

from reviewer_app.chronology.entry import Agency
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.quality.assessment import (
    EvidenceKind,
    EvidenceLink,
    MarkerAssessment,
    PromptAssessment,
    SelfAssessment,
    Status,
    overall_status,
)
from reviewer_app.quality.dashboard import (
    NO_EVIDENCE,
    dashboard_rows,
    dashboard_text,
    stage_progress,
)
from reviewer_app.quality.markers import load_marker_set
from reviewer_app.quality.suggestions import Suggestion, suggest_evidence
from reviewer_app.review import Review, ScopePeriod

SET = load_marker_set()


def test_a_marker_rolls_up_from_its_prompts_until_given_its_own_status() -> None:
    marker = SET.marker(3)  # two prompts
    a, b = (p.key for p in marker.prompts)
    blank = MarkerAssessment(3)
    assert overall_status(marker, blank) is Status.NOT_STARTED
    one = MarkerAssessment(3, prompts={a: PromptAssessment(Status.ADDRESSED)})
    assert overall_status(marker, one) is Status.IN_PROGRESS
    both = MarkerAssessment(
        3,
        prompts={a: PromptAssessment(Status.ADDRESSED), b: PromptAssessment(Status.NOT_APPLICABLE)},
    )
    assert overall_status(marker, both) is Status.ADDRESSED
    none_apply = MarkerAssessment(
        3, prompts={k: PromptAssessment(Status.NOT_APPLICABLE) for k in (a, b)}
    )
    assert overall_status(marker, none_apply) is Status.NOT_APPLICABLE
    own = MarkerAssessment(3, Status.IN_PROGRESS, prompts=both.prompts)
    assert overall_status(marker, own) is Status.IN_PROGRESS


def _review(tor: str = "", scope: bool = True) -> Review:
    period = ScopePeriod(dt.date(2020, 1, 1), dt.date(2021, 1, 1)) if scope else None
    return Review("Child Z", terms_of_reference=tor, scope=period)


def test_suggestions_name_gaps_and_offer_what_the_review_holds() -> None:
    agencies = [Agency("Police", id=1), Agency("School", id=2)]
    batches = [ImportBatch(1, "police.xlsx", "xlsx", 10, id=7)]
    empty = SelfAssessment.build(SET, [])
    found = suggest_evidence(empty, _review(scope=False), agencies, batches)
    gaps = [(s.marker, s.message) for s in found if s.is_gap]
    assert (6, "The terms of reference are empty: write them on the Overview page.") in gaps
    assert (6, "The period under review is not recorded.") in gaps
    assert (10, "School: no chronology or return imported yet.") in gaps
    offers = [s.link for s in found if not s.is_gap]
    assert [(o.marker, o.kind, o.ref, o.label) for o in offers if o is not None] == [
        (10, EvidenceKind.IMPORT, "7", "Police: police.xlsx")
    ]

    written = _review(tor="Key lines of enquiry…")
    linked = SelfAssessment.build(
        SET, [], [EvidenceLink(5, EvidenceKind.TERMS_OF_REFERENCE, "terms-of-reference", "ToR")]
    )
    found = suggest_evidence(linked, written, agencies, batches)
    tor_offers = [s.marker for s in found if s.link and s.link.kind == "terms-of-reference"]
    assert tor_offers == [6]  # already linked under 5
    assert not any(s.marker == 6 and s.is_gap for s in found)


def test_other_parts_of_the_review_add_their_own_suggestions() -> None:
    def people() -> list[Suggestion]:
        return [
            Suggestion(12, "Grandmother has no involvement record yet.", where="agencies"),
            Suggestion(99, "A marker this set does not have is ignored."),
        ]

    found = suggest_evidence(SelfAssessment.build(SET, []), _review("ToR"), [], [], [people])
    assert [s.message for s in found if s.marker == 12] == [
        "Grandmother has no involvement record yet."
    ]
    assert not [s for s in found if s.marker == 99]


def test_the_dashboard_counts_by_stage_and_flags_what_needs_attention() -> None:
    recorded = [
        MarkerAssessment(1, Status.ADDRESSED),
        MarkerAssessment(2, Status.NOT_APPLICABLE),
        MarkerAssessment(6, Status.IN_PROGRESS),
        MarkerAssessment(14, Status.ADDRESSED),
    ]
    evidence = [EvidenceLink(14, EvidenceKind.DOCUMENT, "", "Draft v2 read by a colleague")]
    assessment = SelfAssessment.build(SET, recorded, evidence)
    gaps = [Suggestion(10, "Police: no chronology or return imported yet.")]
    rows = dashboard_rows(assessment, gaps)
    by_number = {r.number: r for r in rows}
    assert by_number[1].attention == (NO_EVIDENCE,)
    assert by_number[14].attention == ()
    assert by_number[14].evidence == 1
    assert by_number[10].attention == ("Police: no chronology or return imported yet.",)
    stages = {p.stage.key: p for p in stage_progress(assessment, rows)}
    assert (stages["setting-up"].settled, stages["setting-up"].total) == (2, 5)
    assert stages["running"].in_progress == 1
    assert stages["running"].summary == "0 of 8 settled, 1 in progress, 1 marker needs attention"
    assert stages["outputs"].settled == 1
    text = dashboard_text(assessment, rows)
    assert text[0] == SET.title
    assert "  14. The report: Addressed (prompts 0 of 3, evidence 1)" in text
    assert text[-1] == SET.credit
    assert rows[0].cells[:3] == ("1. Referral", "Setting up the review", "Addressed")
