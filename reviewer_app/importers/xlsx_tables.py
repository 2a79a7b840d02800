"""Reading an Excel workbook (.xlsx): every worksheet is a candidate table.

The workbook's XML is streamed with lxml (`xml_parts.children`, which never resolves entities)
rather than through openpyxl, whose read-only mode parses every cell in Python and its shared
strings through a pure-Python parser: for a 190,000-row sheet that took most of a minute.
(python-calamine reads the same sheet several times faster, but holds all of it in memory at
once: about 100 MB more at 190,000 rows, which takes an import past its 300 MB goal.) What a
reviewer sees is the same as openpyxl's `load_workbook(read_only=True, data_only=True)` gave
(tests/reviewer_app/importers/test_xlsx_values.py compares the two, cell by cell):

* values are the ones Excel last calculated (`<v>`), not formulas;
* a number in a cell whose style has a date or time format arrives as `datetime` / `time`
  (or `timedelta` for a duration such as [h]:mm), in the workbook's 1900 or 1904 calendar;
  openpyxl's own format tests and calendar conversion are used for this;
* shared strings, inline strings, booleans and error values (#N/A) read as openpyxl reads them,
  except that Excel's `_xHHHH_` escapes in text are undone (once: `_x005F_` is an escaped "_",
  so `_x005F_x0041_` is the text `_x0041_`), which openpyxl leaves in;
* rows missing from the file are empty rows, cells missing from a row are empty cells, and
  the size a sheet declares for itself is ignored (some exporters get it wrong);
* chart sheets are not tables; a hidden sheet is still offered, and said to be hidden.

The zip container has already passed `zip_safety.inspect_zip`. Only the parts needed are read:
the workbook, its relationships, the styles, the shared strings and the chosen sheets. Sheets
are read on demand (the first rows of each to find a header, then the chosen one as a stream
of rows, never held whole), a chunk of XML (a few hundred rows) at a time.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
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
)
from reviewer_app.importers.xml_parts import OFFICE_DOCUMENT, Package, children, elements

#: What a damaged workbook makes the zip and XML layers (or the value conversions) raise.
DAMAGED_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    SyntaxError,  # lxml's XMLSyntaxError
    EOFError,
    OSError,
    NotImplementedError,
    OverflowError,
    RuntimeError,  # zipfile on a part with a password; RecursionError on absurd nesting
)
# Excel writes some characters in strings as _xHHHH_ (a literal "_x" is written _x005F_x).
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_ROW, _C, _V, _IS, _T, _RUN, _SI = (f"{_MAIN}{n}" for n in ("row", "c", "v", "is", "t", "r", "si"))
_SHEET, _WORKBOOK_PR, _SHEET_DATA = f"{_MAIN}sheet", f"{_MAIN}workbookPr", f"{_MAIN}sheetData"
_WORKBOOK, _SST = f"{_MAIN}workbook", f"{_MAIN}sst"
_STYLE_SHEET, _WORKSHEET = f"{_MAIN}styleSheet", f"{_MAIN}worksheet"
_NUM_FMT, _CELL_XFS, _XF = f"{_MAIN}numFmt", f"{_MAIN}cellXfs", f"{_MAIN}xf"
_COLUMN = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)$")
_DIGITS = "0123456789"


def _unescape(text: str) -> str:
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(lambda match: chr(int(match[1], 16)), text)


def _number(text: str) -> int | float:
    """A cell's number, as openpyxl reads it: a float only if written with a point or exponent."""
    return float(text) if "." in text or "E" in text or "e" in text else int(text)


def _column_number(reference: str) -> int:
    """1 for A1, 28 for AB7: the column of a cell reference."""
    found = _COLUMN.match(reference)
    if found is None:
        raise ValueError("not a cell reference")
    number = 0
    for letter in found[1].upper():
        number = number * 26 + ord(letter) - 64
    return number


def _text_of(element: Any) -> str:
    """A string item (<si> or <is>): its plain text, then its formatted runs, as openpyxl
    reads it; phonetic guides (<rPh>) are left out."""
    if len(element) == 1:  # most strings: one <t>
        only = element[0]
        if only.tag == _T:
            return only.text or ""
    parts: list[str] = []
    for child in element:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _RUN:
            for grandchild in child:
                if grandchild.tag == _T:
                    parts.append(grandchild.text or "")
    return "".join(parts)


