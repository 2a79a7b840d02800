"""The review's lifecycle after the analysis: drafts sent out and the comments that came back.

`draft_circulation`: a draft version (the report's version number, from the review's log) sent
to someone on a date for a purpose (`reviewer_app/drafts/model.py: Purpose`).
`draft_comment`: the response log: each Word comment or tracked change read back from a
returned copy (which version, who returned it, Word's author, the passage and its paragraph,
what was said), with the reviewer's response and whether the draft changed.
`sign_off`: the panel's and the safeguarding partners' sign-off, with dates.
`publication`: when and where the report was published, and the file (one row).
`plan_action`, `partners_response`: the action plan and the partners' written response.
`delay.panel_told_on`: when the national Panel was told of a delay.
"""

from __future__ import annotations

DESCRIPTION = "drafts sent out, the response log, sign-off and publication"
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
STATEMENTS += (
    # Sign-off of the report: who (`reviewer_app/drafts/sign_off.py: Signatory`), when, which
    # version; and its publication (one row, once published).
    """
    CREATE TABLE sign_off (
        id INTEGER PRIMARY KEY,
        signatory TEXT NOT NULL CHECK (trim(signatory) <> ''),
        signed_on TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        version INTEGER CHECK (version IS NULL OR version > 0),
        note TEXT NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE TABLE publication (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        published_on TEXT NOT NULL,
        file_name TEXT NOT NULL CHECK (trim(file_name) <> ''),
        place TEXT NOT NULL DEFAULT '',
        version INTEGER CHECK (version IS NULL OR version > 0),
        note TEXT NOT NULL DEFAULT ''
    )
    """,
)
STATEMENTS += (
    # The action plan (`reviewer_app/actions/model.py`): actions answering the findings, and
    # the partners' written response (one row).
    """
    CREATE TABLE plan_action (
        id INTEGER PRIMARY KEY,
        finding_id INTEGER REFERENCES finding(id) ON DELETE SET NULL,
        improvement TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL CHECK (trim(action) <> ''),
        owner_agency TEXT NOT NULL CHECK (trim(owner_agency) <> ''),
        due TEXT,
        status TEXT NOT NULL DEFAULT 'not-started' CHECK (trim(status) <> ''),
        evidence_of_impact TEXT NOT NULL DEFAULT '',
        completed_on TEXT
    )
    """,
    """
    CREATE TABLE partners_response (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        text TEXT NOT NULL DEFAULT '',
        received_on TEXT
    )
    """,
)
STATEMENTS += (
    # A delay's date the national Panel was told of it (null: not told).
    "ALTER TABLE delay ADD COLUMN panel_told_on TEXT",
)
