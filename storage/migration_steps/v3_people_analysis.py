"""Schema version 3: people, conversations, key practice episodes and findings.

The `person` table exists since version 2 (the subject child); it gains the columns the people
part needs. Every link between evidence and analysis is a row in a link table whose foreign keys
cascade, so deleting an entry, passage, episode or person never leaves a dangling link.
Lists that belong to one row only (themes, perspectives, factors, safeguards, a structured
record) are JSON text in that row.
"""

from __future__ import annotations

DESCRIPTION = "people, conversations, key practice episodes and findings"

_PERSON_COLUMNS = (
    "other_names TEXT NOT NULL DEFAULT '[]'",
    "job_title TEXT NOT NULL DEFAULT ''",
    "agency_id INTEGER REFERENCES agency (id) ON DELETE SET NULL",
    "team TEXT NOT NULL DEFAULT ''",
    "language TEXT NOT NULL DEFAULT ''",
    "interpreter INTEGER NOT NULL DEFAULT 0",
    "access_needs TEXT NOT NULL DEFAULT ''",
    "contact_preferences TEXT NOT NULL DEFAULT ''",
    "involvement TEXT NOT NULL DEFAULT 'not-yet-asked'",
    "not_involved_reason TEXT NOT NULL DEFAULT ''",
    "address TEXT NOT NULL DEFAULT ''",
    "postcode TEXT NOT NULL DEFAULT ''",
    "phone TEXT NOT NULL DEFAULT ''",
    "nhs_number TEXT NOT NULL DEFAULT ''",
)

STATEMENTS: tuple[str, ...] = (
    *(f"ALTER TABLE person ADD COLUMN {column}" for column in _PERSON_COLUMNS),
    "CREATE INDEX ix_entry_person_person ON entry_person (person_id)",
    """
    CREATE TABLE agency_detail (
        agency_id INTEGER PRIMARY KEY REFERENCES agency (id) ON DELETE CASCADE,
        involvement TEXT NOT NULL,
        records_secured TEXT,
        chronology_requested TEXT,
        chronology_due TEXT,
        chronology_received TEXT,
        report_requested TEXT,
        report_due TEXT,
        report_received TEXT,
        contact TEXT NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE TABLE involvement_event (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        date TEXT,
        note TEXT NOT NULL DEFAULT '',
        how_used TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX ix_involvement_person ON involvement_event (person_id)",
    """
    CREATE TABLE case_identifier (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        text TEXT NOT NULL CHECK (trim(text) <> ''),
        replacement TEXT NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE TABLE conversation_guide (
        key TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        questions TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE conversation (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT NOT NULL CHECK (trim(title) <> ''),
        date TEXT,
        mode TEXT NOT NULL,
        consent_notes TEXT NOT NULL DEFAULT '',
        support_notes TEXT NOT NULL DEFAULT '',
        guide_key TEXT NOT NULL DEFAULT '',
        record TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        transcript TEXT NOT NULL DEFAULT '',
        transcript_name TEXT NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE TABLE conversation_person (
        conversation_id INTEGER NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
        PRIMARY KEY (conversation_id, person_id)
    )
    """,
    """
    CREATE TABLE passage (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
        text TEXT NOT NULL CHECK (trim(text) <> ''),
        themes TEXT NOT NULL DEFAULT '[]'
    )
    """,
    "CREATE INDEX ix_passage_conversation ON passage (conversation_id)",
    """
    CREATE TABLE key_episode (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (trim(title) <> ''),
        date_start TEXT,
        date_end TEXT,
        narrative TEXT NOT NULL DEFAULT '',
        perspectives TEXT NOT NULL DEFAULT '[]',
        factors TEXT NOT NULL DEFAULT '[]',
        appraisal TEXT NOT NULL DEFAULT 'not-yet',
        reasoning TEXT NOT NULL DEFAULT '',
        safeguards TEXT NOT NULL DEFAULT '[]'
    )
    """,
    """
    CREATE TABLE finding (
        id INTEGER PRIMARY KEY,
        statement TEXT NOT NULL CHECK (trim(statement) <> ''),
        category TEXT NOT NULL DEFAULT '',
        how_it_showed TEXT NOT NULL DEFAULT '',
        systemic_evidence TEXT NOT NULL DEFAULT '',
        why_it_matters TEXT NOT NULL DEFAULT '',
        board_questions TEXT NOT NULL DEFAULT '',
        recommendations TEXT NOT NULL DEFAULT '',
        priority TEXT NOT NULL DEFAULT 'medium',
        theme TEXT NOT NULL DEFAULT '',
        journey_stage TEXT NOT NULL DEFAULT ''
    )
    """,
    *(
        f"""
        CREATE TABLE {name} (
            {a} INTEGER NOT NULL REFERENCES {a_table} (id) ON DELETE CASCADE,
            {b} INTEGER NOT NULL REFERENCES {b_table} (id) ON DELETE CASCADE,
            PRIMARY KEY ({a}, {b})
        )
        """
        for name, a, a_table, b, b_table in (
            ("passage_entry", "passage_id", "passage", "entry_id", "chronology_entry"),
            ("passage_episode", "passage_id", "passage", "episode_id", "key_episode"),
            ("episode_entry", "episode_id", "key_episode", "entry_id", "chronology_entry"),
            ("finding_episode", "finding_id", "finding", "episode_id", "key_episode"),
            ("finding_entry", "finding_id", "finding", "entry_id", "chronology_entry"),
            ("finding_passage", "finding_id", "finding", "passage_id", "passage"),
        )
    ),
    "CREATE INDEX ix_passage_entry_entry ON passage_entry (entry_id)",
    "CREATE INDEX ix_episode_entry_entry ON episode_entry (entry_id)",
    "CREATE INDEX ix_finding_entry_entry ON finding_entry (entry_id)",
)