class _Workbook:
    """What the cells need from the rest of the workbook: strings, date styles and calendar."""

    def __init__(self, package: Package) -> None:
        from openpyxl.styles.numbers import (  # deferred: openpyxl loads in ~0.3 s
            BUILTIN_FORMATS,
            BUILTIN_FORMATS_REVERSE,
            is_date_format,
            is_timedelta_format,
        )
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

        self.from_excel, self.from_iso = from_excel, from_ISO8601
        workbook = package.related("", OFFICE_DOCUMENT)
        if workbook is None:
            workbook = "xl/workbook.xml"
        if not package.has(workbook):
            raise KeyError("no workbook part")
        self.sheets: list[tuple[str, str, str]] = []  # name, part, state
        self.epoch = WINDOWS_EPOCH
        relationships = {
            rid: (kind, target) for rid, kind, target in package.relationships(workbook)
        }
        with package.open(workbook) as stream:
            for element in elements(stream, (_SHEET, _WORKBOOK_PR), _WORKBOOK):
                if element.tag == _WORKBOOK_PR:
                    if element.get("date1904", "").strip().lower() in ("1", "true"):
                        self.epoch = MAC_EPOCH
                    continue
                kind, target = relationships.get(element.get(f"{_R}id", ""), ("", ""))
                if target and package.has(target) and "chartsheet" not in kind:
                    state = element.get("state", "visible")
                    self.sheets.append((element.get("name", ""), target, state))
        self.strings: list[str] = []  # escapes already undone
        strings_part = package.related(workbook, "/sharedStrings")
        if strings_part is not None:
            # Each string once, as Excel writes them: no cache of texts seen is needed.
            with package.open(strings_part) as stream:
                append = self.strings.append
                for _, element in children(stream, _SST, _SST):
                    if element is not None and element.tag == _SI:
                        append(_unescape(_text_of(element)))
        self.dates: set[int] = set()  # cell styles whose number format is a date or time
        self.durations: set[int] = set()
        styles_part = package.related(workbook, "/styles")
        if styles_part is not None:
            custom: dict[int, str] = {}
            styles: list[int] = []
            with package.open(styles_part) as stream:
                for element in elements(stream, (_NUM_FMT, _CELL_XFS), _STYLE_SHEET):
                    if element.tag == _NUM_FMT:
                        custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
                    else:
                        styles = [int(xf.get("numFmtId", "0")) for xf in element if xf.tag == _XF]
            for index, format_id in enumerate(styles):
                code = custom.get(format_id)
                if code is None or code in BUILTIN_FORMATS_REVERSE:
                    code = code if code is not None else BUILTIN_FORMATS.get(format_id)
                if is_date_format(code):
                    self.dates.add(index)
                if is_timedelta_format(code):
                    self.durations.add(index)

    def number(self, text: str, style: int) -> Cell:
        value = _number(text)
        if style in self.dates:
            try:
                converted: Cell = self.from_excel(
                    value, self.epoch, timedelta=style in self.durations
                )
            except (OverflowError, ValueError):
                return "#VALUE!"  # as openpyxl: a date serial beyond any calendar
            return converted
        return value

    def is_date_style(self, style: str | None) -> bool:
        """Whether a cell's `s` attribute names a date, time or duration style (an error if
        it is not a style number at all, as openpyxl refuses it)."""
        return int(style or 0) in self.dates


class XlsxSource(TableSource):
    """The worksheets of one workbook, read on demand; `close` lets go of the file."""

    def __init__(self, data: bytes, limits: Limits) -> None:
        super().__init__("xlsx", [])
        self._limits = limits
        self._cache: dict[str, RawTable] = {}
        with _guarded():
            self._archive = zipfile.ZipFile(io.BytesIO(data))
            self._package = Package(self._archive)
            self._book = _Workbook(self._package)
        self._parts = {name: part for name, part, _ in reversed(self._book.sheets)}
        self._names = tuple(dict.fromkeys(name for name, _, _ in self._book.sheets))
        self._hidden = {name for name, _, state in self._book.sheets if state != "visible"}
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

    def stream(self, name: str) -> Iterator[Row]:
        """The sheet's rows read again from the workbook, one at a time, not kept."""
        if name in self._cache:
            return super().stream(name)
        return self._rows(name, None)

    def close(self) -> None:
        self._cache.clear()
        self._archive.close()
        # The shared strings no row kept go now, even if something still holds this source
        # (an exception's traceback, say, until Python's cycle collector runs).
        self._book.strings.clear()

    def _read(self, name: str, max_rows: int | None) -> RawTable:
        return RawTable(name, list(self._rows(name, max_rows)))

    def _rows(self, name: str, max_rows: int | None) -> Iterator[Row]:
        if name not in self._parts:
            raise KeyError(name)
        where = f"Sheet '{name}'"
        counted = 0
        cut = False
        with _guarded(), self._package.open(self._parts[name]) as stream:
            for number, values in _sheet_rows(stream, self._book):
                if max_rows is not None and number > max_rows:
                    break
                row, row_cut = fit_row(values, self._limits, where)
                cut = cut or row_cut
                # fit_row left no empty cell at the end: only a row cut short can be blank
                if row and not (row_cut and is_blank(row)):
                    counted += 1
                    check_row_count(counted, self._limits, where)
                yield number, row
        if cut and max_rows is None:
            self.notes.append(columns_cut_note(where, self._limits))


