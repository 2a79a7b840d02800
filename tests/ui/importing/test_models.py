"""The wizard's table models and wording, without a window."""

from __future__ import annotations

import datetime as dt
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.importing import (
    DraftEntry,
    Field,
    ImportPreview,
    ProblemKind,
    RowProblem,
)
from reviewer_app.chronology.repository import ImportBatch
from ui.importing.models import ObjectRole, PreviewRowsModel, ProblemsModel
from ui.importing.wording import batch_label, column_name, counts_text

MAPPING = {0: Field.DATE, 1: Field.SOURCE, 2: Field.EVENT, 3: Field.OUTCOME}
HEADERS = ("Date", "Source", "Details", "Outcome")


def draft(row: int, date_text: str, event: str = "Visit.", source: str = "Case note") -> DraftEntry:
    try:
        date = parse_uk_date(date_text)
    except ValueError:
        date = None
    return DraftEntry(
        row_number=row,
        date=date,
        source=source,
        event=event,
        outcome="NFA",
        original=((HEADERS[0], date_text), (HEADERS[1], source), (HEADERS[2], event)),
    )


def preview(rows: list[DraftEntry], problems: list[RowProblem], skipped: int = 0) -> ImportPreview:
    return ImportPreview(
        file_name="csc.csv",
        file_format="csv",
        sheet=None,
        sheets=(),
        header_row=1,
        headers=HEADERS,
        mapping=MAPPING,
        rows=tuple(rows),
        problems=tuple(problems),
        skipped_rows=skipped,
    )


def test_rows_show_dates_both_ways_and_mark_problems_in_words(qapp: QApplication) -> None:
    problems = [
        RowProblem(3, ProblemKind.IMPOSSIBLE_DATE, "row 3: date '31/02/2015' does not exist."),
        RowProblem(4, ProblemKind.OUT_OF_ORDER, "row 4: earlier than row 3."),
    ]
    rows = [
        draft(2, "approx 03/2015", event="Home visit.\nChild M seen alone."),
        draft(3, "31/02/2015"),
        draft(4, "01/01/2015"),
    ]
    model = PreviewRowsModel(preview(rows, problems))
    text = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(3)]
    assert text[0] == ["2", "", "c. Mar 2015", "approx 03/2015", "Case note",
                       "Home visit. Child M seen alone.", "NFA"]  # fmt: skip
    assert text[1][:4] == ["3", "Left out", "not readable", "31/02/2015"]
    assert text[2][:2] == ["4", "Check"]
    decoration = Qt.ItemDataRole.DecorationRole
    assert model.data(model.index(0, PreviewRowsModel.STATUS), decoration) is None
    assert model.data(model.index(1, PreviewRowsModel.STATUS), decoration) is not None
    assert model.is_left_out(1) and not model.is_left_out(2)
    tip = model.data(model.index(1, PreviewRowsModel.STATUS), Qt.ItemDataRole.ToolTipRole)
    assert tip == "row 3: date '31/02/2015' does not exist."
    assert model.data(model.index(0, 0), ObjectRole) is rows[0]


def test_ten_thousand_rows_open_at_once() -> None:
    start = dt.date(2010, 1, 1)
    rows = [draft(n + 2, f"{start + dt.timedelta(days=n // 4):%d/%m/%Y}") for n in range(10_000)]
    problems = [
        RowProblem(n, ProblemKind.MISSING_SOURCE, f"row {n}: no source.")
        for n in range(2, 10_002, 7)
    ]
    built = preview(rows, problems)
    began = time.perf_counter()
    model = PreviewRowsModel(built)
    for row in range(0, 10_000, 250):  # what a view asks for while scrolling
        for column in range(model.columnCount()):
            model.data(model.index(row, column))
    assert time.perf_counter() - began < 0.5
    assert model.rowCount() == 10_000


def test_problems_are_in_row_order_and_say_what_happens(qapp: QApplication) -> None:
    problems = [
        RowProblem(9, ProblemKind.OUT_OF_ORDER, "row 9: the date is earlier than row 8."),
        RowProblem(5, ProblemKind.NO_DATE_OR_EVENT, "row 5: no event was given."),
    ]
    model = ProblemsModel(preview([draft(5, "01/01/2015"), draft(9, "01/01/2014")], problems))
    shown = [[model.data(model.index(r, c)) for c in range(3)] for r in range(2)]
    assert shown == [
        ["5", "Left out: must be corrected", "No event was given."],
        ["9", "Imported: please check", "The date is earlier than row 8."],
    ]
    assert model.is_blocking(0) and not model.is_blocking(1)
    decoration = Qt.ItemDataRole.DecorationRole
    assert model.data(model.index(0, ProblemsModel.KIND), decoration) is not None


def test_counts_read_naturally() -> None:
    one = preview(
        [draft(2, "01/01/2015"), draft(3, "31/02/2015")],
        [RowProblem(3, ProblemKind.IMPOSSIBLE_DATE, "row 3: no such date.")],
        skipped=1,
    )
    assert counts_text(one) == (
        "2 rows read, 1 can be imported, 1 has problems (1 will be left out), "
        "1 title or blank row skipped."
    )
    clean = preview([draft(2, "01/01/2015")], [])
    assert counts_text(clean) == (
        "1 row read, 1 can be imported, 0 have problems, 0 title or blank rows skipped."
    )


def test_batches_and_columns_are_named_as_the_reviewer_knows_them() -> None:
    batch = ImportBatch(
        agency_id=1,
        file_name="police.xlsx",
        file_format="xlsx",
        row_count=12,
        left_out=2,
        imported_at=dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC),
    )
    label = batch_label(batch)
    assert label.startswith("police.xlsx, imported 04/03/2026 at ")
    assert label.endswith("(10 entries)")
    assert column_name(2, "  Details of\ncontact ") == "Details of contact"
    assert column_name(4, "") == "Column 5 (no heading)"
