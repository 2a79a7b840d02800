"""The timeline laid out from the service's stored rows (issue 16: opening a 50,000-entry review
makes no entry per row) is exactly the timeline laid out from the entries themselves."""

from __future__ import annotations

import gc
import random
from pathlib import Path

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.chronology.rows import EntryRows, many_objects
from reviewer_app.paths import AppPaths
from tests.helpers.reviews import demo_services
from ui.timeline.lanes import build_timeline


def test_the_timeline_from_stored_rows_is_the_timeline_from_entries(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = demo_services(tmp_path / "demo.review", app_paths, entries=600)
    chronology = services.chronology
    agency = chronology.agencies()[1].id
    assert agency is not None
    for when in ("not known", "14/09/2013 10:30", "14/09/2013 09:00", "14/09/2013", "unknown"):
        chronology.add_entry(ChronologyEntry(agency, parse_uk_date(when), "Case note", "Seen"))
    rows = chronology.entry_rows()
    assert isinstance(rows, EntryRows)
    for index in random.Random(7).sample(range(len(rows)), 40):
        rows[index]  # some rows already made into entries (the table drew them)
    made_before = rows.decoded
    fast = build_timeline(rows, chronology.agencies())
    assert rows.decoded == made_before  # laid out without making a single entry
    entries = chronology.entries()
    random.Random(3).shuffle(entries)  # the slow path puts them in order itself
    slow = build_timeline(entries, chronology.agencies())
    assert fast.lanes == slow.lanes
    assert (fast.starts, fast.first, fast.stop) == (slow.starts, slow.first, slow.stop)
    assert fast.dated_count > 500 and any(lane.spans for lane in fast.lanes)
    assert any(lane.undated for lane in fast.lanes) and any(lane.flagged for lane in fast.lanes)
    assert dict(fast.entries) == dict(slow.entries)
    assert rows.decoded == len(rows)  # compared entry by entry, above
    services.close()


def test_the_collector_is_held_off_only_while_many_objects_are_made() -> None:
    gc.enable()  # (the UI tests' fixture keeps it off during each test, and back on after)
    assert gc.isenabled()
    with many_objects():
        assert not gc.isenabled()
        with many_objects():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer stretch is still running
    assert gc.isenabled()
    gc.disable()  # as the fixture has it; it turns the collector back on after the test
    with many_objects():
        pass
    assert not gc.isenabled()  # left off, as it was found
