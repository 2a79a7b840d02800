"""Schema version 10: what the report needs from the review and its conversations.

`review.lead_reviewer` and `review.circulation`: the lead reviewer's name and who the report
goes to, for the report's title page and document control (empty: not given yet).
`passage.use_in_report`: the reviewer has marked the passage for use in the report; only such
passages are ever quoted there (0 for every passage recorded before: nothing is quoted until
the reviewer chooses).
"""

from __future__ import annotations

DESCRIPTION = "the lead reviewer, circulation and passages marked for the report"
STATEMENTS: tuple[str, ...] = (
    "ALTER TABLE review ADD COLUMN lead_reviewer TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE review ADD COLUMN circulation TEXT NOT NULL DEFAULT ''",
    """
    ALTER TABLE passage ADD COLUMN use_in_report INTEGER NOT NULL DEFAULT 0
        CHECK (use_in_report IN (0, 1))
    """,
)
