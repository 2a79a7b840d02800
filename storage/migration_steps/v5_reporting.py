"""Schema version 5: the review's log (recorded anonymisation overrides and similar events).

The register itself (people's pseudonyms, case identifiers) lives in the version 3 tables.
"""

from __future__ import annotations

DESCRIPTION = "the anonymisation register and the review's log"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE review_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (trim(kind) <> ''),
        summary TEXT NOT NULL DEFAULT '',
        count INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX review_log_kind ON review_log (kind, at)",
)
