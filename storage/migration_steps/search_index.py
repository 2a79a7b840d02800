"""The chronology's full-text index made again with a prefix index of one character.

Every word typed in the chronology's search box is searched as a prefix (`fts_query`), and a
word of one letter ("Child M", or the first letter typed) is a prefix that thousands of words
share ("m": "mother", "midwife", "Mr" …). Without a prefix index FTS5 merges every one of those
words' lists of entries on each search: 30–35 ms of CPU for "Child M" at 200,000 entries. With
`prefix = '1'` the index keeps one list for each first character, and such a search reads that
one list (about 10 ms). Two letters already narrow it enough (≤ 10 ms without an index: "mo",
"ch"), so only one-character prefixes are indexed: the index grows by about two thirds (29 to
49 MiB at 200,000 entries) where one- and two-character prefixes together more than doubled it.

`chronology_fts` keeps everything else: external content from `chronology_entry`, the same
columns, the `unicode61 remove_diacritics 2` tokenizer and full detail (positions), so a word
that the tokenizer splits into a phrase ("a_b") still matches. Its three triggers are made again
unchanged, and the index is filled from the entries in one statement (`rebuild`).
"""

from __future__ import annotations

DESCRIPTION = "the chronology's search index, with a one-character prefix index"

STATEMENTS: tuple[str, ...] = (
    "DROP TRIGGER IF EXISTS chronology_fts_insert",
    "DROP TRIGGER IF EXISTS chronology_fts_delete",
    "DROP TRIGGER IF EXISTS chronology_fts_update",
    "DROP TABLE IF EXISTS chronology_fts",
    """
    CREATE VIRTUAL TABLE chronology_fts USING fts5 (
        source, practitioner, event, outcome, agency_comment, comment,
        content = 'chronology_entry', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1'
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
    "INSERT INTO chronology_fts (chronology_fts) VALUES ('rebuild')",
)
