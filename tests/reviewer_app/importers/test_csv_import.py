"""Importing CSV chronologies: encodings, delimiters, multi-line cells, odd rows."""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer_app.chronology.dates import Precision
from reviewer_app.chronology.importing import Field, ImportPreview, ProblemKind
from reviewer_app.importers import ImportRefusedError, Limits, preview_file
from tests.reviewer_app.importers import fixtures


def test_windows_1252_with_semicolons_keeps_the_pound_sign(tmp_path: Path) -> None:
    path = fixtures.windows_csv(tmp_path)
    assert "\u00a3".encode("cp1252") in path.read_bytes()  # really Windows-1252 on disk
    preview = preview_file(path)
    assert preview.file_format == "csv"
    assert preview.sheet is None
    assert preview.rows[0].event == "Mother spent \u00a340 on a cot; \u201cgood\u201d."
    assert preview.rows[1].event == "Caf\u00e9 meeting \u2013 Child M unwell."
    assert any("Windows-1252" in note for note in preview.notes)
    assert any("semicolons" in note for note in preview.notes)
    assert [row.row_number for row in preview.rows] == [2, 3, 4]
    third = preview.rows[2].date
    assert third is not None and third.precision is Precision.MONTH
    assert preview.problems == ()


def test_utf8_with_a_byte_order_mark_and_tabs(tmp_path: Path) -> None:
    preview = preview_file(fixtures.bom_tab_csv(tmp_path))
    assert preview.headers[0] == "When"  # no stray byte-order mark on the first heading
    assert preview.mapping == {
        0: Field.DATE,
        1: Field.SOURCE,
        2: Field.PRACTITIONER,
        3: Field.EVENT,
        4: Field.OUTCOME,
    }
    assert preview.rows[0].event == "Child M said \u201cI\u2019m hungry\u201d."
    assert any("byte-order mark" in note for note in preview.notes)
    assert any("tabs" in note for note in preview.notes)


def test_quoted_multi_line_cells_keep_line_numbers_true(tmp_path: Path) -> None:
    preview = preview_file(fixtures.multiline_csv(tmp_path))
    assert [row.row_number for row in preview.rows] == [2, 5, 6, 9]
    assert preview.rows[0].event == "Visit.\nChild M seen.\nHome warm."
    assert preview.rows[2].event == "Strategy meeting:\nall agencies"  # \r\n normalised
    assert preview.skipped_rows == 1  # the spacer row of empty cells


def test_mapping_override_changes_the_event_column(tmp_path: Path) -> None:
    path = fixtures.mapping_csv(tmp_path)
    automatic = preview_file(path)
    assert automatic.mapping[2] is Field.EVENT and automatic.mapping[3] is Field.IGNORE
    assert automatic.rows[0].event == "Long narrative of the visit."
    assert any("Columns not imported: 'Summary'" in note for note in automatic.notes)

    chosen = preview_file(path, mapping={0: Field.DATE, 1: Field.SOURCE, 3: Field.EVENT})
    assert chosen.mapping == {0: Field.DATE, 1: Field.SOURCE, 2: Field.IGNORE, 3: Field.EVENT}
    assert chosen.rows[0].event == "Visit to Child M"
    assert chosen.rows[0].original == automatic.rows[0].original


def test_two_columns_may_feed_one_text_field(tmp_path: Path) -> None:
    path = fixtures.mapping_csv(tmp_path)
    both = preview_file(
        path, mapping={0: Field.DATE, 1: Field.SOURCE, 2: Field.EVENT, 3: Field.EVENT}
    )
    assert both.rows[0].event == "Long narrative of the visit.\nVisit to Child M"


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({1: Field.SOURCE, 2: Field.EVENT}, "No column is set as the date"),
        ({0: Field.DATE, 1: Field.DATE}, "More than one column is set as the date"),
        ({0: Field.DATE, 9: Field.EVENT}, "has 4 columns"),
    ],
)
def test_a_mapping_that_cannot_work_is_refused(
    tmp_path: Path, mapping: dict[int, Field], message: str
) -> None:
    with pytest.raises(ImportRefusedError, match=message):
        preview_file(fixtures.mapping_csv(tmp_path), mapping=mapping)


def _preview(tmp_path: Path, rows: list[list[str]]) -> ImportPreview:
    return preview_file(fixtures.write_csv(tmp_path / "rows.csv", rows))


def test_a_split_row_is_reported_not_merged(tmp_path: Path) -> None:
    preview = _preview(
        tmp_path,
        [
            ["Date", "Source", "Event"],
            ["05/01/2015", "Case note", "Visit to Child M; Mother said she"],
            ["", "", "would ask the GP about the rash."],
            ["06/01/2015", "Case note", "Call to GP."],
        ],
    )
    assert [row.event for row in preview.rows] == [
        "Visit to Child M; Mother said she",
        "would ask the GP about the rash.",
        "Call to GP.",
    ]
    (problem,) = preview.problems
    assert problem.row_number == 3 and problem.blocking
    assert "looks like more text for row 2" in problem.message


