"""The page each heading lands on, as the PDF of the same report lays it out: the page numbers
the DOCX contents shows (Word's Update Field recomputes them as usual).

The PDF's own flowables are laid out (`pdf_renderer.story`, its tables as the room they take:
each cell's lines counted, not made, `pdf_table.layout(drawn=False)`) but nothing is drawn,
not even the page furniture, and no file is written. So a 50,000-row appendix costs counting
its rows' lines and one split per page
(tests/exporters/test_docx_at_size.py compares the pages with the PDF's own bookmarks).
"""

from __future__ import annotations

import io

from exporters import pdf_renderer
from exporters.report_model import Report


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
    doc.build(pdf_renderer.story(report, tables_drawn=False))
    return [doc.outline.pages.get(key) for key in pdf_renderer.heading_keys(report)]
