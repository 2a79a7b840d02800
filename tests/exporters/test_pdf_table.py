"""The draft PDF's tables, drawn a page of rows at a time (`exporters.pdf_table`, issue 16).

The fast drawing must say exactly what reportlab's own `Table` said for the same rows (the way
the tables were drawn before, kept here as the reference), read both by the gate's reader and
by pypdf, on the same pages; and the appendix must hold every entry's text, in order, under
the header row repeated on every page.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Table as PdfTable

from exporters import contents_pages, pdf_renderer, pdf_table
from exporters.report.pdf_text import pages_text
from exporters.report_model import Column, Heading, Report, Section, Table

COLUMNS = (
    Column("Date", 0.14),
    Column("Agency", 0.18),
    Column("What happened", 0.46),
    Column("Reviewer's comment", 0.22),
)
HEADER = [c.title for c in COLUMNS]
# Letters beyond the first 256 the font's first subset holds, so lines switch subsets.
MANY_LETTERS = "αβγδεζηθικλμνξοπρστυφχψω АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ " * 2 + "".join(
    chr(c) for c in range(0x100, 0x17F)
)


def _rows(count: int) -> tuple[tuple[str, ...], ...]:
    """Synthetic entries: short and long, with every kind of character a PDF string escapes."""
    rows = []
    for n in range(count):
        day = f"{n % 28 + 1} Mar 2021" + (f"\n{n % 24:02d}:15" if n % 3 else "")
        agency = ("Northshire Police", "Northshire Children's Social Care", "School")[n % 3]
        event = f"Entry {n}: home visit (planned) by the “key worker” – £{n}.50 paid; "
        event += "mother said the flat was cold. " * (n % 7) + f"End of entry {n}."
        comment = "" if n % 4 else f"Comment {n} \\ see the strategy discussion.\n\nSecond note."
        rows.append((day, agency, event, comment))
    rows[40] = (
        "1 Jun 2021",
        "Northshire Police",
        "Entry 40: the officer recorded the home conditions at length. " * 120,
        "",
    )
    rows[70] = ("2 Jun 2021", "School", f"Entry 70: {MANY_LETTERS}", "Café, naïve, Łódź")
    return tuple(rows)


def _report(rows: tuple[tuple[str, ...], ...]) -> Report:
    table = Table(COLUMNS, rows, caption="Table A1: the chronology", dense=True, repeat=(0, 1))
    section = Section("appendix", "Appendix A", (Heading("Appendix A", anchor="a"), table))
    return Report(
        title="A review",
        marking="OFFICIAL-SENSITIVE",
        status="DRAFT",
        banner="OFFICIAL-SENSITIVE — DRAFT",
        sections=(section,),
    )


class _ReportlabRows(PdfTable):  # type: ignore[misc]
    """The reference: the same page of rows as reportlab's own `Table` of plain strings, styled
    as the draft's tables were before they were drawn by hand."""

    def __init__(self, table: pdf_table.Layout, first: int, stop: int) -> None:
        indices = [0, *range(first, stop)]
        cells = [
            ["" if isinstance(cell, pdf_table.AtTop) and n != 1 else cell for cell in table.rows[i]]
            for n, i in enumerate(indices)
        ]
        rule = pdf_table.RULE
        commands: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), table.font, table.size, table.leading),
            ("FONT", (0, 0), (-1, 0), table.bold, table.size, table.leading),
            ("BACKGROUND", (0, 0), (-1, 0), pdf_table.HEADER_FILL),
            ("INNERGRID", (0, 0), (-1, -1), 0.4, rule),
        ]
        for n, i in enumerate(indices):
            commands.append(("TOPPADDING", (0, n), (-1, n), table.tops[i]))
            if i in table.joined and n < len(indices) - 1:
                commands.append(("LINEBELOW", (0, n), (-1, n), 0.8, colors.white))
                commands.append(("LINEAFTER", (0, n), (-2, n), 0.4, rule))
        commands += [
            ("BOX", (0, 0), (-1, -1), 0.4, rule),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pdf_table.CELL_PADDING),
        ]
        heights = [table.heights[i] for i in indices]
        super().__init__(cells, colWidths=table.widths, rowHeights=heights)
        self.setStyle(TableStyle(commands))
        self.hAlign = "LEFT"

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []


def _read(data: bytes) -> tuple[list[str], list[str]]:
    """Each page's text as the gate reads it, and as pypdf extracts it."""
    pages = PdfReader(io.BytesIO(data)).pages
    return pages_text(pages), [page.extract_text() for page in pages]


def test_drawn_rows_read_exactly_as_reportlabs_table_of_the_same_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = _report(_rows(260))
    fast = pdf_renderer.pdf_bytes(report)
    monkeypatch.setattr(pdf_table, "Rows", _ReportlabRows)
    slow = pdf_renderer.pdf_bytes(report)
    fast_gate, fast_pypdf = _read(fast)
    slow_gate, slow_pypdf = _read(slow)
    assert len(fast_gate) == len(slow_gate) > 5
    assert fast_gate == slow_gate
    assert fast_pypdf == slow_pypdf
    assert "Łódź" in "".join(fast_gate) and MANY_LETTERS.split()[-1] in "".join(fast_gate)


def _body_lines(page: str) -> list[str]:
    """A page's table text: the lines under its header row (which must be there)."""
    lines = page.split("\n")
    for at in range(len(lines)):
        if lines[at : at + len(HEADER)] == HEADER:
            return lines[at + len(HEADER) :]
    raise AssertionError(f"no header row on the page:\n{page[:400]}")


def test_every_entry_is_there_in_order_under_the_header_on_every_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("the gate's reader gave a page of the table to pypdf")

    rows = _rows(600)
    data = pdf_renderer.pdf_bytes(_report(rows))
    monkeypatch.setattr("pypdf.PageObject.extract_text", refuse)  # read in the fast way only
    pages = pages_text(PdfReader(io.BytesIO(data)).pages)
    read: list[str] = []
    continued = 0
    for page in pages:
        body = _body_lines(page)
        # A long row carried over opens the page with its date and agency, marked "(cont.)".
        marks = [n for n, line in enumerate(body[:8]) if line.endswith("(cont.)")]
        if marks:
            continued += 1
            body = body[marks[-1] + 1 :]
        read.extend(" ".join(body).split())
    expected = [word for row in rows for cell in row for word in cell.split()]
    assert continued >= 2
    assert len(read) == len(expected)
    assert read == expected


def test_a_stream_laid_out_only_takes_the_room_the_drawn_one_takes() -> None:
    report = _report(_rows(400))
    drawn = PdfReader(io.BytesIO(pdf_renderer.pdf_bytes(report)))
    pages = contents_pages.heading_pages(report)
    assert pages == [1]
    room = pdf_renderer._laid_out(report, tables_drawn=False)[1]
    assert room.outline.total_pages == len(drawn.pages)


@pytest.mark.parametrize("dense", [True, False])
def test_rows_counted_only_are_as_high_as_rows_drawn(dense: bool) -> None:
    """Laying out without drawing counts each cell's lines instead of making them: every row
    (and every piece of a long row) must come out exactly as high."""
    rows = list(_rows(300))
    url = "https://example.org/" + "a-very-long-path-segment/" * 12  # wider than any column
    rows[5] = ("3 Jun 2021", url, f"See {url} and then more words after it. " * 3, url)
    rows[6] = ("", "", "A long entry with no date or agency to repeat. " * 90, "")
    rows[7] = ("4 Jun 2021\n09:00", "School", "\n\n".join(["Short paragraph."] * 30), "")
    table = Table(COLUMNS, tuple(rows), dense=dense, repeat=(0, 1))
    font, bold = pdf_renderer.FONT, pdf_renderer.BOLD
    pdf_renderer.register_fonts()
    drawn = pdf_table.layout(table, pdf_renderer.TEXT_WIDTH, font, bold)
    counted = pdf_table.layout(table, pdf_renderer.TEXT_WIDTH, font, bold, drawn=False)
    assert len(drawn.heights) > len(rows) + 1  # long rows were cut into pieces
    assert list(counted.heights) == list(drawn.heights)
    assert list(counted.tops) == list(drawn.tops)
    assert counted.joined == drawn.joined


def test_a_table_without_rows_is_its_header() -> None:
    pages = pages_text(PdfReader(io.BytesIO(pdf_renderer.pdf_bytes(_report(())))).pages)
    assert len(pages) == 1
    assert _body_lines(pages[0]) == [""]
