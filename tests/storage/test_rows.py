"""The two row helpers every repository uses: a record's row by column name, and upsert by id."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, create_engine, select

from storage.bound import upsert_by_id
from storage.rows import record_row

metadata = MetaData()
thing = Table(
    "thing",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("size", Integer, nullable=False),
)


@dataclass(frozen=True)
class Thing:
    name: str
    size: int = 0
    links: tuple[int, ...] = ()  # not a column: links live in link tables
    id: int | None = None


def test_a_row_takes_each_column_from_the_field_of_that_name_unless_converted() -> None:
    assert record_row(Thing("a", 3, (1, 2), id=9), thing) == {"name": "a", "size": 3}
    assert record_row(Thing(" a "), thing, name="a") == {"name": "a", "size": 0}


def test_a_column_with_no_field_and_no_value_is_refused() -> None:
    @dataclass(frozen=True)
    class Nameless:
        size: int

    with pytest.raises(ValueError, match=r"nothing to store in thing\.name"):
        record_row(Nameless(1), thing)


def test_a_converted_value_for_no_column_is_refused() -> None:
    with pytest.raises(ValueError, match="thing has no column colour"):
        record_row(Thing("a"), thing, colour="red")


def test_upsert_updates_inserts_with_the_id_given_or_a_new_one() -> None:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as conn:
        first = upsert_by_id(conn, thing, None, {"name": "a", "size": 1})
        assert upsert_by_id(conn, thing, first, {"name": "b", "size": 2}) == first
        assert upsert_by_id(conn, thing, 40, {"name": "c", "size": 3}) == 40  # undo of a delete
        rows = conn.execute(select(thing).order_by(thing.c.id)).mappings().all()
    assert [dict(r) for r in rows] == [
        {"id": first, "name": "b", "size": 2},
        {"id": 40, "name": "c", "size": 3},
    ]
    engine.dispose()


def test_a_new_row_gets_a_new_id_after_a_row_was_put_back_under_its_old_one() -> None:
    # Undo puts a deleted row back under its old id; the next new row must still get an id of
    # its own. SQLAlchemy keeps the insert compiled with an id column, so passing id=None there
    # inserts a row but reports its id as None.
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as conn:
        assert upsert_by_id(conn, thing, 7, {"name": "restored", "size": 1}) == 7
        new = upsert_by_id(conn, thing, None, {"name": "new", "size": 2})
        again = upsert_by_id(conn, thing, None, {"name": "newer", "size": 3})
        rows = conn.execute(select(thing.c.id, thing.c.name).order_by(thing.c.id)).all()
    assert isinstance(new, int) and isinstance(again, int)
    assert len({7, new, again}) == 3
    assert [tuple(r) for r in rows] == [(7, "restored"), (new, "new"), (again, "newer")]
    engine.dispose()
