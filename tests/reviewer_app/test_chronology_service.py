from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.importing import (
    DraftEntry,
    Field,
    ImportPreview,
    ProblemKind,
    RowProblem,
)
from reviewer_app.chronology.same_event import word_diff
from reviewer_app.demo import build_demo
from reviewer_app.errors import InvalidInputError
from reviewer_app.paths import AppPaths
from reviewer_app.services.chronology import ChronologyService
from reviewer_app.services.transfer import fill_review
from storage.library import StoredReview
from tests.helpers.reviews import new_review


@pytest.fixture
def demo(tmp_path: Path, app_paths: AppPaths) -> StoredReview:
    review = new_review(tmp_path / "demo.review", app_paths)
    fill_review(review, build_demo())
    yield review
    review.close()


def _preview(rows: list[DraftEntry], problems: tuple[RowProblem, ...] = ()) -> ImportPreview:
    return ImportPreview(
        file_name="police.csv",
        file_format="csv",
        sheet=None,
        sheets=(),
        header_row=3,
        headers=("Date", "Source", "Details"),
        mapping={0: Field.DATE, 1: Field.SOURCE, 2: Field.EVENT},
        rows=tuple(rows),
        problems=problems,
    )


def test_commit_import_sequences_same_day_rows_and_leaves_out_problem_rows(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    review = new_review(tmp_path / "i.review", app_paths)
    service = ChronologyService(review.chronology)
    agency = service.ensure_agency("Police")
    rows = [
        DraftEntry(4, parse_uk_date("03/02/2015"), "Log 1", "First that day"),
        DraftEntry(5, parse_uk_date("03/02/2015"), "Log 2", "Second that day"),
        DraftEntry(6, None, "", ""),
        DraftEntry(7, parse_uk_date("04/02/2015"), "Log 3", "Next day"),
    ]
    problems = (RowProblem(6, ProblemKind.NO_DATE_OR_EVENT, "row 6: no date and no event"),)
    result = service.commit_import(_preview(rows, problems), agency)
    assert (result.imported, result.left_out) == (3, 1)
    stored = service.entries()
    assert [(e.event, e.sequence, e.provenance.row_number) for e in stored] == [
        ("First that day", 0, 4),
        ("Second that day", 1, 5),
        ("Next day", 0, 7),
    ]
    assert all(e.provenance.batch_id == result.batch.id for e in stored)
    with pytest.raises(InvalidInputError, match="every row has a problem"):
        service.commit_import(_preview([rows[2]], problems), agency)
    review.close()


def test_same_event_suggestions_find_the_strategy_discussion(demo: StoredReview) -> None:
    service = ChronologyService(demo.chronology)
    suggestions = service.suggest_same_events()
    entries = {e.id: e for e in service.entries()}
    pairs = {frozenset((entries[s.entry_a].source, entries[s.entry_b].source)) for s in suggestions}
    assert frozenset({"Health visiting case notes", "Strategy discussion minutes"}) in pairs
    for s in suggestions:  # never within one agency, always overlapping dates
        a, b = entries[s.entry_a], entries[s.entry_b]
        assert a.agency_id != b.agency_id and a.date.overlaps(b.date)
    # the demo's confirmed pair is not suggested again
    merged = service.merged_events()
    assert len(merged) == 1
    confirmed = {e.id for e in merged[0].entries}
    assert all({s.entry_a, s.entry_b} != confirmed for s in suggestions)


def test_confirming_joins_versions_without_overwriting_and_names_differences(
    demo: StoredReview,
) -> None:
    service = ChronologyService(demo.chronology)
    before = {e.id: e for e in service.entries()}
    merged = service.merged_events()[0]
    hv = next(
        s
        for s in service.suggest_same_events()
        if "Health visiting case notes" in {before[s.entry_a].source, before[s.entry_b].source}
        and before[s.entry_a].date.start == merged.entries[0].date.start
    )
    service.confirm_same_event(hv.entry_a, hv.entry_b, hv.score)
    merged = service.merged_events()
    assert len(merged) == 1 and len(merged[0].entries) == 3  # chains join into one event
    assert "event" in merged[0].differing and "source" in merged[0].differing
    assert {e.id: e for e in service.entries()} == before  # nothing overwritten
    linked = service.linked_entries(merged[0].entries[0].id or 0)
    assert len(linked) == 2


def test_dismissed_pairs_are_not_suggested_again(demo: StoredReview) -> None:
    service = ChronologyService(demo.chronology)
    first = service.suggest_same_events()[0]
    service.dismiss_same_event(first.entry_a, first.entry_b)
    assert all(
        {s.entry_a, s.entry_b} != {first.entry_a, first.entry_b}
        for s in service.suggest_same_events()
    )


def test_same_agency_cannot_be_linked(demo: StoredReview) -> None:
    service = ChronologyService(demo.chronology)
    entries = service.entries()
    a = entries[0]
    b = next(e for e in entries[1:] if e.agency_id == a.agency_id)
    with pytest.raises(InvalidInputError, match="same agency"):
        service.confirm_same_event(a.id or 0, b.id or 0)


def test_word_diff_marks_what_differs() -> None:
    diff = word_diff("Strategy discussion held with police", "Strategy discussion with health")
    assert diff.runs == (
        ("Strategy discussion", False),
        ("held", True),
        ("with", False),
        ("police", True),
    )


def test_child_age_uses_the_recorded_date_of_birth(demo: StoredReview) -> None:
    service = ChronologyService(demo.chronology)
    assert service.child_age(parse_uk_date("02/12/2013")) == "7 months"


def test_a_cancelled_import_leaves_no_new_agency_behind(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    from reviewer_app.errors import OperationCancelled

    review = new_review(tmp_path / "c.review", app_paths)
    service = ChronologyService(review.chronology)
    rows = [DraftEntry(4, parse_uk_date("03/02/2015"), "Log 1", "Visit")]

    def cancel(done: int, total: int) -> None:
        raise OperationCancelled("Import cancelled; nothing was imported.")

    with pytest.raises(OperationCancelled):
        service.import_for_agency(_preview(rows), "Brand New Agency", progress=cancel)
    assert service.agencies() == []
    agency, result = service.import_for_agency(_preview(rows), "Brand New Agency")
    assert result.imported == 1 and [a.name for a in service.agencies()] == [agency.name]
    with pytest.raises(OperationCancelled):  # an agency that was there already stays
        service.import_for_agency(_preview(rows), "brand new agency", progress=cancel)
    assert len(service.agencies()) == 1
    review.close()


def test_entries_of_one_agency_alone_cannot_be_linked_by_hand(demo: StoredReview) -> None:
    service = ChronologyService(demo.chronology)
    entries = service.entries()
    first = entries[0]
    same = [e.id or 0 for e in entries if e.agency_id == first.agency_id][:3]
    before = service.repository.same_event_decisions()
    with pytest.raises(InvalidInputError, match="at least two agencies"):
        service.link_as_same_event(same)
    with pytest.raises(InvalidInputError, match="at least two agencies"):
        service.link_as_same_event([first.id or 0])
    assert service.repository.same_event_decisions() == before
    other = next(e for e in entries if e.agency_id != first.agency_id)
    assert service.link_as_same_event([*same, other.id or 0]) == 3
    assert {e.id for e in service.linked_entries(first.id or 0)} == {*same[1:], other.id}


def test_a_dated_row_with_no_event_is_left_out_and_the_rest_of_the_file_comes_in(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    """It was said to come in "without a description", but every entry needs one (the
    file's own check too): the whole import then failed. Now it is left out, and said."""
    from reviewer_app.importers import preview_file

    agency_file = tmp_path / "gp.csv"
    agency_file.write_text(
        "Date,Source,Event\n01/02/2015,GP record,Seen by GP\n02/02/2015,GP record,\n",
        encoding="utf-8",
    )
    preview = preview_file(agency_file)
    (problem,) = preview.problems
    assert problem.kind is ProblemKind.MISSING_EVENT and problem.blocking
    assert problem.message.startswith("row 3: no description of what happened")
    review = new_review(tmp_path / "e.review", app_paths)
    try:
        service = ChronologyService(review.chronology)
        _, result = service.import_for_agency(preview, "GP surgery")
        assert (result.imported, result.left_out) == (1, 1)
        assert [e.event for e in service.entries()] == ["Seen by GP"]
    finally:
        review.close()
