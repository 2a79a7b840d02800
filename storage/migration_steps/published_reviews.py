"""The learning library's version 4: published case reviews the reviewer has downloaded.

`published_report` describes each (its content hash recognises the same report imported twice;
`status` 'needs-text' marks a scan with no text). `published_passage` holds its text in
paragraph-sized passages with page and section, indexed for search by `published_fts` (FTS5,
Porter stemming, kept in step by triggers). `published_theme` holds the themes suggested for a
report, with their score and evidence, and the reviewer's decision; `published_passage_theme`
the themes each passage mentions, for searching within a theme.
"""

from __future__ import annotations

DESCRIPTION = "published case reviews"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE published_report (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE CHECK (length(content_hash) = 64),
        file_name TEXT NOT NULL,
        title TEXT NOT NULL,
        year INTEGER,
        partnership TEXT NOT NULL DEFAULT '',
        review_type TEXT NOT NULL DEFAULT '',
        pages INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('read', 'needs-text')),
        imported_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE published_passage (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES published_report (id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        section TEXT NOT NULL,
        text TEXT NOT NULL
    )
    """,
    "CREATE INDEX ix_published_passage_report ON published_passage (report_id)",
    """
    CREATE VIRTUAL TABLE published_fts USING fts5 (
        text, content = 'published_passage', content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER published_fts_insert AFTER INSERT ON published_passage BEGIN
        INSERT INTO published_fts (rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER published_fts_delete AFTER DELETE ON published_passage BEGIN
        INSERT INTO published_fts (published_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TABLE published_theme (
        report_id INTEGER NOT NULL REFERENCES published_report (id) ON DELETE CASCADE,
        theme TEXT NOT NULL,
        kind TEXT NOT NULL,
        score INTEGER NOT NULL,
        evidence TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'suggested'
            CHECK (state IN ('suggested', 'confirmed', 'rejected')),
        PRIMARY KEY (report_id, theme)
    )
    """,
    """
    CREATE TABLE published_passage_theme (
        passage_id INTEGER NOT NULL REFERENCES published_passage (id) ON DELETE CASCADE,
        theme TEXT NOT NULL,
        PRIMARY KEY (passage_id, theme)
    )
    """,
    "CREATE INDEX ix_published_passage_theme ON published_passage_theme (theme)",
)
