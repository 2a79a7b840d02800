"""Reading a CSV (or tab-separated) export into one candidate table.

Agencies' systems export with commas, semicolons (European Excel), tabs or pipes, in UTF-8
with or without a byte-order mark, in UTF-16 ("Unicode text" from Excel) or in Windows-1252
(older Excel on Windows, where '£' is byte A3). The delimiter is chosen by which one splits
the first records most consistently; the encoding actually used is reported in the notes.
Row numbers are the physical line on which each record starts, as a text editor shows them,
so a quoted cell spanning several lines does not shift the numbers that follow.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter

from reviewer_app.importers.errors import ImportRefusedError
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
_SNIFF_RECORDS = 60
#: A record spanning more lines than this probably hides a missing closing quotation mark.
_LONG_RECORD_LINES = 40


def decode(data: bytes) -> tuple[str, str]:
    """The text and a note saying which encoding was used."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8"), (
            "The text was read as UTF-8 (the file starts with a byte-order mark)."
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "The text was read as UTF-16 (Unicode text)."
    try:
        return data.decode("utf-8"), "The text was read as UTF-8."
    except UnicodeDecodeError:
        pass
    return _strict(data, "cp1252"), (
        "The text was read as Windows-1252, because it is not valid UTF-8. If any characters "
        "look wrong, ask the agency to save the file as 'CSV UTF-8'."
    )


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportRefusedError(
            "The file's text could not be read: it is not in any encoding this app knows "
            "(UTF-8, UTF-16 or Windows-1252). Ask the agency to save it as 'CSV UTF-8', or as "
            "an Excel Workbook (.xlsx)."
        ) from error


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
    text, encoding_note = decode(data)
    delimiter = sniff_delimiter(text)
    notes = [encoding_note, f"Columns are separated by {_DELIMITER_NAMES[delimiter]}."]
    rows: list[Row] = []
    counted = 0
    cut = False
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous_end = 0
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            cells: list[Cell] = list(record)
            row, row_cut = fit_row(cells, limits, f"line {start}")
            cut = cut or row_cut
            if not is_blank(row):
                counted += 1
                check_row_count(counted, limits, "The file")
            if previous_end - start + 1 > _LONG_RECORD_LINES:
                notes.append(
                    f"The row starting on line {start} runs over {previous_end - start + 1} "
                    "lines; a quotation mark may be missing in the file."
                )
            rows.append((start, row))
    except csv.Error as error:
        raise ImportRefusedError(
            f"The file could not be read as a CSV table near line {previous_end + 1}. Open it "
            "in Excel to check it, or ask the agency to export it again."
        ) from error
    if cut:
        notes.append(columns_cut_note("The file", limits))
    return TableSource("csv", [RawTable(name, rows)], notes)
