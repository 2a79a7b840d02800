"""Versioned schema migrations, run on the raw connection in one transaction each.

`PRAGMA user_version` holds the schema version; `PRAGMA application_id` marks a review. A
migration is frozen once released: new needs get a new step, never an edit to an old one.
Before migrating an existing file the caller takes a backup copy (see `ReviewFile.open`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from storage.connection import APPLICATION_ID, Connection
from storage.migration_steps import (
    chronology_overview_index,
    chronology_requests,
    finding_evidence,
    lifecycle,
    report_control,
    report_sections,
    search_index,
    v3_people_analysis,
    v4_quality_timetable,
    v5_reporting,
    v6_learning_notes,
    v7_anonymisation_decisions,
    v8_key_derivation,
    v9_rapid_review,
)


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

_V2 = (
    """
    CREATE TABLE agency (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
        agency_type TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        role TEXT NOT NULL,
        real_name TEXT NOT NULL DEFAULT '',
        pseudonym TEXT NOT NULL DEFAULT '',
        relationship TEXT NOT NULL DEFAULT '',
        date_of_birth TEXT,
        is_subject INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE import_batch (
        id INTEGER PRIMARY KEY,
        agency_id INTEGER NOT NULL REFERENCES agency (id),
        file_name TEXT NOT NULL,
        file_format TEXT NOT NULL,
        sheet TEXT,
        imported_at TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        left_out INTEGER NOT NULL DEFAULT 0,
        mapping TEXT NOT NULL DEFAULT '{}'
    )
    """,
    """
    CREATE TABLE chronology_entry (
        id INTEGER PRIMARY KEY,
        agency_id INTEGER NOT NULL REFERENCES agency (id),
        batch_id INTEGER REFERENCES import_batch (id) ON DELETE CASCADE,
        date_start TEXT,
        date_end TEXT,
        date_precision TEXT NOT NULL,
        date_qualifier TEXT NOT NULL,
        date_original TEXT NOT NULL DEFAULT '',
        time TEXT,
        sequence INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL CHECK (trim(source) <> ''),
        practitioner TEXT NOT NULL DEFAULT '',
        event TEXT NOT NULL CHECK (trim(event) <> ''),
        outcome TEXT NOT NULL DEFAULT '',
        agency_comment TEXT NOT NULL DEFAULT '',
        comment TEXT NOT NULL DEFAULT '',
        flags INTEGER NOT NULL DEFAULT 0,
        row_number INTEGER,
        original_row TEXT NOT NULL DEFAULT '[]'
    )
    """,
    "CREATE INDEX ix_entry_dates ON chronology_entry (date_start, date_end)",
    "CREATE INDEX ix_entry_agency ON chronology_entry (agency_id)",
    "CREATE INDEX ix_entry_batch ON chronology_entry (batch_id)",
    """
    CREATE TABLE entry_person (
        entry_id INTEGER NOT NULL REFERENCES chronology_entry (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        PRIMARY KEY (entry_id, person_id)
    )
    """,
    """
    CREATE TABLE same_event (
        entry_a INTEGER NOT NULL REFERENCES chronology_entry (id) ON DELETE CASCADE,
        entry_b INTEGER NOT NULL REFERENCES chronology_entry (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed')),
        score REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (entry_a, entry_b),
        CHECK (entry_a < entry_b)
    )
    """,
    """
    CREATE VIRTUAL TABLE chronology_fts USING fts5 (
        source, practitioner, event, outcome, agency_comment, comment,
        content = 'chronology_entry', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER chronology_fts_insert AFTER INSERT ON chronology_entry BEGIN
        INSERT INTO chronology_fts (rowid, source, practitioner, event, outcome,
                                    agency_comment, comment)
        VALUES (new.id, new.source, new.practitioner, new.event, new.outcome,
                new.agency_comment, new.comment);
    END
    """,
    """
    CREATE TRIGGER chronology_fts_delete AFTER DELETE ON chronology_entry BEGIN
        INSERT INTO chronology_fts (chronology_fts, rowid, source, practitioner, event, outcome,
                                    agency_comment, comment)
        VALUES ('delete', old.id, old.source, old.practitioner, old.event, old.outcome,
                old.agency_comment, old.comment);
    END
    """,
    """
    CREATE TRIGGER chronology_fts_update AFTER UPDATE ON chronology_entry BEGIN
        INSERT INTO chronology_fts (chronology_fts, rowid, source, practitioner, event, outcome,
                                    agency_comment, comment)
        VALUES ('delete', old.id, old.source, old.practitioner, old.event, old.outcome,
                old.agency_comment, old.comment);
        INSERT INTO chronology_fts (rowid, source, practitioner, event, outcome,
                                    agency_comment, comment)
        VALUES (new.id, new.source, new.practitioner, new.event, new.outcome,
                new.agency_comment, new.comment);
    END
    """,
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "review details", _V1),
    Migration(2, "agencies, people and the chronology", _V2),
    Migration(3, v3_people_analysis.DESCRIPTION, v3_people_analysis.STATEMENTS),
    Migration(4, v4_quality_timetable.DESCRIPTION, v4_quality_timetable.STATEMENTS),
    Migration(5, v5_reporting.DESCRIPTION, v5_reporting.STATEMENTS),
    Migration(6, v6_learning_notes.DESCRIPTION, v6_learning_notes.STATEMENTS),
    Migration(7, v7_anonymisation_decisions.DESCRIPTION, v7_anonymisation_decisions.STATEMENTS),
    Migration(8, v8_key_derivation.DESCRIPTION, v8_key_derivation.STATEMENTS),
    Migration(9, v9_rapid_review.DESCRIPTION, v9_rapid_review.STATEMENTS),
    Migration(10, report_control.DESCRIPTION, report_control.STATEMENTS),
    Migration(11, chronology_requests.DESCRIPTION, chronology_requests.STATEMENTS),
    Migration(12, lifecycle.DESCRIPTION, lifecycle.STATEMENTS),
    Migration(13, finding_evidence.DESCRIPTION, finding_evidence.STATEMENTS),
    Migration(14, report_sections.DESCRIPTION, report_sections.STATEMENTS),
    Migration(15, search_index.DESCRIPTION, search_index.STATEMENTS),
    Migration(16, chronology_overview_index.DESCRIPTION, chronology_overview_index.STATEMENTS),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def migrate(
    conn: Connection,
    from_version: int,
    migrations: tuple[Migration, ...] = MIGRATIONS,
    on_step: Callable[[Migration], None] | None = None,
    application_id: int = APPLICATION_ID,
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
            conn.execute(f"PRAGMA application_id = {int(application_id)}")
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = step.version
        if on_step is not None:
            on_step(step)
    return version
