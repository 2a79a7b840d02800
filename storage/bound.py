"""Repositories reach the engine through the open file, so a locked review fails loudly."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, select, update

EngineSource = Callable[[], Engine]


class EngineBound:
    def __init__(self, engine: EngineSource) -> None:
        self._engine_source = engine

    @property
    def _engine(self) -> Engine:
        return self._engine_source()


def upsert_by_id(
    conn: Connection, table: Table, object_id: int | None, row: Mapping[str, Any]
) -> int:
    """Update the row with `object_id` if it is there, else insert `row` with that id (a new id
    when `object_id` is None); return the row's id.

    Inserting with the old id is what lets undo bring back a deleted object under the id that
    other things (links, open undo steps) still hold.
    """
    c = table.c
    if object_id is not None and conn.execute(select(c.id).where(c.id == object_id)).first():
        conn.execute(update(table).where(c.id == object_id).values(**row))
        return object_id
    values = dict(row) if object_id is None else {**row, "id": object_id}
    inserted = conn.execute(insert(table).values(**values)).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])
