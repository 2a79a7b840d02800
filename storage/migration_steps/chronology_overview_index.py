"""An index the whole chronology is listed from, instead of the table itself.

Opening a review lists every entry: its id, agency, dates, time, order within its day and
flags, which is all the table needs to be filled and ordered and the timeline laid out (the
texts are read a page at a time as rows are drawn: `storage/entry_columns.py`). Read from the
table, that listing decrypts every page of every entry, texts and original rows included: about
0.12 s at 50,000 entries. `ix_entry_overview` holds exactly those columns, so SQLite lists them
from the index alone (a covering index, a thirtieth of the table's pages): about 0.06 s. Its
first two columns are those of `ix_entry_dates`, which it replaces for the searches by date.
"""

from __future__ import annotations

DESCRIPTION = "an index of what the whole chronology is listed from"

STATEMENTS: tuple[str, ...] = (
    """
    CREATE INDEX ix_entry_overview ON chronology_entry (
        date_start, date_end, time, sequence, agency_id, date_precision, date_qualifier, flags
    )
    """,
    "DROP INDEX IF EXISTS ix_entry_dates",
)
