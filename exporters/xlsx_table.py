"""Plain tables as an Excel workbook: one sheet per table, a bold frozen heading row, columns
sized to their contents, and neutral document properties (no user, host or time), so the same
tables give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from exporters.metadata import NEUTRAL_CREATOR

_FIXED = dt.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Sheet:
    title: str  # at most 31 characters, none of []:*?/\
    headers: tuple[str, ...]
    rows: Sequence[Sequence[Cell]]


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:31])
        ws.append(list(sheet.headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(h) for h in sheet.headers]
        for row in sheet.rows:
            ws.append(list(row))
            for n, value in enumerate(row):
                widths[n] = max(widths[n], min(80, len(str(value)) if value is not None else 0))
        ws.freeze_panes = "A2"
        for n, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(n)].width = width + 2
    props = book.properties
    props.creator, props.lastModifiedBy, props.title = NEUTRAL_CREATOR, "", ""
    props.created = props.modified = _FIXED
    out = io.BytesIO()
    book.save(out)
    return _fixed_times(out.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The same members in the same order with a fixed zip timestamp."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
