"""Schema version 9: the rapid review sent to the national Panel (one row, once written).

The Panel's headings as text, the two yes/no questions (criteria for an LCSPR met, may be of
national importance) and the decision as keys (`reviewer_app/timetable/rapid_review.py`), and
the date it went to the Panel. A review with no row has not written its rapid review yet.
"""

from __future__ import annotations

DESCRIPTION = "the rapid review record"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE rapid_review (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        facts TEXT NOT NULL DEFAULT '',
        immediate_action TEXT NOT NULL DEFAULT '',
        agency_learning TEXT NOT NULL DEFAULT '',
        criteria_met TEXT NOT NULL DEFAULT 'not-decided'
            CHECK (criteria_met IN ('not-decided', 'yes', 'no')),
        decision TEXT NOT NULL DEFAULT 'not-decided' CHECK (trim(decision) <> ''),
        decision_reasons TEXT NOT NULL DEFAULT '',
        national_importance TEXT NOT NULL DEFAULT 'not-decided'
            CHECK (national_importance IN ('not-decided', 'yes', 'no')),
        national_reasons TEXT NOT NULL DEFAULT '',
        sent_to_panel TEXT
    )
    """,
)
