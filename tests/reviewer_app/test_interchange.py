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
from tests.helpers.reviews import new_review


def test_json_round_trip_through_real_review_files_loses_nothing(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    first = new_review(tmp_path / "one.review", app_paths)
    fill_review(first, build_demo(400))
    document = to_document(take_snapshot(first))
    first.close()
    text = json.dumps(document, ensure_ascii=False)

    second = new_review(tmp_path / "two.review", app_paths, title="placeholder")
    fill_review(second, from_document(json.loads(text)))
    again = to_document(take_snapshot(second))
    second.close()
    assert again == document
    assert len(document["chronology"]) == 400
    entry = document["chronology"][0]
    assert {"agency", "date", "time", "source", "event", "outcome", "comment"} <= set(entry)
    assert set(entry["date"]) == {"start", "end", "precision", "qualifier", "original"}
    assert any("“" in e["event"] for e in document["chronology"])  # curly quotes intact
    # the report's lead reviewer and circulation, and passages marked for the report
    assert document["review"]["lead_reviewer"].startswith("Sam Example")
    assert document["review"]["circulation"]
    marked = [p["use_in_report"] for c in document["conversations"] for p in c["passages"]]
    assert True in marked and False in marked


def _document() -> dict:
    return to_document(build_demo(40))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(format="something-else"), "not an SCR Reviewer review"),
        (lambda d: d.update(format_version=99), "newer than this app"),
        (lambda d: d["chronology"][3].update(source=""), r"chronology\[3\]"),
        (lambda d: d["chronology"][2]["date"].update(start="2015-02-31"), "not a date"),
        (lambda d: d["chronology"][1].update(agency="Nobody"), "not in the list of agencies"),
        (lambda d: d["chronology"][1]["date"].update(precision="fortnight"), "allowed values"),
        (lambda d: d["same_event"][0].update(entries=[1, 99999]), "two ids"),
        (lambda d: d["review"].pop("title"), "review.title"),
    ],
)
def test_bad_documents_are_refused_with_where_and_what(change, words: str) -> None:  # type: ignore[no-untyped-def]
    document = copy.deepcopy(_document())
    change(document)
    with pytest.raises(InvalidInputError, match=words):
        from_document(document)
