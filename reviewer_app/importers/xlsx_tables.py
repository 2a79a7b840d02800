"""Reading an Excel workbook (.xlsx): every worksheet is a candidate table.

openpyxl reads in read-only mode, streaming each sheet's XML, so a 10,000-row chronology is
read in well under a second and memory stays flat. `data_only` gives the values Excel last
calculated instead of formulas, and date-formatted cells arrive as `datetime`. The zip
container has already passed `zip_safety.inspect_zip`; openpyxl must also be parsing XML
through defusedxml, or the file is not opened at all.

Read-only sheets trust the size the file declares for them, which some exporters get wrong,
so every sheet's declared size is reset and the rows actually present are read.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException

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
)
from reviewer_app.importers.zip_safety import XML_BOMB_MESSAGE

#: What a damaged workbook makes openpyxl (or the zip and XML layers below it) raise.
DAMAGED_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    SyntaxError,  # xml.etree and lxml parse errors
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,  # zipfile on a part with a password; RecursionError on absurd nesting
)
# Excel writes some characters in strings as _xHHHH_ (a literal "_x" is written _x005F_x).
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(lambda match: chr(int(match[1], 16)), text)


def _require_defusedxml() -> None:
    if not getattr(openpyxl, "DEFUSEDXML", False):
        raise ImportRefusedError(
            "Spreadsheets cannot be imported safely on this installation, because a safety "
            "component (defusedxml) is missing or switched off (OPENPYXL_DEFUSEDXML). "
            "Reinstall the application, or import the chronology as a CSV file instead."
        )


def _value(value: Any) -> Cell:
    if isinstance(value, str):
        return _unescape(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return value
    return str(value)


class XlsxSource(TableSource):
    """The worksheets of one workbook, read on demand and kept open until `close`."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        super().__init__("xlsx", [])
        _require_defusedxml()
        self._limits = limits
        self._cache: dict[str, RawTable] = {}
        with _guarded():
            self._book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
            self._names = tuple(
                sheet.title for sheet in self._book.worksheets if hasattr(sheet, "iter_rows")
            )
            self._hidden = {
                sheet.title
                for sheet in self._book.worksheets
                if getattr(sheet, "sheet_state", "visible") != "visible"
            }
        if not self._names:
            self.close()
            raise ImportRefusedError(
                "The workbook has no worksheets with cells (only charts), so there is no "
                "table to import."
            )

    @property
    def names(self) -> tuple[str, ...]:
        return self._names

    def is_hidden(self, name: str) -> bool:
        return name in self._hidden

    def head(self, name: str, rows: int) -> RawTable:
        if name in self._cache:
            table = self._cache[name]
            return RawTable(table.name, table.rows[:rows])
        return self._read(name, rows)

    def full(self, name: str) -> RawTable:
        if name not in self._cache:
            self._cache[name] = self._read(name, None)
        return self._cache[name]

    def close(self) -> None:
        self._book.close()

    def _read(self, name: str, max_rows: int | None) -> RawTable:
        if name not in self._names:
            raise KeyError(name)
        where = f"Sheet '{name}'"
        rows: list[Row] = []
        counted = 0
        cut = False
        with _guarded():
            sheet = self._book[name]
            sheet.reset_dimensions()
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if max_rows is not None and number > max_rows:
                    break
                row, row_cut = fit_row([_value(v) for v in values], self._limits, where)
                cut = cut or row_cut
                if not is_blank(row):
                    counted += 1
                    check_row_count(counted, self._limits, where)
                rows.append((number, row))
        if cut and max_rows is None:
            self.notes.append(columns_cut_note(where, self._limits))
        return RawTable(name, rows)


@contextlib.contextmanager
def _guarded() -> Iterator[None]:
    """Turn what openpyxl raises on a damaged or hostile workbook into a plain refusal.

    openpyxl also warns about features it drops (data validation, extensions); those say
    nothing to a reviewer and are silenced.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            yield
        except ImportRefusedError:
            raise
        except DAMAGED_ERRORS as error:
            # openpyxl wraps what defusedxml raises in a ValueError of its own.
            if _caused_by(error, DefusedXmlException):
                raise ImportRefusedError(XML_BOMB_MESSAGE) from error
            raise damaged("an Excel workbook") from error


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False
