"""Taking chronology entries out of the file so that undo can put them back exactly.

`remove_entries` reads each entry's row as stored (every column: its id, the agency's original
row and provenance, flags, comments) and every row in any table that points at it by a foreign
key (same-event decisions, people, key practice episodes, findings' evidence, passages), found
from the schema itself so a table added later is covered too; then it deletes the entries (the
pointing rows go with them by cascade, the search index by trigger). `restore_entries` inserts
the same rows again, entries first, under the same ids, so everything that referred to them
points at them again.

A link whose other end has gone meanwhile (a finding deleted after the entry was) is left out:
the entry still comes back. An entry whose id has been taken by another entry, or whose agency
or import has gone, cannot come back: the reviewer is told and nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError

from reviewer_app.chronology.repository import RemovedEntries
from reviewer_app.errors import InvalidInputError

_ENTRIES = "chronology_entry"
Row = tuple[str, tuple[tuple[str, object], ...]]


# Table and column names in the statements below come from the file's own schema (sqlite_master
# and PRAGMA foreign_key_list), quoted; every value is a bound parameter.


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _pointing_columns(conn: Any) -> list[tuple[str, str]]:
    """(table, column) for every foreign key that refers to a chronology entry."""
    tables = [
        str(row[0])
        for row in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    found: list[tuple[str, str]] = []
    for table in tables:
        for key in conn.exec_driver_sql(f"PRAGMA foreign_key_list({_quoted(table)})"):
            # (id, seq, table, from, to, on_update, on_delete, match)
            if str(key[2]) == _ENTRIES:
                found.append((table, str(key[3])))
    return found


def _rows(conn: Any, table: str, column: str, ids: Sequence[int]) -> list[Row]:
    marks = ", ".join("?" for _ in ids)
    result = conn.exec_driver_sql(
        f"SELECT * FROM {_quoted(table)} WHERE {_quoted(column)} IN ({marks})",  # noqa: S608
        tuple(ids),
    )
    names = list(result.keys())
    return [(table, tuple(zip(names, row, strict=True))) for row in result]


def remove_entries(conn: Any, entry_ids: Sequence[int]) -> RemovedEntries:
    """Delete these entries (inside the caller's transaction); returns what `restore_entries`
    needs to put them back as they were."""
    ids = list(dict.fromkeys(entry_ids))
    if not ids:
        return RemovedEntries((), ())
    rows: list[Row] = _rows(conn, _ENTRIES, "id", ids)
    seen: set[Row] = set()
    for table, column in _pointing_columns(conn):
        for row in _rows(conn, table, column, ids):
            if row not in seen:  # a same-event pair of two removed entries is read twice
                seen.add(row)
                rows.append(row)
    marks = ", ".join("?" for _ in ids)
    conn.exec_driver_sql(f"DELETE FROM {_ENTRIES} WHERE id IN ({marks})", tuple(ids))  # noqa: S608
    return RemovedEntries(tuple(rows), tuple(ids))


def _insert(conn: Any, table: str, values: tuple[tuple[str, object], ...]) -> None:
    columns = ", ".join(_quoted(name) for name, _ in values)
    marks = ", ".join("?" for _ in values)
    conn.exec_driver_sql(
        f"INSERT INTO {_quoted(table)} ({columns}) VALUES ({marks})",  # noqa: S608
        tuple(value for _, value in values),
    )


def restore_entries(conn: Any, removed: RemovedEntries) -> None:
    """Put removed entries and their links back (inside the caller's transaction)."""
    for table, values in removed.rows:
        if table == _ENTRIES:
            try:
                _insert(conn, table, values)
            except IntegrityError as error:
                raise InvalidInputError(
                    "A deleted chronology entry could not be brought back: the review has "
                    "changed since (its agency or import may have been removed), so nothing "
                    "was changed."
                ) from error
            continue
        savepoint = conn.begin_nested()
        try:
            _insert(conn, table, values)
        except IntegrityError:
            savepoint.rollback()  # the other end of this link has gone since: leave it out
        else:
            savepoint.commit()
