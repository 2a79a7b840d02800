"""Reading a Word document (.docx): every table in it is a candidate; prose is passed over.

Agencies often write a chronology as a Word table between paragraphs of explanation. The main
document part is streamed (`xml_parts.children`, which never resolves entities), handing over
each table's rows as they are complete, and each row's XML is walked directly, because the text
of a cell must come out exactly as the agency sees it:

* several paragraphs in a cell are joined with new lines;
* a cell merged across columns gives its text once, at its first column, not in every column
  it covers; a cell merged down rows keeps its text in the top row only;
* text inserted with track changes is included and deleted text left out, so the table reads
  as if every change were accepted (and a note says so);
* text boxes and the fallback copies Word keeps for older versions are skipped, so nothing is
  read twice.

A table is any `w:tbl` not inside another table (a table nested in a cell is part of that
cell's text). Row numbers are the table's own rows, counted from 1 with the header row
included. Only the rows' text is kept: a row's XML, and prose between tables, is let go as soon
as it has been read, so memory follows the text of the tables, not the size of the XML.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.formats import damaged
from reviewer_app.importers.limits import Limits, check_row_count
from reviewer_app.importers.tables import (
    Cell,
    RawTable,
    Row,
    TableSource,
    TextCache,
    columns_cut_note,
    fit_row,
    is_blank,
    normalise_text,
)
from reviewer_app.importers.xlsx_tables import DAMAGED_ERRORS
from reviewer_app.importers.xml_parts import OFFICE_DOCUMENT, Package, children

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
TBL, TR, TC, P = f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}p"
DOCUMENT = f"{_W}document"
_VAL = f"{_W}val"
# Parts of a paragraph whose text is not the visible text of the cell.
_SKIP_IN_PARAGRAPH = frozenset(
    {
        f"{_W}del",
        f"{_W}moveFrom",
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}txbxContent",
        f"{_MC}Fallback",
        f"{_W}fldData",
    }
)
_TRACKED = (f"{_W}ins", f"{_W}del", f"{_W}moveFrom", f"{_W}moveTo")
_T, _TAB, _NO_BREAK_HYPHEN = f"{_W}t", f"{_W}tab", f"{_W}noBreakHyphen"
_BREAKS = (f"{_W}br", f"{_W}cr")
_TC_PR, _TR_PR = f"{_W}tcPr", f"{_W}trPr"
_GRID_SPAN, _V_MERGE, _GRID_BEFORE = f"{_W}gridSpan", f"{_W}vMerge", f"{_W}gridBefore"
# What makes a row more than plain cells of paragraphs of w:t (see `_plain_row_cells`).
_SPECIAL = (
    *_SKIP_IN_PARAGRAPH - {f"{_W}pPr", f"{_W}rPr"},
    f"{_W}tab",
    f"{_W}br",
    f"{_W}cr",
    f"{_W}noBreakHyphen",
    f"{_W}tcPrChange",  # holds the old gridSpan / vMerge of a tracked change
    f"{_W}trPrChange",
    TBL,
)
_INSERTED = (f"{_W}ins", f"{_W}moveTo")  # tracked changes the plain path reads as accepted
# What the plain path reads (see `_plain_row_cells`), and what sends a row to the general one.
_PLAIN_TAGS = (TC, P, _T, _GRID_SPAN, _V_MERGE, _GRID_BEFORE, *_INSERTED, *_SPECIAL)
# Property elements, which never hold cells or paragraphs.
_PROPERTIES = frozenset(
    f"{_W}{name}" for name in ("tcPr", "trPr", "tblPr", "tblPrEx", "tblGrid", "pPr", "rPr")
)
_NOT_ROWS = _PROPERTIES | {TBL}  # where a table's rows are not: a nested table has its own
# The content type python-docx (and Word) accept as a document: not a template, not macros.
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def read_docx(data: bytes, limits: Limits) -> TableSource:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            tables, notes = _read_document(Package(archive), limits)
    except ImportRefusedError:
        raise
    except DAMAGED_ERRORS as error:
        raise damaged("a Word document") from error
    if not tables:
        raise ImportRefusedError(
            "The Word document has no table in it. A chronology needs to be a table with one "
            "row for each event; ask the agency for it as a table in Word or as an Excel sheet."
        )
    return TableSource("docx", tables, notes)


def main_part(package: Package) -> str:
    main = package.related("", OFFICE_DOCUMENT)
    if main is None or package.content_type(main) != _DOCUMENT_TYPE:
        raise damaged("a Word document")
    return main


def _read_document(package: Package, limits: Limits) -> tuple[list[RawTable], list[str]]:
    tables: list[RawTable] = []
    notes: list[str] = []
    tracked = False
    texts = TextCache()
    rows: list[Row] = []  # of the table being read
    counted = 0
    cut = False
    with package.open(main_part(package)) as stream:
        # The rows of each table that is in no other table (a nested table is part of its
        # cell's text), handed over as they are complete.
        for _, child in children(stream, TBL, DOCUMENT):
            name = f"Table {len(tables) + 1}"
            if child is None:  # the table has ended
                tables.append(RawTable(name, rows))
                if cut:
                    notes.append(columns_cut_note(name, limits))
                rows, counted, cut = [], 0, False
                continue
            if child.tag == TR:
                found: Iterable[Any] = (child,)
            else:  # the table's properties, or rows in a content control
                tracked = tracked or _has_tracked_changes(child)
                found = _find(child, TR, _NOT_ROWS)
            for tr in found:
                cells, row_tracked = _row_cells(tr, texts)
                tracked = tracked or row_tracked
                row, row_cut = fit_row(cells, limits, f"{name} of the document")
                cut = cut or row_cut
                # fit_row left no empty cell at the end: only a row cut short can be blank
                if row and not (row_cut and is_blank(row)):
                    counted += 1
                    check_row_count(counted, limits, name)
                rows.append((len(rows) + 1, row))
    if tracked:
        notes.append(
            "The document has tracked changes; its tables were read as if every change had "
            "been accepted."
        )
    return tables, notes


def _find(element: Any, tag: str, skip: frozenset[str] = _PROPERTIES) -> Iterator[Any]:
    """Descendants with `tag`, without looking inside the ones found (so no nested tables).

    Property elements (`w:tcPr`, `w:pPr`, ...) hold no cells or paragraphs: not searched,
    nor anything else in `skip`."""
    for child in element:
        child_tag = child.tag
        if child_tag == tag:
            yield child
        elif isinstance(child_tag, str) and child_tag not in skip:
            yield from _find(child, tag, skip)


def _child(element: Any, tag: str) -> Any:
    """The first child with `tag` (as `find`, without parsing a path on every call)."""
    for child in element:
        if child.tag == tag:
            return child
    return None


def _row_cells(tr: Any, texts: TextCache) -> tuple[list[Cell], bool]:
    """A row's cells, and whether it has tracked changes."""
    plain = _plain_row_cells(tr, texts)
    if plain is not None:
        return plain
    return _general_row_cells(tr, texts), _has_tracked_changes(tr)


