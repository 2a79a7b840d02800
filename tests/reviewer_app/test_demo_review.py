"""The demo review is complete on first open: besides its chronology, people and analysis it
has a timetable kept to date and a self-assessment part done (issue 12). Synthetic data only."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from reviewer_app.demo import DEMO_PASSPHRASE
from reviewer_app.paths import AppPaths
from reviewer_app.quality.assessment import EvidenceKind, Status
from reviewer_app.services.demo_review import create_demo, open_demo
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.timetable.rapid_review import Answer, Decision
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import State
from reviewer_app.wiring import open_services
from tests.helpers.reviews import review_files
from tests.helpers.secrets_watch import register


@pytest.fixture
def demo(tmp_path: Path, app_paths: AppPaths) -> Iterator[ReviewServices]:
    created = create_demo(review_files(app_paths), tmp_path / "demo.review", entries=40)
    register(created.recovery_code)
    services = open_services(created.review)
    yield services
    services.close()


def _last_day_of_the_story_so_far() -> dt.date:
    """The latest date the demo's people and analysis record (the family's feedback)."""
    text = resources.files("resources").joinpath("demo/review.json").read_text("utf-8")
    log = json.loads(text)["analysis"]["involvement_log"]
    return max(dt.date.fromisoformat(row[2]) for row in log if row[2])


def test_the_demo_timetable_has_its_milestones_dated(demo: ReviewServices) -> None:
    schedule = {s.kind: s for s in demo.timetable.schedule()}
    created = demo.details.load().details.created.date()
    done = [s.done_on for s in demo.timetable.schedule() if s.done_on is not None]
    assert len(done) >= 8
    assert done == sorted(done)  # in the order the milestones come
    assert schedule[MilestoneKind.BECAME_AWARE].done_on == min(done) < created
    assert schedule[MilestoneKind.NOTIFICATION].state is State.DONE
    assert schedule[MilestoneKind.NOTIFICATION].done_on <= schedule[MilestoneKind.NOTIFICATION].due
    assert schedule[MilestoneKind.RAPID_REVIEW].done_on <= schedule[MilestoneKind.RAPID_REVIEW].due
    assert schedule[MilestoneKind.DECISION].done_on == schedule[MilestoneKind.RAPID_REVIEW].done_on
    assert schedule[MilestoneKind.TERMS_OF_REFERENCE].done_on == created
    assert max(done) <= _last_day_of_the_story_so_far()
    assert schedule[MilestoneKind.FINAL_REPORT].state is not State.DONE  # still to come
    delays = demo.timetable.delays()
    assert delays and all(d.board_told for d in delays)
    assert all(d.recorded_on >= created for d in delays)


def test_the_demo_self_assessment_is_part_done_with_notes_and_evidence(
    demo: ReviewServices,
) -> None:
    assessment = demo.quality.assessment()
    numbers = [m.number for m in assessment.marker_set.markers]
    statuses = {n: assessment.status(n) for n in numbers}
    assert sum(s is Status.ADDRESSED for s in statuses.values()) >= 4
    assert sum(s is Status.IN_PROGRESS for s in statuses.values()) >= 4
    assert sum(s is Status.NOT_STARTED for s in statuses.values()) >= 4  # work still to do
    for number, status in statuses.items():
        if status is not Status.NOT_STARTED:
            marker = assessment.of(number)
            assert marker.notes.strip() and marker.evidence, f"marker {number}"

    # Every link points at something the review holds, under the id it has in this file.
    analysis = demo.analysis
    held = {
        EvidenceKind.CONVERSATION: {str(c.id) for c in analysis.conversations()},
        EvidenceKind.EPISODE: {str(e.id) for e in analysis.episodes()},
        EvidenceKind.FINDING: {str(f.id) for f in analysis.findings()},
        EvidenceKind.IMPORT: {str(b.id) for b in demo.chronology.batches()},
        EvidenceKind.AGENCY: {str(a.id) for a in demo.chronology.agencies()},
    }
    links = [link for m in assessment.markers.values() for link in m.evidence]
    kinds = {link.kind for link in links}
    assert {EvidenceKind.CONVERSATION, EvidenceKind.IMPORT, EvidenceKind.TIMETABLE} <= kinds
    for link in links:
        assert link.ref in held.get(link.kind, {link.ref}), link
    # The dashboard and the readiness check read it without trouble.
    assert len(demo.quality.dashboard_rows()) == len(numbers)
    assert demo.readiness().problems


def test_opening_the_demo_again_keeps_its_progress(tmp_path: Path, app_paths: AppPaths) -> None:
    files = review_files(app_paths)
    first = open_demo(files, tmp_path)
    first.close()
    again = open_services(files.open(tmp_path / "demo.review", passphrase=DEMO_PASSPHRASE))
    try:
        assert any(s.done_on for s in again.timetable.schedule())
        assert again.quality.assessment().status(1) is Status.ADDRESSED
    finally:
        again.close()


def test_the_demo_has_its_rapid_review_sent_to_the_panel(demo: ReviewServices) -> None:
    record = demo.rapid_review.record()
    assert record.missing() == []
    assert record.decision is Decision.LCSPR and record.criteria_met is Answer.YES
    rapid = {s.kind: s for s in demo.timetable.schedule()}[MilestoneKind.RAPID_REVIEW]
    assert record.sent_to_panel == rapid.done_on
