"""The learning dataset holds nothing identifying, and the gate blocks it when a text would."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer_app.learning.dataset import (
    AGE_BANDS,
    age_band,
    from_csv,
    from_json,
    read_datasets,
    to_csv,
    to_json,
)
from reviewer_app.paths import AppPaths
from reviewer_app.services.learning import (
    DatasetBlockedError,
    anonymised_dataset,
    dataset_hits,
)
from reviewer_app.services.open_review import ReviewServices
from tests.helpers.reviews import demo_services


@pytest.fixture
def demo_review(tmp_path: Path, app_paths: AppPaths) -> Iterator[ReviewServices]:
    review = demo_services(tmp_path / "demo.review", app_paths, 60)
    yield review
    review.close()


def _identifying(review: ReviewServices) -> list[str]:
    """Every real name part, date of birth (in many shapes), agency name and pseudonym."""
    snapshot = review.snapshot()
    found: set[str] = set()
    for person in snapshot.analysis.people:
        found.update(part for part in person.real_name.split() if len(part) > 2)
        found.add(person.pseudonym)
        if person.date_of_birth:
            d = person.date_of_birth
            found.update({d.isoformat(), d.strftime("%d/%m/%Y"), d.strftime("%d %B %Y")})
    found.update(a.name for a in snapshot.agencies)
    return sorted(found)


@pytest.mark.parametrize(
    ("born", "on", "band"),
    [
        (dt.date(2020, 5, 1), dt.date(2021, 4, 30), "under 1"),
        (dt.date(2020, 5, 1), dt.date(2021, 5, 1), "1–4"),
        (dt.date(2013, 4, 17), dt.date(2016, 2, 29), "1–4"),
        (dt.date(2010, 1, 1), dt.date(2015, 1, 1), "5–10"),
        (dt.date(2000, 1, 1), dt.date(2011, 6, 1), "11–15"),
        (dt.date(2000, 1, 1), dt.date(2017, 12, 31), "16–17"),
        (dt.date(2000, 1, 1), dt.date(2018, 1, 1), "18 or over"),
        (None, dt.date(2018, 1, 1), "unknown"),
    ],
)
def test_age_bands(born: dt.date | None, on: dt.date, band: str) -> None:
    assert age_band(born, on) == band


def test_demo_dataset_holds_nothing_identifying(demo_review: ReviewServices) -> None:
    dataset = demo_review.dataset()
    assert dataset.review_type == "lcspr"
    assert dataset.review_year == 2026
    assert dataset.age_band == "1–4" and dataset.age_band in AGE_BANDS
    assert "police" in dataset.agency_types and "childrens-social-care" in dataset.agency_types
    assert len(dataset.findings) == 4
    assert {f.category for f in dataset.findings} >= {"tools", "human-reasoning"}
    assert all(f.board_questions for f in dataset.findings)
    assert dataset.findings[0].journey_stage == "referral"
    assert dataset.findings[0].agency_types  # evidenced by linked entries
    for text in (to_json(dataset), to_csv(dataset)):
        lowered = text.lower()
        for term in _identifying(demo_review):
            assert term.lower() not in lowered, term
        assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", text)  # no UK dates at all
        assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", text)  # nor ISO ones
    full = demo_review.pseudonym_register()
    assert dataset_hits(dataset, full) == []


def test_the_gate_blocks_a_name_or_date_of_birth_and_says_where(
    demo_review: ReviewServices,
) -> None:
    analysis = demo_review.analysis
    finding = analysis.findings()[1]
    analysis.save_finding(
        finding.with_changes(
            theme="Ashworth family: notifications",
            board_questions="What did agencies know when she was born on 17/04/2013?",
        )
    )
    with pytest.raises(DatasetBlockedError) as caught:
        demo_review.dataset()
    message = str(caught.value)
    assert "Finding 2 — theme" in message
    assert "Finding 2 — question for the board 1" in message
    assert "Ashworth" not in message and "17/04/2013" not in message  # where, never what


def test_full_names_are_pseudonymised_before_the_scan(demo_review: ReviewServices) -> None:
    analysis = demo_review.analysis
    finding = analysis.findings()[0]
    analysis.save_finding(finding.with_changes(theme="Bruising: Priya Nandra's referral"))
    snapshot = demo_review.snapshot()
    dataset = anonymised_dataset(snapshot, demo_review.pseudonym_register())
    assert dataset.findings[0].theme == "Bruising: Health Visitor 1's referral"


def test_json_and_csv_read_back_the_same(demo_review: ReviewServices) -> None:
    dataset = demo_review.dataset()
    assert from_json(to_json(dataset)) == dataset
    assert from_csv(to_csv(dataset)) == [dataset]
    assert read_datasets("\ufeff" + to_csv(dataset), "x.csv") == [dataset]
    listed = json.dumps([json.loads(to_json(dataset))])
    assert read_datasets(listed, "x.json") == [dataset]
    assert demo_review.dataset().dataset_id == dataset.dataset_id  # stable per review
