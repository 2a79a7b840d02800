"""The learning library's version 3: the collation of learning datasets, kept between sessions.

`collated_dataset` holds each dataset the collator imported, as the JSON the app writes (its
`key` is the SHA-256 of its content without its id, so the same content is held once), with the
file it came from, when, and a flag for the collator (an id reused with other findings).
`theme_merge` maps a theme key to the key it counts under; `theme_merge_dismissed` records
suggested merges the collator said no to, so they are not offered again.
"""

from __future__ import annotations

DESCRIPTION = "the collation of learning datasets"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE collated_dataset (
        key TEXT PRIMARY KEY CHECK (length(key) = 64),
        dataset_id TEXT NOT NULL,
        file_name TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        flag TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL
    )
    """,
    "CREATE INDEX ix_collated_dataset_id ON collated_dataset (dataset_id)",
    """
    CREATE TABLE theme_merge (
        variant TEXT PRIMARY KEY CHECK (variant <> ''),
        canonical TEXT NOT NULL CHECK (canonical <> '' AND canonical <> variant)
    )
    """,
    """
    CREATE TABLE theme_merge_dismissed (
        variant TEXT NOT NULL,
        canonical TEXT NOT NULL,
        PRIMARY KEY (variant, canonical)
    )
    """,
)