def _value_text(cell: Any) -> Any:
    """The text of a cell's first <v> (None if it has none, or it is empty)."""
    for child in cell:
        if child.tag == _V:
            return child.text
    return None


def _sheet_rows(stream: Any, book: _Workbook) -> Iterator[tuple[int, list[Cell]]]:
    """Every row of a worksheet from row 1, the missing ones empty, as openpyxl's read-only
    `iter_rows(values_only=True)` gives them once the declared size is reset.

    This is the inner loop of reading a workbook (a million cells in a large chronology), so
    it does as little as it can for each cell: what a style means, which column a reference's
    letters name and the date a serial number is are each worked out once and looked up after.
    """
    strings, keep = book.strings, TextCache().keep
    columns: dict[str, int] = {}  # the letters of cell references already seen: their column
    date_styles: dict[str | None, bool] = {}  # a cell's `s` attribute: whether it is a date
    dates: dict[tuple[str, str | None], Cell] = {}  # serial and style: the value, once worked out
    expected = 1  # the next row number to give
    counter = 0  # the row number of the last <row> read
    for _, row in children(stream, _SHEET_DATA, _WORKSHEET):
        if row is None or row.tag != _ROW:
            continue
        reference = row.get("r")
        if reference is not None:
            number = float(reference)
            if not number.is_integer():
                raise ValueError("not a row number")
            counter = int(number)
        else:
            counter += 1
        if counter < expected:  # out of order: openpyxl passes it over
            continue
        while expected < counter:
            yield expected, []
            expected += 1
        values: list[Cell] = []
        column = 0
        for cell in row:
            if cell.tag != _C:
                continue
            position = cell.get("r")
            if position:
                letters = position.rstrip(_DIGITS)
                known = columns.get(letters)
                if known is None:
                    known = _column_number(position)
                    if len(columns) < 1024:
                        columns[letters] = known
                column = known
            else:
                column += 1
            kind = cell.get("t")
            value: Cell = None
            if kind == "inlineStr":
                for child in cell:
                    if child.tag == _IS:
                        value = keep(_unescape(_text_of(child)))
                        break
            elif len(cell):
                first = cell[0]  # usually the <v> (a formula's <f> comes before it)
                text = first.text if first.tag == _V else _value_text(cell)
                if text:
                    if kind is None or kind == "n":
                        style = cell.get("s")
                        is_date = date_styles.get(style)
                        if is_date is None:
                            is_date = date_styles[style] = book.is_date_style(style)
                        if not is_date:
                            value = _number(text)
                        else:
                            key = (text, style)
                            value = dates.get(key)
                            if value is None:
                                if len(dates) >= 4096:
                                    dates.clear()
                                value = dates[key] = book.number(text, int(style or 0))
                    elif kind == "s":
                        value = strings[int(text)]
                    elif kind == "b":
                        value = bool(int(text))
                    elif kind == "d":
                        value = book.from_iso(text)
                    else:  # "str" (a formula's text), "e" (an error such as #N/A)
                        value = keep(_unescape(text))
            # Cells in order (the usual case) are appended; any other is put in its place.
            if column == len(values) + 1:
                values.append(value)
            elif column > len(values):
                values.extend([None] * (column - len(values) - 1))
                values.append(value)
            else:
                values[column - 1] = value
        # As openpyxl, the row ends at its last cell's column: cells beyond it are dropped.
        if column < len(values):
            del values[column:]
        yield counter, values
        expected = counter + 1


@contextlib.contextmanager
def _guarded() -> Iterator[None]:
    """Turn what a damaged or hostile workbook makes the readers raise into a plain refusal."""
    try:
        yield
    except ImportRefusedError:
        raise
    except DAMAGED_ERRORS as error:
        raise damaged("an Excel workbook") from error
