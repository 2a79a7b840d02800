"""Reading a Word document (.docx): every table in it is a candidate; prose is passed over.

Agencies often write a chronology as a Word table between paragraphs of explanation. The
document is opened with python-docx (which parses without resolving entities) and its XML is
walked directly, because the text of a cell must come out exactly as the agency sees it:

* several paragraphs in a cell are joined with new lines;
* a cell merged across columns gives its text once, at its first column, not in every column
  it covers; a cell merged down rows keeps its text in the top row only;
* text inserted with track changes is included and deleted text left out, so the table reads
  as if every change were accepted (and a note says so);
* text boxes and the fallback copies Word keeps for older versions are skipped, so nothing is
  read twice.

Row numbers are the table's own rows, counted from 1 with the header row included.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError

from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.formats import damaged
from reviewer_app.importers.limits import Limits, check_row_count
from reviewer_app.importers.tables import (
    Cell,
    RawTable,
    Row,
    TableSource,
    columns_cut_note,
    fit_row,
    is_blank,
    normalise_text,
)
from reviewer_app.importers.xlsx_tables import DAMAGED_ERRORS

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
TBL, TR, TC, P = f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}p"
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


def read_docx(data: bytes, limits: Limits) -> TableSource:
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except ImportRefusedError:
        raise
    except DAMAGED_ERRORS as error:
        raise damaged("a Word document") from error
    except PackageNotFoundError as error:
        raise damaged("a Word document") from error
    tables: list[RawTable] = []
    notes: list[str] = []
    tracked = False
    for index, table in enumerate(_find(body, TBL), start=1):
        name = f"Table {index}"
        rows, cut = _read_table(table, name, limits)
        tables.append(RawTable(name, rows))
        tracked = tracked or _has_tracked_changes(table)
        if cut:
            notes.append(columns_cut_note(name, limits))
    if not tables:
        raise ImportRefusedError(
            "The Word document has no table in it. A chronology needs to be a table with one "
            "row for each event; ask the agency for it as a table in Word or as an Excel sheet."
        )
    if tracked:
        notes.append(
            "The document has tracked changes; its tables were read as if every change had "
            "been accepted."
        )
    return TableSource("docx", tables, notes)


def _find(element: Any, tag: str) -> Iterator[Any]:
    """Descendants with `tag`, without looking inside the ones found (so no nested tables)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif isinstance(child.tag, str):  # skip comments and processing instructions
            yield from _find(child, tag)


def _read_table(table: Any, name: str, limits: Limits) -> tuple[list[Row], bool]:
    rows: list[Row] = []
    counted = 0
    cut = False
    for number, tr in enumerate(_find(table, TR), start=1):
        cells: list[Cell] = [""] * _grid_before(tr)
        for tc in _find(tr, TC):
            cells.append(_cell_text(tc))
            cells.extend([""] * (_grid_span(tc) - 1))
        row, row_cut = fit_row(cells, limits, f"{name} of the document")
        cut = cut or row_cut
        if not is_blank(row):
            counted += 1
            check_row_count(counted, limits, name)
        rows.append((number, row))
    return rows, cut


def _property(element: Any, container: str, name: str) -> Any:
    props = element.find(f"{_W}{container}")
    return None if props is None else props.find(f"{_W}{name}")


def _number(element: Any, default: int) -> int:
    try:
        return max(int(element.get(_VAL)), 0)
    except (TypeError, ValueError):
        return default


def _grid_before(tr: Any) -> int:
    found = _property(tr, "trPr", "gridBefore")
    return 0 if found is None else min(_number(found, 0), 1000)


def _grid_span(tc: Any) -> int:
    found = _property(tc, "tcPr", "gridSpan")
    return 1 if found is None else min(max(_number(found, 1), 1), 1000)


def _cell_text(tc: Any) -> str:
    merged = _property(tc, "tcPr", "vMerge")
    if merged is not None and merged.get(_VAL, "continue") == "continue":
        return ""  # the text belongs to the cell above, where the merge starts
    return normalise_text("\n".join(_paragraph_text(p) for p in _find(tc, P)))


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    _collect(paragraph, parts)
    return "".join(parts)


def _collect(element: Any, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_IN_PARAGRAPH:
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            _collect(child, parts)


def _has_tracked_changes(table: Any) -> bool:
    return any(True for tag in _TRACKED for _ in table.iter(tag))