def _general_row_cells(tr: Any, texts: TextCache) -> list[Cell]:
    cells: list[Cell] = [""] * _grid_before(tr)
    for tc in _find(tr, TC):
        span, continued = 1, False
        props = _child(tc, _TC_PR)
        if props is not None:
            for prop in props:
                if prop.tag == _GRID_SPAN:
                    span = min(max(_number(prop, 1), 1), 1000)
                elif prop.tag == _V_MERGE:
                    continued = prop.get(_VAL, "continue") == "continue"
        # a cell merged down keeps its text in the top row, where the merge starts
        cells.append("" if continued else texts.keep(_cell_text(tc)))
        if span > 1:
            cells.extend([""] * (span - 1))
    return cells


def _plain_row_cells(tr: Any, texts: TextCache) -> tuple[list[Cell], bool] | None:
    """`_row_cells` for a row of plain cells (most rows), in one pass over the elements that
    matter, found by lxml in C; None for a row that is not plain. With no nested table, text
    box, deletion, tab, break or tracked property change in the row, this reads exactly what
    `_general_row_cells` reads."""
    contents: list[list[str]] = []  # each cell's texts, a new line between paragraphs
    spans: list[int] = []
    merged: list[bool] = []  # whether each cell continues a merge down
    parts: list[str] | None = None  # of the cell being read
    before = 0
    tracked = False
    for element in tr.iter(*_PLAIN_TAGS):
        tag = element.tag
        if tag == _T:
            if parts is not None:
                parts.append(element.text or "")
        elif tag == P:
            if parts:  # a new line between paragraphs (before the first, strip drops it)
                parts.append("\n")
        elif tag == TC:
            parts = []
            contents.append(parts)
            spans.append(1)
            merged.append(False)
        elif tag == _GRID_SPAN:
            if spans:
                spans[-1] = min(max(_number(element, 1), 1), 1000)
        elif tag == _V_MERGE:
            if merged:
                merged[-1] = element.get(_VAL, "continue") == "continue"
        elif tag == _GRID_BEFORE:
            before = min(_number(element, 0), 1000)
        elif tag in _INSERTED:
            tracked = True
        else:  # something only the general path reads right
            return None
    cells: list[Cell] = [""] * before
    keep = texts.keep
    for cell_parts, span, continued in zip(contents, spans, merged, strict=True):
        if continued:  # a cell merged down keeps its text in the top row
            cells.append("")
        else:
            cells.append(keep(normalise_text("".join(cell_parts))))
        if span > 1:
            cells.extend([""] * (span - 1))
    return cells, tracked


def _number(element: Any, default: int) -> int:
    try:
        return max(int(element.get(_VAL)), 0)
    except (TypeError, ValueError):
        return default


def _grid_before(tr: Any) -> int:
    props = _child(tr, _TR_PR)
    found = None if props is None else _child(props, _GRID_BEFORE)
    return 0 if found is None else min(_number(found, 0), 1000)


def _cell_text(tc: Any) -> str:
    return normalise_text("\n".join(paragraph_text(p) for p in _find(tc, P)))


def paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    _collect(paragraph, parts)
    return "".join(parts)


def _collect(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif not isinstance(tag, str) or tag in _SKIP_IN_PARAGRAPH:
            continue
        elif tag == _TAB:
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        else:
            _collect(child, parts)


def _has_tracked_changes(element: Any) -> bool:
    return next(element.iter(*_TRACKED), None) is not None
