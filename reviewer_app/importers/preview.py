"""Reading an agency's file into an `ImportPreview`: the one entry point of the importers.

The steps, each refusing the whole file with a plain message when it cannot go on:
read the bytes (size limit) -> tell the format from the content -> check a zip container for
bombs -> read the candidate tables -> choose one (the named sheet, or the first with a
recognisable header) -> find the header -> map the columns (or take the reviewer's mapping)
-> build draft entries and per-row problems, streaming the chosen table's rows from the file's
bytes so that only the compact draft entries are kept. Nothing is saved; the file is read once
into memory so it cannot change between the checks and the reading.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from reviewer_app.chronology.importing import PAGE_HEADING, Field, ImportPreview
from reviewer_app.importers.column_choices import ColumnChoice, apply_choices
from reviewer_app.importers.csv_tables import read_csv
from reviewer_app.importers.docx_tables import read_docx
from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.formats import detect_format
from reviewer_app.importers.headers import HEADER_SCAN_ROWS, HeaderGuess, auto_mapping, find_header
from reviewer_app.importers.limits import Limits, check_file_size
from reviewer_app.importers.pdf_tables import read_pdf
from reviewer_app.importers.rows import build_rows
from reviewer_app.importers.tables import RawTable, Row, TableSource, cell_text
from reviewer_app.importers.xlsx_tables import XlsxSource
from reviewer_app.importers.zip_safety import inspect_zip

DEFAULT_LIMITS = Limits()
_ENTRY_FIELDS = frozenset({Field.EVENT, Field.SOURCE, Field.OUTCOME})
_SINGLE_COLUMN_FIELDS = (Field.DATE, Field.TIME)
_SHOWN_HEADINGS = 12
_SHOWN_HEADING_CHARS = 40
NO_SOURCE_NOTE = (
    "The agency gave no source (the record each entry comes from): no column was recognised "
    "as the source. Each entry's source is the source given for the whole file, or else the "
    "file's name and the row number. Choose the source column if there is one."
)


def preview_file(
    path: Path,
    *,
    sheet: str | None = None,
    mapping: dict[int, Field] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    source_default: str = "",
    choices: Sequence[ColumnChoice] = (),
) -> ImportPreview:
    """Read an agency's chronology file into a preview; raise `ImportRefusedError` if it
    cannot be read as one.

    `sheet` names the sheet (xlsx) or table ("Table 2", docx) to read; by default the first
    one with a recognisable header is chosen. `mapping` replaces the automatic column mapping:
    column index -> field, with columns it leaves out not imported. `source_default` is the
    source of rows the agency gave none for (else the file name and row number). `choices`
    (field, heading) are laid over the automatic mapping, as on the command line.
    """
    data = read_bytes(path, limits)
    file_format = detect_format(data, path.suffix)
    if file_format == "zip":
        file_format = inspect_zip(data, limits)
    source = _open(file_format, data, path.name, limits)
    try:
        table, guess = _choose_table(source, sheet)
        return _preview(path.name, source, table, guess, mapping, source_default, choices)
    finally:
        source.close()


def read_bytes(path: Path, limits: Limits) -> bytes:
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            check_file_size(size, limits)
            # Read what the file holds (a buffer of the largest size allowed would take 50 MB
            # for any file), and anything it has grown by since, up to just past the limit.
            data = file.read(size + 1)
            if len(data) > size:
                data += file.read(limits.max_file_bytes + 1 - len(data))
    except ImportRefusedError:
        raise
    except IsADirectoryError as error:
        raise ImportRefusedError(f"'{path.name}' is a folder, not a file.") from error
    except OSError as error:
        raise ImportRefusedError(
            f"The file '{path.name}' could not be read. It may have been moved or renamed, "
            "or you may not have permission to open it."
        ) from error
    check_file_size(len(data), limits)
    return data


def _open(file_format: str, data: bytes, name: str, limits: Limits) -> TableSource:
    if file_format == "xlsx":
        return XlsxSource(data, limits)
    if file_format == "docx":
        return read_docx(data, limits)
    if file_format == "pdf":
        return read_pdf(data, limits)
    return read_csv(data, name, limits)


def _choose_table(source: TableSource, wanted: str | None) -> tuple[RawTable, HeaderGuess | None]:
    """The chosen table's first rows (enough to find its header) and its header."""
    names = source.names
    kind = "sheet" if source.file_format == "xlsx" else "table"
    if wanted is not None and source.file_format != "csv":  # a CSV file has one table
        if wanted not in names:
            raise ImportRefusedError(
                f"There is no {kind} called '{wanted}' in this file. Its {kind}s are: "
                f"{_listed(names)}."
            )
        head = source.head(wanted, HEADER_SCAN_ROWS)
        return head, find_header(head.rows)
    # The first table whose header names a date and what happened is the chronology; a
    # "document control" table (Version, Date, Author) above it names a date but no events.
    candidates: list[tuple[int, RawTable, HeaderGuess]] = []
    for name in names:
        head = source.head(name, HEADER_SCAN_ROWS)
        guess = find_header(head.rows)
        if guess is not None:
            rank = _rank(guess)
            if rank == 0:
                return head, guess
            candidates.append((rank, head, guess))
    if candidates:
        _, head, guess = min(candidates, key=lambda candidate: candidate[0])
        return head, guess
    return source.head(names[0], HEADER_SCAN_ROWS), None


def _rank(guess: HeaderGuess) -> int:
    """0 for a chronology's header, 1 for a header with dates only, 2 for one without."""
    if Field.DATE not in guess.fields:
        return 2
    return 0 if guess.fields & _ENTRY_FIELDS else 1


