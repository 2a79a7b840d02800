"""Published reviews linked to findings as evidence that they are systemic (issue 19).

`finding_evidence`: one passage of a published review linked to a finding, as a copy (title,
year, partnership, review type, page, section and the passage's text) so the review stays
complete without the reviewer's library; `library_report_id` and `library_passage_id` are the
library's ids, for reference only (no foreign key: the library is another file). A link goes
with its finding.
"""

from __future__ import annotations

DESCRIPTION = "published reviews linked to findings as evidence that they are systemic"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE finding_evidence (
        id INTEGER PRIMARY KEY,
        finding_id INTEGER NOT NULL REFERENCES finding (id) ON DELETE CASCADE,
        title TEXT NOT NULL CHECK (trim(title) <> ''),
        year INTEGER,
        partnership TEXT NOT NULL DEFAULT '',
        review_type TEXT NOT NULL DEFAULT '',
        page INTEGER NOT NULL DEFAULT 0,
        section TEXT NOT NULL DEFAULT '',
        passage TEXT NOT NULL CHECK (trim(passage) <> ''),
        library_report_id INTEGER,
        library_passage_id INTEGER
    )
    """,
    "CREATE INDEX ix_finding_evidence_finding ON finding_evidence (finding_id)",
)
