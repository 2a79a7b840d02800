"""Where a Word document's tables and rows are, and what each cell reads as.

The Word reader takes the rows of each table that is in no other table as the document is
streamed. This document has what agencies' documents have around and inside their tables:
prose, a table in a content control, rows in a content control, a table nested in a cell, text
boxes, merged cells, tabs, tracked changes, and a long table whose rows straddle the chunks the
XML is read in.
"""

from __future__ import annotations

import pytest

from reviewer_app.importers.docx_tables import read_docx
from reviewer_app.importers.limits import Limits
from reviewer_app.importers.tables import TableSource
from tests.reviewer_app.importers import fixtures

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
LONG_ROWS = 3_000


def _p(*texts: str) -> str:
    return "<w:p>" + "".join(f"<w:r><w:t>{text}</w:t></w:r>" for text in texts) + "</w:p>"


def _tc(*content: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{''.join(content)}</w:tc>"


def _tr(*cells: str, props: str = "") -> str:
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def _tbl(*rows: str) -> str:
    return '<w:tbl><w:tblPr><w:tblW w:w="0"/></w:tblPr><w:tblGrid/>' + "".join(rows) + "</w:tbl>"


TEXT_BOX = (
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
    + _p("Box text")
    + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
    + _p("Box text again")
    + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)

CHRONOLOGY = _tbl(
    _tr(_tc(_p("Date")), _tc(_p("Event")), _tc(_p("Outcome"))),
    # a table nested in a cell is part of that cell's text; a merge down starts here
    _tr(
        _tc(_p("05/01/2015")),
        _tc(
            _p("Visit"),
            _tbl(_tr(_tc(_p("inner a")), _tc(_p("inner b")))),
            _p("after"),
        ),
        _tc(_p("NFA"), props='<w:vMerge w:val="restart"/>'),
    ),
    # a tab and a text box in a run; the merged cell continues (its text is the top row's)
    _tr(
        _tc(_p("06/01/2015")),
        _tc(
            "<w:p><w:r><w:t>Call</w:t></w:r><w:r><w:tab/><w:t>logged</w:t></w:r>"
            + TEXT_BOX
            + "</w:p>"
        ),
        _tc(_p("left over"), props="<w:vMerge/>"),
    ),
    # a row in a content control
    "<w:sdt><w:sdtPr/><w:sdtContent>"
    + _tr(_tc(_p("07/01/2015")), _tc(_p("In a ", "content control")), _tc(_p("done")))
    + "</w:sdtContent></w:sdt>",
    # a row moved one column right, and a cell across two columns
    _tr(
        _tc(_p("Moved right")),
        _tc(_p("Spans two"), props='<w:gridSpan w:val="2"/>'),
        props='<w:gridBefore w:val="1"/>',
    ),
    # tracked changes: the insertion read, the deletion not
    _tr(
        _tc(_p("08/01/2015")),
        _tc(
            "<w:p><w:ins w:id='1'><w:r><w:t>Added</w:t></w:r></w:ins><w:del w:id='2'><w:r>"
            "<w:delText>Removed</w:delText></w:r></w:del></w:p>"
        ),
        _tc("<w:p/>"),
    ),
    # several paragraphs, an empty one among them
    _tr(_tc(_p("09/01/2015")), _tc(_p("One"), "<w:p/>", _p("Two")), _tc(_p(" padded "))),
)


def document_xml() -> bytes:
    filler = "".join(_p(f"Paragraph {n} of the report, about the review.") for n in range(6000))
    long_table = _tbl(
        _tr(_tc(_p("Date")), _tc(_p("Event"))),
        *(
            _tr(_tc(_p(f"{1 + n % 28:02d}/02/2016")), _tc(_p(f"Entry {n}")))
            for n in range(LONG_ROWS)
        ),
    )
    body = (
        _p("Northtown Health: chronology (synthetic)")
        + _tbl(_tr(_tc(_p("Version")), _tc(_p("Date"))), _tr(_tc(_p("1")), _tc(_p("01/01/2015"))))
        + filler
        + CHRONOLOGY
        + "<w:sdt><w:sdtContent>"
        + _tbl(_tr(_tc(_p("A")), _tc(_p("B"))))
        + "</w:sdtContent></w:sdt>"
        + long_table
        + filler
        + "<w:sectPr/>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}</w:body></w:document>'
    ).encode()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> TableSource:
    folder = tmp_path_factory.mktemp("structure")
    path = folder / "structure.docx"
    base = fixtures.prose_only_docx(folder).read_bytes()
    fixtures._rewrite_zip(base, path, {"word/document.xml": document_xml()})
    return read_docx(path.read_bytes(), Limits())


def test_every_table_in_no_other_table_is_offered_in_document_order(source: TableSource) -> None:
    assert source.names == ("Table 1", "Table 2", "Table 3", "Table 4")
    assert source.full("Table 1").rows == [(1, ["Version", "Date"]), (2, ["1", "01/01/2015"])]
    assert source.full("Table 3").rows == [(1, ["A", "B"])]


def test_cells_read_as_the_agency_sees_them(source: TableSource) -> None:
    assert source.full("Table 2").rows == [
        (1, ["Date", "Event", "Outcome"]),
        (2, ["05/01/2015", "Visit\ninner a\ninner b\nafter", "NFA"]),
        (3, ["06/01/2015", "Call\tlogged"]),
        (4, ["07/01/2015", "In a content control", "done"]),
        (5, ["", "Moved right", "Spans two"]),
        (6, ["08/01/2015", "Added"]),
        (7, ["09/01/2015", "One\n\nTwo", "padded"]),
    ]
    assert any("tracked changes" in note for note in source.notes)


def test_a_long_table_is_read_whole_across_chunks(source: TableSource) -> None:
    rows = source.full("Table 4").rows
    assert len(rows) == LONG_ROWS + 1
    assert [number for number, _ in rows] == list(range(1, LONG_ROWS + 2))
    assert rows[-1][1] == [f"{1 + (LONG_ROWS - 1) % 28:02d}/02/2016", f"Entry {LONG_ROWS - 1}"]
