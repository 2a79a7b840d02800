"""Schema version 4: quality markers, the timetable and the delay log."""

from __future__ import annotations

DESCRIPTION = "quality markers, the timetable and the delay log"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE quality_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        marker_set TEXT NOT NULL CHECK (trim(marker_set) <> '')
    )
    """,
    """
    CREATE TABLE quality_marker (
        marker_set TEXT NOT NULL,
        marker INTEGER NOT NULL,
        status TEXT NOT NULL
            CHECK (status IN ('not-started', 'in-progress', 'addressed', 'not-applicable')),
        notes TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (marker_set, marker)
    )
    """,
    """
    CREATE TABLE quality_prompt (
        marker_set TEXT NOT NULL,
        marker INTEGER NOT NULL,
        prompt TEXT NOT NULL,
        status TEXT NOT NULL
            CHECK (status IN ('not-started', 'in-progress', 'addressed', 'not-applicable')),
        notes TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (marker_set, marker, prompt)
    )
    """,
    """
    CREATE TABLE quality_evidence (
        id INTEGER PRIMARY KEY,
        marker_set TEXT NOT NULL,
        marker INTEGER NOT NULL,
        prompt TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (trim(kind) <> ''),
        ref TEXT NOT NULL DEFAULT '',
        label TEXT NOT NULL CHECK (trim(label) <> '')
    )
    """,
    "CREATE INDEX ix_quality_evidence_marker ON quality_evidence (marker_set, marker)",
    "CREATE INDEX ix_quality_evidence_target ON quality_evidence (kind, ref)",
    """
    CREATE TABLE milestone (
        kind TEXT PRIMARY KEY,
        done_on TEXT,
        due_override TEXT,
        not_applicable INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE TABLE delay (
        id INTEGER PRIMARY KEY,
        milestone TEXT,
        recorded_on TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (trim(reason) <> ''),
        revised_date TEXT,
        board_told INTEGER NOT NULL DEFAULT 0,
        board_told_on TEXT
    )
    """,
)
