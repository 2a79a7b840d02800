"""Building draft entries from any cell values a spreadsheet can hold."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.chronology.importing import Field
from reviewer_app.importers.rows import build_rows
from reviewer_app.importers.tables import Cell, Row

CELLS = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.timedeltas(),
)
HEADERS = ("Date", "Time", "Source", "Event")
MAPPING = {0: Field.DATE, 1: Field.TIME, 2: Field.SOURCE, 3: Field.EVENT}


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(st.lists(CELLS, max_size=5), max_size=8))
def test_any_cell_values_give_entries_or_problems(cells: list[list[Cell]]) -> None:
    body: list[Row] = [(number, row) for number, row in enumerate(cells, start=2)]
    built = build_rows(body, HEADERS, MAPPING)
    numbers = {entry.row_number for entry in built.rows}
    assert len(built.rows) + built.skipped <= len(body)
    assert {problem.row_number for problem in built.problems} <= numbers
    for entry in built.rows:
        assert entry.date is not None or any(
            p.row_number == entry.row_number and p.blocking for p in built.problems
        )


def test_rows_are_read_once_as_a_stream_and_trailing_blank_rows_are_not_counted() -> None:
    """The preview streams the table into `build_rows`: a one-pass iterator is enough, blank
    rows between entries count as passed over, and the unused rest of a sheet does not."""
    rows: list[Row] = [
        (2, ["03/02/2015", "", "Case note", "Visit"]),
        (3, []),
        (4, ["", "", "", ""]),
        (5, ["", "", "", "more text for row 4?"]),
        (6, ["04/02/2015", "", "Case note", "Clinic"]),
        (7, ["", "", "", "and the rest of row 6"]),
        (8, []),
        (9, [None, None]),
    ]
    built = build_rows(iter(rows), HEADERS, MAPPING)
    assert [entry.row_number for entry in built.rows] == [2, 5, 6, 7]
    assert built.skipped == 2  # rows 3 and 4; rows 8 and 9 are the sheet's unused rest
    split = [p for p in built.problems if p.row_number == 7]
    assert len(split) == 1 and "more text for row 6" in split[0].message
    assert not any("row 3" in p.message for p in built.problems if p.row_number == 5)
