"""The collated table, for a partnership's own analysis: CSV (one way of collating) or an Excel
workbook (a sheet per way, and one listing the datasets with where each came from).

Every string written passed the import gate, except the names of the files the datasets came
from: those are checked here and withheld if anything in them could identify someone."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Literal

from exporters.xlsx_table import Sheet, workbook_bytes
from reviewer_app.errors import UserFacingError
from reviewer_app.learning.checks import identifying
from reviewer_app.learning.collation import Collation, Dimension, review_type_label
from reviewer_app.new_files import write_new_atomic

TableFormat = Literal["csv", "xlsx"]
HEADERS = ("Findings", "Reviews")
WITHHELD = "(withheld: the file's name may identify someone)"
FLAGGED = "Reuses another dataset's id, with other findings"


def shown_file_name(name: str) -> str:
    """A dataset's file name as written to a table: withheld if the anonymisation check finds
    anything in it (a file may be named after the child)."""
    return WITHHELD if identifying(name) else name


def group_rows(collation: Collation, dimension: Dimension) -> list[tuple[str, int, int]]:
    return [(g.label, g.count, g.review_count) for g in collation.groups(dimension)]


def collation_csv(collation: Collation, dimension: Dimension) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([dimension.label, *HEADERS])
    writer.writerows(group_rows(collation, dimension))
    return out.getvalue()


def collation_workbook(collation: Collation) -> bytes:
    sheets = [
        Sheet(f"By {d.label.lower()}"[:31], (d.label, *HEADERS), group_rows(collation, d))
        for d in Dimension
    ]
    sheets.append(
        Sheet(
            "Datasets",
            (
                "File",
                "Dataset id",
                "Type of review",
                "Year",
                "Region",
                "Findings",
                "Imported",
                "Flag",
            ),
            [
                (
                    shown_file_name(h.file_name),
                    h.dataset.dataset_id,
                    review_type_label(h.dataset.review_type),
                    h.dataset.review_year,
                    h.dataset.region,
                    len(h.dataset.findings),
                    h.imported_at,
                    FLAGGED if h.flag else "",  # the flag names the other dataset's file
                )
                for h in collation.counted()
            ],
        )
    )
    return workbook_bytes(sheets)


def write_collation_table(
    collation: Collation,
    file_format: TableFormat,
    path: Path,
    *,
    dimension: Dimension = Dimension.THEME,
    overwrite: bool = False,
) -> Path:
    """Write the collated counts (the current filter applies)."""
    if file_format == "csv":
        data = collation_csv(collation, dimension).encode("utf-8")
    elif file_format == "xlsx":
        data = collation_workbook(collation)
    else:
        raise UserFacingError(
            f"The collated table can be written as CSV or XLSX, not '{file_format}'."
        )
    write_new_atomic(path, data, replace=overwrite)
    return path
