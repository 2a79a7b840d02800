"""Importing a chronology table from a Word document."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from reviewer_app.chronology.importing import Field, ProblemKind
from reviewer_app.importers import ImportRefusedError, preview_file
from tests.reviewer_app.importers import fixtures


@pytest.fixture
def document(tmp_path: Path) -> Path:
    return fixtures.chronology_docx(tmp_path)


def test_the_chronology_table_is_found_among_prose_and_other_tables(document: Path) -> None:
    preview = preview_file(document)
    assert preview.file_format == "docx"
    assert preview.sheets == ("Table 1", "Table 2")  # the document-control table is passed by
    assert preview.sheet == "Table 2"
    assert preview.header_row == 1
    assert preview.headers == tuple(fixtures.DOCX_HEADINGS)
    assert preview.mapping == {
        0: Field.DATE,
        1: Field.SOURCE,
        2: Field.PRACTITIONER,
        3: Field.EVENT,
        4: Field.OUTCOME,
    }


def test_rows_are_table_rows_with_repeated_header_and_blank_rows_skipped(document: Path) -> None:
    preview = preview_file(document)
    assert [row.row_number for row in preview.rows] == [2, 3, 5, 7]
    assert preview.skipped_rows == 2


def test_cell_paragraphs_and_line_breaks_become_new_lines(document: Path) -> None:
    rows = {row.row_number: row for row in preview_file(document).rows}
    assert rows[3].event == (
        "Developmental review at home.\nChild M seen with Mother.\n"
        "Home cluttered \u2013 Mother said \u201cwe\u2019re managing\u201d."
    )
    assert rows[7].event == "Missed appointment.\nSecond attempt planned."


def test_a_merged_cell_gives_its_text_once(document: Path) -> None:
    rows = {row.row_number: row for row in preview_file(document).rows}
    assert rows[5].event == "Weighed: 6.2kg; growth on the 9th centile."
    assert rows[5].outcome == ""
    assert rows[5].original[3:] == (
        ("Summary", "Weighed: 6.2kg; growth on the 9th centile."),
        ("Outcome", ""),
    )


def test_dates_and_problems_in_a_word_table(document: Path) -> None:
    preview = preview_file(document)
    rows = {row.row_number: row for row in preview.rows}
    first = rows[2].date
    assert first is not None and first.start == datetime.date(2015, 2, 10)
    late = rows[7].date
    assert late is not None
    assert (late.start, late.end) == (datetime.date(2015, 6, 21), datetime.date(2015, 6, 30))
    assert [(p.row_number, p.kind) for p in preview.problems] == [(7, ProblemKind.MISSING_SOURCE)]


def test_another_table_can_be_chosen(document: Path) -> None:
    preview = preview_file(document, sheet="Table 1", mapping={1: Field.DATE, 2: Field.EVENT})
    assert preview.sheet == "Table 1"
    assert preview.headers == ("Version", "Date", "Author")
    assert [row.event for row in preview.rows] == ["HV lead"]
    with pytest.raises(ImportRefusedError, match="no table called 'Table 3'"):
        preview_file(document, sheet="Table 3")


def test_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    preview = preview_file(fixtures.tracked_changes_docx(tmp_path))
    assert preview.rows[0].event == "Visit completed"
    assert any("tracked changes" in note for note in preview.notes)
