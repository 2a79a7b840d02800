""" "What was known, by whom, when": the chronology as one agency or person could have seen it.

The rule is deliberately simple and explicit, so a reviewer can say exactly what the lens shows:

1. **Recorded by then.** An entry counts only if its whole date span ends on or before the
   chosen day (an entry dated "March 2015" is not yet known on 10 March 2015). Entries with an
   unknown date are left out: nobody can say they were known then.
2. **The agency's own records.** For an agency: every entry that agency recorded (rule 1).
3. **Shared with it.** Plus any other agency's entry that the reviewer has *confirmed* records
   the same event as one of the agency's own entries kept by rule 2 (a strategy discussion
   both attended, a notification the agency received and recorded). Nothing else of another
   agency's records is included: their private records were not known to this agency.
4. **A person.** For a person: the entries linked to that person, plus, for a practitioner
   with an agency, that agency's view (rules 2 and 3). All still limited by rule 1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.chronology.repository import SameEventDecision
from reviewer_app.chronology.same_event import confirmed_groups


def recorded_by(entry: ChronologyEntry, day: dt.date) -> bool:
    return entry.date.end is not None and entry.date.end <= day


def known_by_then(
    entries: Sequence[ChronologyEntry],
    decisions: Iterable[SameEventDecision],
    day: dt.date,
    *,
    agency_id: int | None = None,
    person_id: int | None = None,
) -> list[ChronologyEntry]:
    """The entries the agency (and/or person) had recorded or been told of by `day`, in order."""
    by_id = {e.id: e for e in entries if e.id is not None and recorded_by(e, day)}
    own = {
        i
        for i, e in by_id.items()
        if (agency_id is not None and e.agency_id == agency_id)
        or (person_id is not None and person_id in e.people)
    }
    shared: set[int] = set()
    if agency_id is not None:
        for group in confirmed_groups(list(decisions)):
            if any(i in own and by_id[i].agency_id == agency_id for i in group):
                shared.update(i for i in group if i in by_id)
    chosen = [by_id[i] for i in own | shared if i is not None]
    chosen.sort(key=lambda e: e.sort_key)
    return chosen
