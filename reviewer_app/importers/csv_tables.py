"""Reading a CSV (or tab-separated) export into one candidate table.

Agencies' systems export with commas, semicolons (European Excel), tabs or pipes, in UTF-8
with or without a byte-order mark, in UTF-16 ("Unicode text" from Excel; with a byte-order
mark or, from some systems, without one) or in Windows-1252 (older Excel on Windows, where '£'
is byte A3). The text is decoded as it is read, never held whole a second time. The delimiter
is chosen by which one splits the first records most consistently; the encoding actually used
is reported in the notes.
The table is read from the bytes as it is needed (its head to find the header, then its rows
as a stream), so it is never held as rows beside the preview made from it.
Row numbers are the physical line on which each record starts, as a text editor shows them,
so a quoted cell spanning several lines does not shift the numbers that follow.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections import Counter
from collections.abc import Iterator

from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.formats import utf16_without_bom
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

DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
_SNIFF_CHARS = 64 * 1024
_SNIFF_BYTES = 64 * 1024
_CHECK_BYTES = 1024 * 1024
_SNIFF_RECORDS = 60
#: A record spanning more lines than this probably hides a missing closing quotation mark.
_LONG_RECORD_LINES = 40


def choose_encoding(data: bytes) -> tuple[str, str]:
    """The codec to read `data` with (one that strips any byte-order mark) and a note saying
    which encoding was used. The whole file is checked, a chunk at a time, so a file that is
    not valid in the chosen encoding is refused before any of it is read as rows."""
    if data.startswith(codecs.BOM_UTF8):
        return _checked(data, "utf-8-sig"), (
            "The text was read as UTF-8 (the file starts with a byte-order mark)."
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(data, "utf-16"), "The text was read as UTF-16 (Unicode text)."
    utf16 = utf16_without_bom(data[:_SNIFF_BYTES])
    if utf16 is not None:
        return _checked(data, utf16), (
            "The text was read as UTF-16 (Unicode text without a byte-order mark)."
        )
    if _valid(data, "utf-8"):
        return "utf-8", "The text was read as UTF-8."
    return _checked(data, "cp1252"), (
        "The text was read as Windows-1252, because it is not valid UTF-8. If any characters "
        "look wrong, ask the agency to save the file as 'CSV UTF-8'."
    )


def _valid(data: bytes, encoding: str) -> bool:
    """Whether all of `data` decodes, checked in chunks so no second copy of the file is made."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    view = memoryview(data)
    try:
        for start in range(0, len(data), _CHECK_BYTES):
            decoder.decode(view[start : start + _CHECK_BYTES])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _checked(data: bytes, encoding: str) -> str:
    if not _valid(data, encoding):
        raise ImportRefusedError(
            "The file's text could not be read: it is not in any encoding this app knows "
            "(UTF-8, UTF-16 or Windows-1252). Ask the agency to save it as 'CSV UTF-8', or as "
            "an Excel Workbook (.xlsx)."
        )
    return encoding


def _text(data: bytes, encoding: str) -> io.TextIOWrapper:
    """The file as text, decoded as it is read (newlines kept as they are, for csv)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="strict", newline="")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first records into the most rows of one width."""
    sample = text[:_SNIFF_CHARS]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        if delimiter not in sample:
            continue
        widths: Counter[int] = Counter()
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            for index, record in enumerate(reader):
                if index >= _SNIFF_RECORDS:
                    break
                if len(record) > 1:
                    widths[len(record)] += 1
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        score = (count, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(data: bytes, name: str, limits: Limits) -> TableSource:
    return CsvSource(data, name, limits)


class CsvSource(TableSource):
    """A CSV file's one table, read from the file's bytes as it is asked for: its first rows
    to find the header, then every row as a stream, never held whole."""

    def __init__(self, data: bytes, name: str, limits: Limits) -> None:
        encoding, encoding_note = choose_encoding(data)
        with _text(data, encoding) as stream:
            delimiter = sniff_delimiter(stream.read(_SNIFF_CHARS))
        super().__init__(
            "csv", [], [encoding_note, f"Columns are separated by {_DELIMITER_NAMES[delimiter]}."]
        )
        self._data, self._name, self._limits = data, name, limits
        self._encoding, self._delimiter = encoding, delimiter

    @property
    def names(self) -> tuple[str, ...]:
        return (self._name,)

    def head(self, name: str, rows: int) -> RawTable:
        self._check(name)
        return RawTable(name, list(itertools.islice(self._rows([]), rows)))

    def full(self, name: str) -> RawTable:
        self._check(name)
        return RawTable(name, list(self.stream(name)))

    def stream(self, name: str) -> Iterator[Row]:
        """Every row; the notes on the whole file (long rows, columns cut) are added once the
        last row has been read."""
        self._check(name)
        return self._rows(self.notes)

    def close(self) -> None:
        self._data = b""

    def _check(self, name: str) -> None:
        if name != self._name:
            raise KeyError(name)

    def _rows(self, notes: list[str]) -> Iterator[Row]:
        limits = self._limits
        counted = 0
        cut = False
        previous_end = 0
        with _text(self._data, self._encoding) as stream:
            reader = csv.reader(stream, delimiter=self._delimiter)
            try:
                for record in reader:
                    start = previous_end + 1
                    previous_end = reader.line_num
                    cells: list[Cell] = list(record)  # not kept: the rows are streamed
                    row, row_cut = fit_row(cells, limits, f"line {start}")
                    cut = cut or row_cut
                    if not is_blank(row):
                        counted += 1
                        check_row_count(counted, limits, "The file")
                    if previous_end - start + 1 > _LONG_RECORD_LINES:
                        notes.append(
                            f"The row starting on line {start} runs over "
                            f"{previous_end - start + 1} lines; a quotation mark may be missing "
                            "in the file."
                        )
                    yield start, row
            except csv.Error as error:
                raise ImportRefusedError(
                    f"The file could not be read as a CSV table near line {previous_end + 1}. "
                    "Open it in Excel to check it, or ask the agency to export it again."
                ) from error
        if cut:
            notes.append(columns_cut_note("The file", limits))
