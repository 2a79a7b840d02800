"""Taking rows out of the file so that undo can put them back exactly.

`remove_rows` reads each row as stored (every column, its id included) and every row in any
table that points at it by a foreign key, found from the schema itself so that a table added
later is covered too; rows that a cascade would delete are followed in turn (a conversation's
passages, and the passages' links). Then it deletes: rows whose key does not cascade and would
block the deletion (a learning note attached to a finding) go first, cascades take the rest,
and keys declared `SET NULL` (an action answering a finding) are emptied by the database.

`restore_rows` inserts the same rows again, in the order read, under the same ids, so that
everything that referred to them points at them again; a row that is still there with its key
emptied gets the key back. A link whose other end has gone meanwhile (a finding deleted after
the entry was) is left out: the rest still comes back. A deleted row whose id has been taken,
or whose own parent has gone, cannot come back: the reviewer is told and nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from reviewer_app.errors import InvalidInputError
from reviewer_app.removed_rows import RemovedRows, StoredRow

# Table and column names in the statements below come from the file's own schema (sqlite_master
# and PRAGMA foreign_key_list), quoted; every value is a bound parameter.


@dataclass(frozen=True, slots=True)
class _Key:
    table: str  # the table holding the key
    column: str
    on_delete: str  # CASCADE, SET NULL, NO ACTION, RESTRICT


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _keys_to(conn: Any, target: str) -> list[_Key]:
    """Every foreign key that refers to a row of `target`."""
    tables = [
        str(row[0])
        for row in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    found: list[_Key] = []
    for table in tables:
        for key in conn.exec_driver_sql(f"PRAGMA foreign_key_list({_quoted(table)})"):
            # (id, seq, table, from, to, on_update, on_delete, match)
            if str(key[2]) == target:
                found.append(_Key(table, str(key[3]), str(key[6]).upper()))
    return found


def _rows(conn: Any, table: str, column: str, ids: Sequence[int]) -> list[StoredRow]:
    marks = ", ".join("?" for _ in ids)
    result = conn.exec_driver_sql(
        f"SELECT * FROM {_quoted(table)} WHERE {_quoted(column)} IN ({marks})",  # noqa: S608
        tuple(ids),
    )
    names = list(result.keys())
    return [(table, tuple(zip(names, row, strict=True))) for row in result]


def _row_id(row: StoredRow) -> int | None:
    value = dict(row[1]).get("id")
    return value if isinstance(value, int) else None


def _delete(conn: Any, table: str, column: str, ids: Sequence[int]) -> None:
    marks = ", ".join("?" for _ in ids)
    conn.exec_driver_sql(
        f"DELETE FROM {_quoted(table)} WHERE {_quoted(column)} IN ({marks})",  # noqa: S608
        tuple(ids),
    )


def remove_rows(conn: Any, table: str, ids: Sequence[int]) -> RemovedRows:
    """Delete these rows of `table` (inside the caller's transaction); returns what
    `restore_rows` needs to put them back as they were."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return RemovedRows((), ())
    rows: list[StoredRow] = _rows(conn, table, "id", wanted)
    seen: set[StoredRow] = set(rows)
    blocking: list[tuple[str, str, list[int]]] = []
    queue: list[tuple[str, list[int]]] = [(table, wanted)]
    while queue:
        target, target_ids = queue.pop(0)
        for key in _keys_to(conn, target):
            found = [r for r in _rows(conn, key.table, key.column, target_ids) if r not in seen]
            if not found:
                continue
            seen.update(found)  # a link between two removed rows is read twice
            rows.extend(found)
            if key.on_delete in {"NO ACTION", "RESTRICT"}:
                blocking.append((key.table, key.column, target_ids))
            if key.on_delete in {"CASCADE", "NO ACTION", "RESTRICT"}:
                dependent = [i for i in map(_row_id, found) if i is not None]
                if dependent:
                    queue.append((key.table, dependent))
    for blocking_table, column, target_ids in reversed(blocking):
        _delete(conn, blocking_table, column, target_ids)
    _delete(conn, table, "id", wanted)
    return RemovedRows(tuple(rows), tuple(wanted))


def _insert(conn: Any, table: str, values: tuple[tuple[str, object], ...]) -> None:
    columns = ", ".join(_quoted(name) for name, _ in values)
    marks = ", ".join("?" for _ in values)
    conn.exec_driver_sql(
        f"INSERT INTO {_quoted(table)} ({columns}) VALUES ({marks})",  # noqa: S608
        tuple(value for _, value in values),
    )


def _key_given_back(conn: Any, table: str, values: tuple[tuple[str, object], ...]) -> None:
    """The row is still there (its key was emptied by `SET NULL`): give the emptied keys back."""
    stored = dict(values)
    row_id = stored.get("id")
    if row_id is None:
        raise IntegrityError("no id", None, Exception("no id"))
    current = conn.exec_driver_sql(
        f"SELECT * FROM {_quoted(table)} WHERE id = ?",  # noqa: S608
        (row_id,),
    )
    names = list(current.keys())
    now = current.first()
    if now is None:
        raise IntegrityError("gone", None, Exception("gone"))
    emptied = [
        name
        for name, value in zip(names, now, strict=True)
        if value is None and stored.get(name) is not None
    ]
    for name in emptied:
        conn.exec_driver_sql(
            f"UPDATE {_quoted(table)} SET {_quoted(name)} = ? WHERE id = ?",  # noqa: S608
            (stored[name], row_id),
        )


def restore_rows(conn: Any, removed: RemovedRows, refused: str) -> None:
    """Put removed rows and what depended on them back (inside the caller's transaction);
    `refused` is the message if the deleted rows themselves cannot come back."""
    first = removed.rows[0][0] if removed.rows else ""
    for table, values in removed.rows:
        if table == first and _row_id((table, values)) in removed.ids:
            try:
                _insert(conn, table, values)
            except IntegrityError as error:
                raise InvalidInputError(refused) from error
            continue
        savepoint = conn.begin_nested()
        try:
            try:
                _insert(conn, table, values)
            except IntegrityError:
                savepoint.rollback()
                savepoint = conn.begin_nested()
                _key_given_back(conn, table, values)
        except IntegrityError:
            savepoint.rollback()  # the other end of this link has gone since: leave it out
        else:
            savepoint.commit()
