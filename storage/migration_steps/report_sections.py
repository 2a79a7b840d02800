"""The report's narrative text, as the reviewer writes it in the app.

`report_section`: the reviewer's text for one narrative section of the draft report (the
executive summary, the introduction, the case summary, the conclusions, …), by the section's
key in the report templates (`resources/report_templates/*.json`). Paragraphs are separated by
blank lines. A section with no row (or an empty text) has not been written yet.
"""

from __future__ import annotations

DESCRIPTION = "the report's narrative text, section by section"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE report_section (
        key TEXT PRIMARY KEY CHECK (trim(key) <> ''),
        text TEXT NOT NULL DEFAULT ''
    )
    """,
)