def test_missing_date_event_and_source_are_each_reported(tmp_path: Path) -> None:
    preview = _preview(
        tmp_path,
        [
            ["Date", "Source", "Event"],
            ["", "Case note", "Visit."],
            ["06/01/2015", "Case note", ""],
            ["07/01/2015", "", "Call."],
            ["Smarch 2015", "Case note", "Meeting."],
        ],
    )
    assert [(p.row_number, p.kind) for p in preview.problems] == [
        (2, ProblemKind.MISSING_DATE),
        (3, ProblemKind.MISSING_EVENT),
        (4, ProblemKind.MISSING_SOURCE),
        (5, ProblemKind.UNREADABLE_DATE),
    ]
    assert preview.problems[3].message.startswith("row 5: date 'Smarch 2015' ")
    # No date or no source is said and the row comes in (the date unknown, the source the
    # file's); a date with no event and an unreadable date keep their rows out (every entry
    # needs a description, which the file cannot give).
    assert [row.row_number for row in preview.importable] == [2, 4]
    assert preview.problems[1].blocking and "left out" in preview.problems[1].message
    assert preview.rows[0].date is not None and preview.rows[0].date.start is None
    made = preview.rows[2]
    assert made.source_made and made.source == f"{preview.file_name}, row 4"


def test_times_from_a_time_column_and_their_problems(tmp_path: Path) -> None:
    preview = _preview(
        tmp_path,
        [
            ["Date", "Time", "Source", "Event"],
            ["05/01/2015", "1430", "Log 1", "Call."],
            ["06/01/2015", "25:00", "Log 2", "Call."],
            ["Feb 2015", "09:00", "Log 3", "Call."],
            ["07/02/2015 10:00", "11:15", "Log 4", "Call."],
            ["08/02/2015", "n/k", "Log 5", "Call."],
        ],
    )
    times = [row.date.time if row.date else None for row in preview.rows]
    assert times == [datetime.time(14, 30), None, None, datetime.time(11, 15), None]
    assert [(p.row_number, p.kind) for p in preview.problems] == [
        (3, ProblemKind.BAD_TIME),
        (4, ProblemKind.BAD_TIME),
        (5, ProblemKind.BAD_TIME),
    ]
    assert all(not p.blocking for p in preview.problems)
    assert len(preview.importable) == 5


def test_same_day_times_going_backwards_are_pointed_out(tmp_path: Path) -> None:
    preview = _preview(
        tmp_path,
        [
            ["Date", "Time", "Source", "Event"],
            ["05/01/2015", "14:00", "Log 1", "Call."],
            ["05/01/2015", "09:00", "Log 2", "Visit."],
            ["Jan 2015", "", "Log 3", "Overlaps the day above, so not out of order."],
        ],
    )
    assert [(p.row_number, p.kind) for p in preview.problems] == [(3, ProblemKind.OUT_OF_ORDER)]


def test_unknown_dates_are_honest_not_problems(tmp_path: Path) -> None:
    preview = _preview(
        tmp_path, [["Date", "Source", "Event"], ["not known", "Case note", "Visit."]]
    )
    assert preview.problems == ()
    assert preview.rows[0].date is not None
    assert preview.rows[0].date.precision is Precision.UNKNOWN


def test_headers_repeated_in_a_csv_are_skipped(tmp_path: Path) -> None:
    preview = _preview(
        tmp_path,
        [
            ["Date", "Source", "Event"],
            ["05/01/2015", "Case note", "Visit."],
            ["DATE", "source:", "Event"],
            ["06/01/2015", "Case note", "Call."],
        ],
    )
    assert [row.row_number for row in preview.rows] == [2, 4]
    assert preview.skipped_rows == 1


def test_a_missing_closing_quote_is_pointed_out(tmp_path: Path) -> None:
    text = 'Date,Source,Event\n05/01/2015,Case note,"Visit.\n' + "more text\n" * 60
    path = tmp_path / "quote.csv"
    path.write_text(text, encoding="utf-8")
    preview = preview_file(path)
    assert any("quotation mark may be missing" in note for note in preview.notes)


def test_more_columns_than_the_limit_are_cut_with_a_note(tmp_path: Path) -> None:
    rows = [["Date", "Source", "Event", *[f"Extra {n}" for n in range(10)]]]
    rows.append(["05/01/2015", "Case note", "Visit.", *["x"] * 10])
    path = fixtures.write_csv(tmp_path / "wide.csv", rows)
    preview = preview_file(path, limits=Limits(max_columns=5))
    assert len(preview.headers) == 5
    assert any("beyond column 5" in note for note in preview.notes)


CELL = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["Date", "Source", "Event", "03/02/2015", "31/02/2015", "w/c 12/01/2015", "", "\u00a3"]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(CELL, max_size=6), max_size=12),
    with_header=st.booleans(),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_any_csv_either_previews_or_is_refused(
    rows: list[list[str]], with_header: bool, delimiter: str, encoding: str
) -> None:
    if with_header:
        rows = [["Date", "Time", "Source", "Event"], *rows]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.csv"
        path.write_bytes(buffer.getvalue().encode(encoding, errors="surrogatepass"))
        try:
            preview = preview_file(path)
        except ImportRefusedError as refused:
            assert str(refused)
            return
    assert all(row.row_number >= 1 for row in preview.rows)
    assert {p.row_number for p in preview.problems} <= {row.row_number for row in preview.rows}
