"""Reading the tables of a PDF chronology (as case systems export them) with pdfplumber.

Only PDFs with text are read: a scanned PDF is pictures of pages, and is refused saying so.
Only tables drawn with lines between their cells are read (pdfplumber's "lines" strategy):
finding a table by lining up words splits sentences into columns, so a PDF whose columns are
only spaced out is refused rather than read wrongly. Each table found is a candidate, as in a
Word document; a table that carries on over the next page (the last table of one page, the
first of the next, with the same number of columns) is one table, and the heading row
repeated at the top of each page is passed over.

Rows are numbered down the table from its heading row (1), across pages; the page a row is
on is kept with it in an extra column headed `PAGE_HEADING` ("PDF page"), so each entry's
provenance says page and row (and the validation report names the page of each problem).

PDF files can be built to overload a reader, so before pdfplumber sees the file every
compressed stream in it is unpacked into a bounded buffer (a "zip bomb" inside a PDF is
refused), the pages are counted, and each page is laid out under a watch (`pdf_watch`) that
stops it when it draws too many letters or the reading runs too long. Anything the
PDF library raises is a damaged file, never a crash.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zlib
from collections.abc import Sequence
from typing import Any

from reviewer_app.chronology.importing import PAGE_HEADING
from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.headers import find_header
from reviewer_app.importers.limits import Limits, check_row_count
from reviewer_app.importers.tables import (
    Cell,
    RawTable,
    Row,
    TableSource,
    fit_row,
    is_blank,
    normalise_text,
)

_STREAM = re.compile(rb"stream\r?\n")
_END_STREAM = b"endstream"
_FLATE = b"/FlateDecode"
_ASK_AGAIN = (
    "Ask the agency for the chronology as an Excel sheet or a Word document, or for a PDF "
    "saved from their case system (not printed and scanned)."
)
# The PDF library reports what it could not parse in log messages that may quote the file.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.CRITICAL + 1)


def read_pdf(data: bytes, limits: Limits) -> TableSource:
    """The tables of a PDF; refuses scanned, protected, damaged and overloading files."""
    _check_streams(data, limits)
    try:
        return _read(data, limits)
    except ImportRefusedError:
        raise
    except (MemoryError, RecursionError) as error:
        raise _damaged() from error
    except Exception as error:  # the PDF library raises many kinds for a damaged file
        causes = {type(error).__name__, *(type(arg).__name__ for arg in error.args)}
        if causes & {"PDFPasswordIncorrect", "PDFEncryptionError"}:
            raise ImportRefusedError(
                "This PDF is protected with a password, so it cannot be read. Ask the agency "
                "to send it without one."
            ) from error
        raise _damaged() from error


def _damaged() -> ImportRefusedError:
    return ImportRefusedError(
        f"This PDF could not be read: it may be damaged or not a real PDF. {_ASK_AGAIN}"
    )


def _check_streams(data: bytes, limits: Limits) -> None:
    """Unpack each compressed stream into a bounded buffer: refuse a file that would unpack
    to more than the limits allow, before the PDF library unpacks it without any."""
    total = 0
    position = 0
    while (found := _STREAM.search(data, position)) is not None:
        start = found.end()
        end = data.find(_END_STREAM, start)
        if end < 0:
            end = len(data)
        position = end
        if _FLATE not in data[max(0, found.start() - 512) : found.start()]:
            continue
        inflater = zlib.decompressobj()
        try:
            size = len(inflater.decompress(data[start:end], limits.max_pdf_stream_bytes))
        except zlib.error:
            continue  # a damaged stream: the library reports it, or reads round it
        if inflater.unconsumed_tail:
            limit = _mb(limits.max_pdf_stream_bytes)
            raise _overload(f"one part would unpack to more than {limit}")
        total += size
        if total > limits.max_total_bytes:
            raise _overload(f"it would unpack to more than {_mb(limits.max_total_bytes)}")


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024):,} MB"


def _overload(detail: str) -> ImportRefusedError:
    return ImportRefusedError(
        f"The PDF was not read because {detail}, far beyond any real chronology. It may be "
        f"damaged or built to overload this computer. {_ASK_AGAIN}"
    )


def _read(data: bytes, limits: Limits) -> TableSource:
    import pdfplumber  # imported here: a second or so, paid only by PDF imports

    from reviewer_app.importers.pdf_watch import PageTooBusyError, lay_out

    began = time.monotonic()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages
        if len(pages) > limits.max_pdf_pages:
            raise ImportRefusedError(
                f"The PDF has {len(pages):,} pages, more than the {limits.max_pdf_pages:,} this "
                "app reads. Check it is the chronology, or ask the agency to split it."
            )
        found: list[tuple[int, list[list[Any]]]] = []
        any_text = False
        allowed = limits.max_pdf_seconds + limits.max_pdf_seconds_per_page * len(pages)
        for number, page in enumerate(pages, start=1):
            try:
                lay_out(page, deadline=began + allowed, max_chars=limits.max_pdf_page_chars)
            except PageTooBusyError as busy:
                if str(busy) == "letters":
                    raise _overload(
                        f"page {number} holds more than {limits.max_pdf_page_chars:,} letters"
                    ) from busy
                raise _too_long(allowed, len(pages)) from busy
            any_text = any_text or any(str(c.get("text", "")).strip() for c in page.chars)
            # Only tables drawn with lines between the cells: a table found by lining up words
            # splits sentences into columns, and a wrongly read chronology is worse than none.
            on_page: list[list[list[Any]]] = page.extract_tables()
            found.extend((number, table) for table in on_page if table)
            page.close()  # let go of the page's layout before reading the next
    if not any_text:
        raise ImportRefusedError(
            "This PDF has no text in it: it looks like a scanned paper document (pictures of "
            f"pages), which cannot be read as a table. {_ASK_AGAIN}"
        )
    joined = _joined(found, limits)
    if not joined:
        raise ImportRefusedError(
            "No table was found in this PDF. A PDF chronology is read only when it is a table "
            "with lines between its cells, as case systems export them; text laid out in "
            f"columns without lines cannot be read reliably. {_ASK_AGAIN}"
        )
    notes = [
        f"{table.name} runs over pages {first} to {last} of the PDF; it was read as one table."
        for table, (first, last) in joined
        if last > first
    ]
    notes.append(
        "Rows are numbered down each table from its heading row, across pages; the page each "
        f"row is on is kept with it as '{PAGE_HEADING}'."
    )
    return TableSource("pdf", [table for table, _ in joined], notes)


def _too_long(allowed: float, pages: int) -> ImportRefusedError:
    return ImportRefusedError(
        f"Reading this PDF took longer than {allowed:g} seconds, far longer than a "
        f"chronology of {pages:,} pages needs, so it was stopped. {_ASK_AGAIN}"
    )


def _joined(
    found: Sequence[tuple[int, list[list[Any]]]], limits: Limits
) -> list[tuple[RawTable, tuple[int, int]]]:
    """Tables carried over pages joined; each with the first and last page it is on."""
    groups: list[tuple[list[tuple[int, list[list[Any]]]], int]] = []  # parts, column count
    for page, table in found:
        width = max(len(row) for row in table)
        if groups:
            parts, last_width = groups[-1]
            if parts[-1][0] == page - 1 and width == last_width and _last_on_page(found, parts[-1]):
                parts.append((page, table))
                continue
        groups.append(([(page, table)], width))
    tables: list[tuple[RawTable, tuple[int, int]]] = []
    for index, (parts, _) in enumerate(groups, start=1):
        name = f"Table {index}"
        rows = _rows(parts, name, limits)
        if rows:
            tables.append((RawTable(name, rows), (parts[0][0], parts[-1][0])))
    return tables


def _last_on_page(found: Sequence[tuple[int, list[list[Any]]]], part: tuple[int, Any]) -> bool:
    page = part[0]
    on_page = [table for number, table in found if number == page]
    return bool(on_page) and on_page[-1] is part[1]


def _rows(parts: list[tuple[int, list[list[Any]]]], name: str, limits: Limits) -> list[Row]:
    """The table's rows, each with its page in an added last column; the heading row (as
    `find_header` finds it) repeated further down is passed over."""
    width = max(len(row) for _, table in parts for row in table)
    read: list[tuple[int, int, list[Cell]]] = []  # row number, page, cells
    number = 0
    for page, table in parts:
        for raw in table:
            number += 1
            cells: list[Cell] = [normalise_text(str(c)) if c is not None else "" for c in raw]
            if not is_blank(cells):
                read.append((number, page, cells + [""] * (width - len(cells))))
            check_row_count(len(read), limits, name)
    guess = find_header([(n, cells) for n, _, cells in read])
    position = guess.position if guess is not None else 0
    heading = _key(read[position][2]) if read else []
    rows: list[Row] = []
    for index, (number, page, cells) in enumerate(read):
        if index < position:
            page_cell = ""
        elif index == position:
            page_cell = PAGE_HEADING
        elif _key(cells) == heading:
            continue  # the heading row repeated at the top of a page
        else:
            page_cell = str(page)
        fitted, _ = fit_row([*cells, page_cell], limits, name)
        rows.append((number, fitted))
    return rows


def _key(cells: Sequence[Cell]) -> list[str]:
    return [" ".join(str(cell).casefold().split()) for cell in cells]