def _preview(
    file_name: str,
    source: TableSource,
    table: RawTable,
    guess: HeaderGuess | None,
    mapping: dict[int, Field] | None,
    source_default: str = "",
    choices: Sequence[ColumnChoice] = (),
) -> ImportPreview:
    """The preview of the chosen table, of which `table` holds the first rows: the rest are
    streamed from the source into draft entries, so the table is never held whole."""
    position = guess.position if guess is not None else _first_non_blank(table)
    if position is None and len(table.rows) >= HEADER_SCAN_ROWS:  # blank at the top: look on
        table = source.full(table.name)
        position = _first_non_blank(table)
    if position is None:
        described = _describe(source, table)
        raise ImportRefusedError(f"{described[0].upper()}{described[1:]} is empty: it has no text.")
    headers = tuple(cell_text(cell) for cell in table.rows[position][1])
    if mapping is None:
        chosen = apply_choices(headers, auto_mapping(headers), choices)
        if Field.DATE not in chosen.values():
            raise ImportRefusedError(
                f"No column that looks like dates was found in {_describe(source, table)}; the "
                f"headings found were {_headings(table, guess)}. Check that this is the "
                "chronology, or choose the date column yourself."
            )
    else:
        chosen = _checked_mapping(mapping, max([len(headers), *(i + 1 for i in mapping)]))
    widest = [len(headers)]

    def below_header() -> Iterator[Row]:
        for index, (number, cells) in enumerate(source.stream(table.name)):
            if len(cells) > widest[0]:
                widest[0] = len(cells)
            if index > position:
                yield number, cells

    built = build_rows(
        below_header(),
        headers,
        chosen,
        file_name=file_name,
        source_default=source_default,
    )
    # Columns beyond the header row's last heading are known once every row has been read.
    width = widest[0]
    headers += ("",) * (width - len(headers))
    chosen = _checked_mapping(chosen, width) if mapping is not None else auto_mapping(headers)
    notes = list(source.notes)
    if source.file_format != "csv" and len(source.names) > 1:
        notes.append(f"The chronology was read from {_describe(source, table)}.")
    if isinstance(source, XlsxSource) and source.is_hidden(table.name):
        notes.append(f"Sheet '{table.name}' is hidden in the workbook.")
    notes.extend(_mapping_notes(headers, chosen))
    return ImportPreview(
        file_name=file_name,
        file_format=source.file_format,
        sheet=table.name if source.file_format != "csv" else None,
        sheets=source.names if source.file_format != "csv" else (),
        header_row=table.rows[position][0],
        headers=headers,
        mapping=chosen,
        rows=built.rows,
        problems=tuple(built.problems),
        skipped_rows=position + built.skipped,
        notes=tuple(notes),
        source_default=source_default.strip(),
    )


def _checked_mapping(mapping: dict[int, Field], width: int) -> dict[int, Field]:
    outside = sorted(index for index in mapping if not 0 <= index < width)
    if outside:
        raise ImportRefusedError(
            f"The column choices do not fit this table, which has {width} columns. Choose "
            "the columns again."
        )
    for target in _SINGLE_COLUMN_FIELDS:
        if list(mapping.values()).count(target) > 1:
            raise ImportRefusedError(
                f"More than one column is set as the {target.label.lower()}. Choose just one."
            )
    if Field.DATE not in mapping.values():
        raise ImportRefusedError("No column is set as the date. Choose the column of dates.")
    full = dict.fromkeys(range(width), Field.IGNORE)
    full.update(mapping)
    return full


def _mapping_notes(headers: tuple[str, ...], mapping: dict[int, Field]) -> list[str]:
    notes: list[str] = []
    if Field.SOURCE not in mapping.values():
        notes.append(NO_SOURCE_NOTE)
    if Field.EVENT not in mapping.values():
        notes.append("No column was recognised as the description of events. Choose that column.")
    ignored = [
        h
        for i, h in enumerate(headers)
        if h and h != PAGE_HEADING and mapping.get(i) is Field.IGNORE
    ]
    if ignored:
        notes.append(
            f"Columns not imported: {_listed(ignored)}. Their text is kept with each row as "
            "the agency wrote it."
        )
    return notes


def _first_non_blank(table: RawTable) -> int | None:
    for position, (_, cells) in enumerate(table.rows):
        if any(cell_text(cell) for cell in cells):
            return position
    return None


def _headings(table: RawTable, guess: HeaderGuess | None) -> str:
    """The header row's cells, or else the widest of the first rows, shortened."""
    if guess is not None:
        cells = [h for h in guess.headings if h]
    else:
        head = [[cell_text(c) for c in cells] for _, cells in table.rows[:HEADER_SCAN_ROWS]]
        widest = max(head, key=lambda texts: sum(1 for t in texts if t), default=[])
        cells = [text for text in widest if text]
    if not cells:
        return "none"
    shown = [" ".join(text.split())[:_SHOWN_HEADING_CHARS] for text in cells]
    more = len(shown) - _SHOWN_HEADINGS
    listed = _listed(shown[:_SHOWN_HEADINGS])
    return listed + (f" and {more} more" if more > 0 else "")


def _listed(items: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


def _describe(source: TableSource, table: RawTable) -> str:
    if source.file_format == "xlsx":
        return f"sheet '{table.name}'"
    if source.file_format == "docx":
        return f"{table.name.lower()} of the document"
    if source.file_format == "pdf":
        return f"{table.name.lower()} of the PDF"
    return "the file"
