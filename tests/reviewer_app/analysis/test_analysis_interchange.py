"""People and the analysis survive the JSON interchange format whole."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from reviewer_app.demo import build_demo
from reviewer_app.errors import InvalidInputError
from reviewer_app.interchange import from_document, to_document
from reviewer_app.paths import AppPaths
from reviewer_app.services.transfer import fill_review, take_snapshot
from tests.reviewer_app.analysis.workbench import make_workbench


def test_round_trip_through_real_review_files_keeps_people_and_analysis(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    first = make_workbench(tmp_path / "one.review", app_paths)
    fill_review(first.review, build_demo(80), first.people_repo, first.analysis_repo)
    document = to_document(take_snapshot(first.review, first.people_repo, first.analysis_repo))
    first.review.close()
    text = json.dumps(document, ensure_ascii=False)

    second = make_workbench(tmp_path / "two.review", app_paths)
    fill_review(second.review, from_document(json.loads(text)), second.people_repo,
                second.analysis_repo)  # fmt: skip
    again = to_document(take_snapshot(second.review, second.people_repo, second.analysis_repo))
    subject_dob = second.review.chronology.subject_date_of_birth()
    register = second.people.pseudonym_register()
    second.review.close()

    assert again == document
    assert len(document["people"]) == 9 and document["people"][0]["pseudonym"] == "Child M"
    assert str(subject_dob) == "2013-04-17"
    assert len(document["conversations"]) == 4
    assert sum(len(c["passages"]) for c in document["conversations"]) == 5
    assert len(document["episodes"]) == 3 and len(document["findings"]) == 4
    assert document["findings"][0]["episodes"] and document["findings"][0]["entries"]
    mother = next(p for p in document["people"] if p["pseudonym"] == "Mother")
    assert len(mother["involvement_log"]) == 6
    assert any(d["agency_report"]["received"] is None for d in document["agency_details"])
    assert {i.text for i in register.identifiers} >= {"Little Acorns Nursery"}


def test_an_older_document_without_these_parts_still_reads() -> None:
    document = to_document(build_demo(40))
    # (and the action plan, newer still, whose actions name findings)
    for key in ("people", "conversations", "episodes", "findings", "agency_details", "action_plan"):
        document.pop(key)
    for entry in document["chronology"]:
        entry.pop("people")
    snapshot = from_document(document)
    assert snapshot.analysis.people == () and snapshot.analysis.findings == ()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["findings"][0].update(episodes=[99]), r"findings\[0\]\.episodes"),
        (lambda d: d["conversations"][0]["passages"][0].update(entries=[99999]), "passages"),
        (lambda d: d["people"][1].update(pseudonym=""), r"people\[1\]"),
        (lambda d: d["episodes"][0].update(appraisal="brilliant"), "allowed values"),
        (lambda d: d["chronology"][0].update(people=[99]), r"chronology\[0\]\.people"),
    ],
)
def test_bad_analysis_parts_are_refused_with_where(change, words: str) -> None:  # type: ignore[no-untyped-def]
    document = copy.deepcopy(to_document(build_demo(40)))
    change(document)
    with pytest.raises(InvalidInputError, match=words):
        from_document(document)
