"""The reviewer's corrections in the preview: checked again at once, the agency's text kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app.chronology.dates import Precision
from reviewer_app.chronology.importing import CORRECTED_PREFIX, Field, ImportPreview, ProblemKind
from reviewer_app.importers import preview_file
from reviewer_app.importers.corrections import correct, reapply, with_source_default
from tests.reviewer_app.importers import fixtures


def _preview(tmp_path: Path, rows: list[list[str]], name: str = "agency.csv") -> ImportPreview:
    return preview_file(fixtures.write_csv(tmp_path / name, rows))


def _kinds(preview: ImportPreview, row: int) -> list[ProblemKind]:
    return [p.kind for p in preview.problems if p.row_number == row]


def test_a_corrected_date_is_read_again_and_the_agency_text_kept(tmp_path: Path) -> None:
    preview = _preview(
        tmp_path,
        [
            ["Date", "Source", "Event"],
            ["03/02/2015", "Log 1", "Seen."],
            ["31/02/2015", "Log 2", "Visit."],
        ],
    )
    assert _kinds(preview, 3) == [ProblemKind.IMPOSSIBLE_DATE]
    assert [r.row_number for r in preview.importable] == [2]

    fixed = correct(preview, 3, Field.DATE, "?/02/2015")
    assert _kinds(fixed, 3) == [] and [r.row_number for r in fixed.importable] == [2, 3]
    row = fixed.rows[1]
    assert row.date is not None and row.date.precision is Precision.MONTH
    assert row.original == (
        ("Date", "31/02/2015"),
        ("Source", "Log 2"),
        ("Event", "Visit."),
        (f"{CORRECTED_PREFIX}Date", "?/02/2015"),
    )
    assert fixed.corrections == {3: {Field.DATE: "?/02/2015"}}
    assert preview.rows[1].date is None  # the earlier preview is unchanged

    still_bad = correct(fixed, 3, Field.DATE, "30/02/2015")
    assert _kinds(still_bad, 3) == [ProblemKind.IMPOSSIBLE_DATE]
    undone = correct(still_bad, 3, Field.DATE, "31/02/2015")
    assert undone.corrections == {} and undone.rows[1].original == preview.rows[1].original
    assert undone.problems == preview.problems


def test_an_empty_row_given_an_event_comes_in_undated(tmp_path: Path) -> None:
    preview = _preview(
        tmp_path, [["Date", "Source", "Event"], ["03/02/2015", "Log 1", "Seen."], ["", "Log 2", ""]]
    )
    assert _kinds(preview, 3) == [ProblemKind.NO_DATE_OR_EVENT]
    fixed = correct(preview, 3, Field.EVENT, "Phone call to school.")
    assert _kinds(fixed, 3) == [ProblemKind.MISSING_DATE]  # a warning: it comes in
    row = fixed.rows[1]
    assert row.event == "Phone call to school."
    assert row.date is not None and row.date.precision is Precision.UNKNOWN
    assert len(fixed.importable) == 2
    with pytest.raises(ValueError, match="cannot be corrected"):
        correct(preview, 3, Field.PRACTITIONER, "PC 1")


def test_the_batch_source_and_corrections_survive_a_fresh_reading(tmp_path: Path) -> None:
    preview = _preview(
        tmp_path,
        [["Date", "Setting", "What happened"], ["03/02/2015", "Nursery", "Seen."], ["x", "", "Y"]],
        name="school.csv",
    )
    assert not preview.source_column
    assert [r.source for r in preview.rows] == ["school.csv, row 2", "school.csv, row 3"]
    named = with_source_default(preview, "  School file ")
    assert [r.source for r in named.rows] == ["School file", "School file"]
    source_fixed = correct(named, 2, Field.SOURCE, "Welfare log")
    assert source_fixed.rows[0].source == "Welfare log" and not source_fixed.rows[0].source_made
    both = correct(source_fixed, 3, Field.DATE, "late 2014")
    assert both.importable == both.rows

    again = reapply(preview_file(tmp_path / "school.csv"), both)
    assert again.rows == both.rows and again.problems == both.problems
    assert again.corrections == both.corrections and again.source_default == "School file"
