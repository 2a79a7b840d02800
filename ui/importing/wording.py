"""The words the import wizard uses for counts, batches and dates, in one place."""

from __future__ import annotations

from reviewer_app.chronology.importing import ImportPreview
from reviewer_app.chronology.repository import ImportBatch
from reviewer_app.wording import plural


def rows_with_problems(preview: ImportPreview) -> int:
    return len({problem.row_number for problem in preview.problems})


def left_out(preview: ImportPreview) -> int:
    return len(preview.rows) - len(preview.importable)


def counts_text(preview: ImportPreview) -> str:
    """'12 rows read, 10 can be imported, 3 have problems (2 will be left out), 4 title or
    blank rows skipped.'"""
    with_problems = rows_with_problems(preview)
    blocked = left_out(preview)
    problems = f"{with_problems:,} {'has' if with_problems == 1 else 'have'} problems"
    if blocked:
        problems += f" ({blocked:,} will be left out)"
    skipped = plural(preview.skipped_rows, "title or blank row")
    return (
        f"{plural(len(preview.rows), 'row')} read, {len(preview.importable):,} can be "
        f"imported, {problems}, {skipped} skipped."
    )


def sheet_kind(preview: ImportPreview) -> str:
    """What the file's parts are called: sheets in a workbook, tables in a Word document."""
    return "sheet" if preview.file_format == "xlsx" else "table"


def batch_label(batch: ImportBatch) -> str:
    """An earlier import as the reviewer recognises it: file, when, how many entries."""
    when = batch.imported_at.astimezone()
    entries = plural(batch.row_count - batch.left_out, "entry", "entries")
    return f"{batch.file_name}, imported {when:%d/%m/%Y at %H:%M} ({entries})"


def column_name(index: int, heading: str) -> str:
    """A column as the reviewer sees it in the agency's file: its heading, or its place."""
    text = " ".join(heading.split())
    return text if text else f"Column {index + 1} (no heading)"
