"""Versioned schema migrations, run on the raw connection in one transaction each.

`PRAGMA user_version` holds the schema version; `PRAGMA application_id` marks a review. A
migration is frozen once released: new needs get a new step, never an edit to an old one.
Before migrating an existing file the caller takes a backup copy (see `ReviewFile.open`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storage.connection import APPLICATION_ID, Connection


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_V1 = (
    """
    CREATE TABLE review (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        title TEXT NOT NULL,
        review_type TEXT NOT NULL,
        board TEXT NOT NULL DEFAULT '',
        methodology TEXT NOT NULL,
        scope_start TEXT,
        scope_end TEXT,
        status TEXT NOT NULL,
        marking TEXT NOT NULL,
        terms_of_reference TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    )
    """,
)

MIGRATIONS: tuple[Migration, ...] = (Migration(1, "review details", _V1),)
SCHEMA_VERSION = MIGRATIONS[-1].version


def migrate(
    conn: Connection,
    from_version: int,
    migrations: tuple[Migration, ...] = MIGRATIONS,
    on_step: Callable[[Migration], None] | None = None,
) -> int:
    """Apply every migration newer than `from_version`, each all-or-nothing; return the version."""
    version = from_version
    for step in migrations:
        if step.version <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in step.statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = step.version
        if on_step is not None:
            on_step(step)
    return version
