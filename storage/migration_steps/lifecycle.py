"""The review's lifecycle after the analysis: drafts sent out and the comments that came back.

`draft_circulation`: a draft version (the report's version number, from the review's log) sent
to someone on a date for a purpose (`reviewer_app/drafts/model.py: Purpose`).
`draft_comment`: the response log: each Word comment or tracked change read back from a
returned copy (which version, who returned it, Word's author, the passage and its paragraph,
what was said), with the reviewer's response and whether the draft changed.
"""

from __future__ import annotations

DESCRIPTION = "drafts sent out and the response log"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE draft_circulation (
        id INTEGER PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version > 0),
        sent_on TEXT NOT NULL,
        sent_to TEXT NOT NULL CHECK (trim(sent_to) <> ''),
        purpose TEXT NOT NULL CHECK (trim(purpose) <> ''),
        note TEXT NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE TABLE draft_comment (
        id INTEGER PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version > 0),
        from_name TEXT NOT NULL CHECK (trim(from_name) <> ''),
        kind TEXT NOT NULL CHECK (trim(kind) <> ''),
        author TEXT NOT NULL DEFAULT '',
        said TEXT NOT NULL DEFAULT '',
        passage TEXT NOT NULL DEFAULT '',
        paragraph TEXT NOT NULL DEFAULT '',
        made_on TEXT,
        received_on TEXT NOT NULL,
        response TEXT NOT NULL DEFAULT '',
        draft_changed INTEGER NOT NULL DEFAULT 0 CHECK (draft_changed IN (0, 1))
    )
    """,
)
