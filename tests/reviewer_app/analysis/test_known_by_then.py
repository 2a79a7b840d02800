"""The 'known by then' lens on the demo review: later entries and others' private records are
left out; a confirmed shared event (the June 2014 strategy discussion) is let in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer_app.demo import build_demo
from reviewer_app.paths import AppPaths
from reviewer_app.services.transfer import fill_review
from tests.reviewer_app.analysis.workbench import Workbench, make_workbench


@pytest.fixture
def demo(tmp_path: Path, app_paths: AppPaths) -> Iterator[Workbench]:
    made = make_workbench(tmp_path / "demo.review", app_paths)
    fill_review(made.review, build_demo(120), made.people_repo, made.analysis_repo)
    yield made
    made.review.close()


def _agency(bench: Workbench, name: str) -> int:
    found = bench.review.chronology.agency_named(name)
    assert found is not None and found.id is not None
    return found.id


def test_what_police_knew_on_1_july_2014(demo: Workbench) -> None:
    police = _agency(demo, "Northshire Police")
    day = dt.date(2014, 7, 1)
    seen = demo.analysis.known_by_then(day, agency_id=police)
    every = demo.review.chronology.entries()
    assert seen, "the police had records by then"
    assert all(e.date.end is not None and e.date.end <= day for e in seen)  # nothing later
    others = [e for e in seen if e.agency_id != police]
    # the only other agency's record let in is social care's minutes of the shared strategy
    # discussion, confirmed as the same event as the police record of it
    assert [(e.source, e.date.start) for e in others] == [
        ("Strategy discussion minutes", dt.date(2014, 6, 23))
    ]
    # other agencies' private records from before that day stay out: the ED record of the
    # bruise (December 2013) and the GP's letter about it
    private = [e for e in every if e.agency_id != police and e.date.end and e.date.end <= day]
    assert any(e.source == "Emergency department record" for e in private)
    assert not any(e.source == "Emergency department record" for e in seen)
    # the police's own later records (the 2016 incident) are out too
    assert any(e.agency_id == police and e.date.start and e.date.start > day for e in every)
    own_then = [e for e in every if e.agency_id == police and e.date.end and e.date.end <= day]
    assert [e for e in seen if e.agency_id == police] == own_then


def test_before_the_strategy_discussion_nothing_is_shared(demo: Workbench) -> None:
    police = _agency(demo, "Northshire Police")
    seen = demo.analysis.known_by_then(dt.date(2014, 6, 22), agency_id=police)
    assert {e.agency_id for e in seen} == {police}


def test_a_practitioner_sees_their_agencys_view(demo: Workbench) -> None:
    hv1 = next(p for p in demo.people.people() if p.pseudonym == "Health Visitor 1")
    assert hv1.id is not None and hv1.agency_id is not None
    day = dt.date(2014, 1, 31)
    assert demo.analysis.known_by_then(day, person_id=hv1.id) == demo.analysis.known_by_then(
        day, agency_id=hv1.agency_id
    )
    # "approx Spring 2014" (GP) has not ended by 31 January 2014, and is another agency's anyway
    assert all(
        e.date.end and e.date.end <= day for e in demo.analysis.known_by_then(day, person_id=hv1.id)
    )
