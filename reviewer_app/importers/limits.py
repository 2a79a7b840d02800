"""How much an agency's file may hold before it is refused, and the checks that enforce it.

The limits are generous for any real chronology (the largest run to a few thousand rows) and
stop files that would exhaust memory or time: huge files, zip bombs and runaway tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.importers.errors import ImportRefusedError

_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 50 * _MB
    max_rows: int = 200_000
    max_columns: int = 60
    max_cell_chars: int = 100_000
    # Spreadsheets and Word documents are zip files; these stop a zip bomb before it inflates.
    max_member_bytes: int = 200 * _MB  # the uncompressed size of any one part
    max_total_bytes: int = 400 * _MB  # the uncompressed size of all parts together
    max_members: int = 10_000
    max_compression_ratio: int = 100  # uncompressed : compressed, for large parts
    ratio_check_min_bytes: int = 1 * _MB  # parts smaller than this may compress as they like
    # PDFs: pages read, letters on one page, one compressed stream unpacked, and the time
    # reading may take: a few seconds, and more for each page (a page of a ruled table takes
    # about a third of a second), so a long chronology is read and a hostile file is not.
    max_pdf_pages: int = 500
    max_pdf_page_chars: int = 50_000  # a dense page of a chronology has about 10,000
    max_pdf_stream_bytes: int = 64 * _MB
    max_pdf_seconds: float = 4.0
    max_pdf_seconds_per_page: float = 1.5


def _size(n: int) -> str:
    if n >= _MB:
        return f"{n / _MB:,.0f} MB"
    if n >= 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n:,} bytes"


def check_file_size(size: int, limits: Limits) -> None:
    if size == 0:
        raise ImportRefusedError(
            "The file is empty (it holds no data at all). Ask the agency to send the "
            "chronology again."
        )
    if size > limits.max_file_bytes:
        raise ImportRefusedError(
            f"The file is {_size(size)}, larger than the {_size(limits.max_file_bytes)} this "
            "app imports. A chronology is rarely this big: check it is the right file, or ask "
            "the agency to split it (for example one file per year)."
        )


def check_row_count(rows: int, limits: Limits, table: str) -> None:
    """Called as rows are read, so a runaway table is stopped early."""
    if rows > limits.max_rows:
        raise ImportRefusedError(
            f"{table} has more than {limits.max_rows:,} rows, more than this app imports at "
            "once. Split it into smaller files (for example one per year) and import each."
        )


def check_cell_length(text: str, limits: Limits, where: str) -> None:
    if len(text) > limits.max_cell_chars:
        raise ImportRefusedError(
            f"A cell in {where} holds more than {limits.max_cell_chars:,} characters, far more "
            "than any chronology entry. The file may be damaged, or a quotation mark may be "
            "missing in a CSV file; ask the agency to check it and send it again."
        )


def check_zip_member(name: str, size: int, compressed: int, limits: Limits) -> None:
    """One part of a zip container, judged by the sizes its header declares.

    Python's zipfile never inflates a part beyond its declared size (it stops and reports a
    damaged file), so the declared sizes are a safe upper bound.
    """
    if size > limits.max_member_bytes:
        raise _zip_bomb(f"one part would unpack to {_size(size)}")
    if size >= limits.ratio_check_min_bytes and size > compressed * limits.max_compression_ratio:
        raise _zip_bomb(f"one part would grow {size // max(compressed, 1):,} times when unpacked")


def check_zip_total(total: int, members: int, limits: Limits) -> None:
    if members > limits.max_members:
        raise _zip_bomb(f"it has {members:,} parts")
    if total > limits.max_total_bytes:
        raise _zip_bomb(f"it would unpack to {_size(total)}")


def _zip_bomb(detail: str) -> ImportRefusedError:
    return ImportRefusedError(
        f"The file was not opened because {detail}, far beyond any real spreadsheet or Word "
        "document. It may be damaged or built to overload this computer. Ask the agency to "
        "save the chronology again and send the new file."
    )
