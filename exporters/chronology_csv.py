"""The merged chronology as CSV: one row per agency entry, for a spreadsheet or another tool.

Written as UTF-8 with a byte-order mark so Excel shows £ and curly quotes correctly.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reviewer_app.chronology.dates import format_uk_date
from reviewer_app.chronology.entry import age_at
from reviewer_app.interchange import ReviewSnapshot
from reviewer_app.new_files import write_new_atomic

COLUMNS = (
    "agency",
    "date",
    "date_start",
    "date_end",
    "precision",
    "qualifier",
    "date_as_written",
    "time",
    "sequence",
    "child_age",
    "source",
    "practitioner",
    "event",
    "outcome",
    "agency_comment",
    "reviewer_comment",
    "flags",
    "import_file",
    "import_row",
)


def chronology_rows(snapshot: ReviewSnapshot) -> list[dict[str, str]]:
    agencies = {a.id: a.name for a in snapshot.agencies}
    files = {b.id: b.file_name for b in snapshot.batches}
    dob = snapshot.subject_date_of_birth
    rows = []
    for e in sorted(snapshot.entries, key=lambda e: e.sort_key):
        d = e.date
        rows.append(
            {
                "agency": agencies.get(e.agency_id, ""),
                "date": format_uk_date(d),
                "date_start": d.start.isoformat() if d.start else "",
                "date_end": d.end.isoformat() if d.end else "",
                "precision": d.precision.value,
                "qualifier": d.qualifier.value,
                "date_as_written": d.original,
                "time": d.time.strftime("%H:%M") if d.time else "",
                "sequence": str(e.sequence),
                "child_age": age_at(dob, d) if dob else "",
                "source": e.source,
                "practitioner": e.practitioner,
                "event": e.event,
                "outcome": e.outcome,
                "agency_comment": e.agency_comment,
                "reviewer_comment": e.comment,
                "flags": "; ".join(sorted(f.label for f in e.flags)),
                "import_file": files.get(e.provenance.batch_id, "")
                if e.provenance.batch_id
                else "",
                "import_row": str(e.provenance.row_number or ""),
            }
        )
    return rows


def write_chronology_csv(snapshot: ReviewSnapshot, path: Path) -> int:
    """Write the CSV to a new file at `path`; returns the number of entries written."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    rows = chronology_rows(snapshot)
    writer.writerows(rows)
    write_new_atomic(path, buffer.getvalue().encode("utf-8-sig"))
    return len(rows)
