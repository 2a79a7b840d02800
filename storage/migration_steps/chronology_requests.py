"""Schema step: chronology requests sent to agencies (the request pack's reference).

One row per request pack: the agency asked, a random reference (no case data), the date it
was asked for and the date it is due, and when and by which import it was answered. The
import may later be replaced or removed (its id then goes), but the request stays answered.
"""

from __future__ import annotations

DESCRIPTION = "chronology requests sent to agencies"
STATEMENTS: tuple[str, ...] = (
    """
    CREATE TABLE chronology_request (
        id INTEGER PRIMARY KEY,
        agency_id INTEGER NOT NULL REFERENCES agency(id),
        reference TEXT NOT NULL UNIQUE CHECK (trim(reference) <> ''),
        requested_on TEXT NOT NULL,
        due_on TEXT,
        received_on TEXT,
        received_batch INTEGER REFERENCES import_batch(id) ON DELETE SET NULL
    )
    """,
    "CREATE INDEX chronology_request_agency ON chronology_request(agency_id)",
)
