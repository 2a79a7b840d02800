"""The DDL of a table of files attached to a note, written once for the two files that have one.

The learning library's `note_attachment` (library version 1) and the review's
`attached_note_file` (review version 6) have the same shape: only the table, its owner column
and its index are named differently. Both steps are released, so this text is frozen like them:
a later change to either table is a new step in that file's migrations, never an edit here.
(`tests/storage/test_old_files.py` checks that files made before this module existed still have
exactly the schema a new file gets.)
"""

from __future__ import annotations


def attached_files_ddl(table: str, owner: str, owner_table: str, index: str) -> tuple[str, str]:
    """CREATE TABLE and CREATE INDEX for a table of files, each belonging to a row of
    `owner_table` through the column `owner`."""
    return (
        f"""
    CREATE TABLE {table} (
        id INTEGER PRIMARY KEY,
        {owner} INTEGER NOT NULL REFERENCES {owner_table} (id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        name TEXT NOT NULL CHECK (trim(name) <> ''),
        media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
        data BLOB NOT NULL CHECK (length(data) <= 5242880)
    )
    """,
        f"CREATE INDEX {index} ON {table} ({owner})",
    )
