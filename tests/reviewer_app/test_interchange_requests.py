"""Chronology requests in the JSON interchange: kept whole, and absent from older documents."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from reviewer_app.chronology.requests import ChronologyRequest
from reviewer_app.demo import build_demo
from reviewer_app.interchange import from_document, to_document
from reviewer_app.paths import AppPaths
from reviewer_app.services.transfer import fill_review, take_snapshot
from tests.helpers.reviews import new_review


def test_requests_round_trip_through_real_review_files(tmp_path: Path, app_paths: AppPaths) -> None:
    first = new_review(tmp_path / "one.review", app_paths)
    fill_review(first, build_demo(60))
    agencies = first.chronology.agencies()
    [batch, *_] = first.chronology.batches()
    assert agencies[0].id is not None and agencies[1].id is not None and batch.id is not None
    first.requests.add_request(
        ChronologyRequest(agencies[0].id, "CR-AAAA-BBBB", dt.date(2026, 3, 2), dt.date(2026, 4, 1))
    )
    first.requests.add_request(
        ChronologyRequest(agencies[1].id, "CR-CCCC-DDDD", dt.date(2026, 3, 2))
    )
    first.requests.mark_received("CR-AAAA-BBBB", batch.id, dt.date(2026, 3, 20))
    document = to_document(take_snapshot(first))
    first.close()
    assert [q["reference"] for q in document["chronology_requests"]] == [
        "CR-AAAA-BBBB",
        "CR-CCCC-DDDD",
    ]
    received = document["chronology_requests"][0]
    assert received["received_on"] == "2026-03-20" and received["received_batch"] is not None

    second = new_review(tmp_path / "two.review", app_paths, title="placeholder")
    fill_review(second, from_document(json.loads(json.dumps(document))))
    again = to_document(take_snapshot(second))
    second.close()
    assert again == document


def test_a_document_from_before_requests_reads_with_none() -> None:
    document = to_document(build_demo(40))
    del document["chronology_requests"]
    assert from_document(document).requests == ()
