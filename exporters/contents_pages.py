"""The page each heading lands on, as the PDF of the same report lays it out: the page numbers
the DOCX contents shows (Word's Update Field recomputes them as usual).

The PDF's own flowables are laid out (`pdf_renderer.story`) but nothing is drawn and no file is
written: a short table stands in as the room it takes (`tables_drawn=False`), and a long one
(handed to reportlab a page at a time, `pdf_renderer._TableStream`) splits exactly as it does
in the PDF, page by page, into spacers of its pieces' heights instead of tables. So a
50,000-row appendix costs its rows' wrapping and one split per page, not the drawing of every
cell and the writing of a PDF nobody reads (tests/exporters/test_docx_at_size.py compares
the pages with the PDF's own bookmarks).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

from exporters import pdf_renderer
from exporters.report_model import Report


def table_height(heights: Sequence[float]) -> float:
    """The height reportlab gives a table of rows `heights` (its compensated sum, added from
    the last row up, as `Table._calc_height` does), so a spacer is exactly the table's height."""
    height = carry = 0.0
    for row in reversed(heights):
        y = row - carry
        total = height + y
        carry = (total - height) - y
        height = total
    return height


def _as_room(flowable: Flowable) -> Flowable:
    """A long table as the room its pieces take, split where the PDF splits it."""
    if not isinstance(flowable, pdf_renderer._TableStream):
        return flowable
    heights, width = flowable._heights, flowable._width

    def piece(first: int, stop: int) -> Flowable:
        return Spacer(width, table_height([heights[0], *heights[first:stop]]))

    return pdf_renderer._TableStream(piece, heights, width)


def _nothing(*_args: object) -> None:
    return None


def heading_pages(report: Report) -> list[int | None]:
    """The page of each heading when the report is laid out as a PDF, in the order of
    `Report.headings` (None for one not laid out)."""
    pdf_renderer.register_fonts()
    doc = pdf_renderer._Document(io.BytesIO(), report)
    doc._doSave = 0  # laid out only: the canvas is never written
    for template in doc.pageTemplates:  # nor the marking, watermark and page number drawn
        template.onPage = _nothing  # (outside the frame: they move nothing on the page)
    doc.build([_as_room(f) for f in pdf_renderer.story(report, tables_drawn=False)])
    return [doc.outline.pages.get(key) for key in pdf_renderer.heading_keys(report)]
