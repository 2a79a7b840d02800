"""A record's row, by column name: each field goes to the column of the same name.

Repositories used to list every field of a record again when writing its row; here the row is
derived from the table's columns and the record's dataclass fields, so the call lists only what
is converted on the way (enums, dates, JSON, stripped text, a differently named field). Links to
other records live in link tables and stay explicit in each repository.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import Table


def record_row(record: Any, table: Table, /, **converted: Any) -> dict[str, Any]:
    """The values for every column of `table` but `id`, taken from the dataclass `record`.

    A column takes its value from `converted` when named there, else from the record's field
    of the same name, as it is. A column with neither, or a name in `converted` that is not a
    column, raises `ValueError`: a column added to the schema fails the first save until the
    record or the repository says what goes in it, rather than being silently left empty.
    """
    columns = [column.name for column in table.columns if column.name != "id"]
    unknown = set(converted) - set(columns)
    if unknown:
        raise ValueError(f"table {table.name} has no column {', '.join(sorted(unknown))}")
    fields = {field.name for field in dataclasses.fields(record)}
    row: dict[str, Any] = {}
    for name in columns:
        if name in converted:
            row[name] = converted[name]
        elif name in fields:
            row[name] = getattr(record, name)
        else:
            raise ValueError(
                f"nothing to store in {table.name}.{name}: "
                f"{type(record).__name__} has no field of that name"
            )
    return row
