"""Writing a review's learning dataset as JSON or CSV, after the anonymisation gate.

`export_learning_dataset` takes the review's dataset as the services build it (pseudonymised,
every string scanned with the review's pseudonym register, `DatasetBlockedError` listing where
when anything is found), then writes through a private temporary file
(owner-only, never over an existing file unless asked). The format is documented in
docs/learning-dataset.md. The file is a deliberate export and is not encrypted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from reviewer_app.errors import UserFacingError
from reviewer_app.learning.dataset import LearningDataset, to_csv, to_json
from reviewer_app.new_files import write_new_atomic

DatasetFormat = Literal["json", "csv"]
DATASET_FORMATS: tuple[DatasetFormat, ...] = ("json", "csv")


def dataset_text(dataset: LearningDataset, file_format: DatasetFormat) -> str:
    if file_format == "json":
        return to_json(dataset)
    if file_format == "csv":
        return to_csv(dataset)
    raise UserFacingError(f"A learning dataset can be written as JSON or CSV, not '{file_format}'.")


def write_dataset(
    dataset: LearningDataset, file_format: DatasetFormat, path: Path, *, overwrite: bool = False
) -> Path:
    # UTF-8 with a byte-order mark for CSV, so spreadsheet programs read "–" in age bands right.
    text = dataset_text(dataset, file_format)
    data = ("\ufeff" + text if file_format == "csv" else text).encode("utf-8")
    write_new_atomic(path, data, replace=overwrite)
    return path


def export_learning_dataset(
    build: Callable[[], LearningDataset],
    path: Path,
    file_format: DatasetFormat = "json",
    *,
    overwrite: bool = False,
) -> LearningDataset:
    """Build (through the anonymisation gate), and write the review's learning dataset;
    returns what was written."""
    if file_format not in DATASET_FORMATS:
        raise UserFacingError(
            f"A learning dataset can be written as JSON or CSV, not '{file_format}'."
        )
    dataset = build()
    write_dataset(dataset, file_format, path, overwrite=overwrite)
    return dataset
