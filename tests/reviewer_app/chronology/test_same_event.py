"""The same-event suggester: what the dates, times and telling words say."""

from __future__ import annotations

import datetime as dt

from reviewer_app.chronology import same_event
from reviewer_app.chronology.dates import FuzzyDate, Precision, Qualifier
from reviewer_app.chronology.entry import AgencyType, ChronologyEntry
from reviewer_app.demo import build_demo, build_demo_with_truth

POLICE, CSC, HV = 1, 2, 3
TYPES = {
    POLICE: AgencyType.POLICE,
    CSC: AgencyType.CHILDRENS_SOCIAL_CARE,
    HV: AgencyType.HEALTH_VISITING,
}


def _entry(
    entry_id: int, agency: int, day: dt.date, event: str, time: dt.time | None = None
) -> ChronologyEntry:
    date = FuzzyDate(day, day, Precision.DAY, Qualifier.ON, f"{day:%d/%m/%Y}", time)
    return ChronologyEntry(agency, date, "record", event, id=entry_id)


def _background(start: int) -> list[ChronologyEntry]:
    """Everyday contacts on other days, so common words are common, as in a real chronology."""
    words = ("Home visit, child seen.", "Telephone call to Mother.", "Letter sent.")
    return [
        _entry(start + n, (POLICE, CSC, HV)[n % 3], dt.date(2015, 1, 1 + n % 28), words[n % 3])
        for n in range(60)
    ]


def test_same_date_and_time_from_two_agencies_ranks_high_though_the_words_differ() -> None:
    day = dt.date(2015, 3, 4)
    entries = [
        _entry(1, POLICE, day, "Attended address after 999 call; Mr K arrested.", dt.time(2, 10)),
        _entry(2, CSC, day, "EDT informed out of hours of an arrest at the home.", dt.time(2, 10)),
        _entry(3, HV, day, "Routine developmental review at clinic.", dt.time(14, 30)),
        *_background(100),
    ]
    found = same_event.suggest(entries, agency_types=TYPES)
    assert found, "the same-time pair must be suggested"
    best = found[0]
    assert (best.entry_a, best.entry_b) == (1, 2)
    assert best.score >= 50
    assert all({s.entry_a, s.entry_b} != {1, 3} for s in found)  # hours apart, nothing alike


def test_the_same_day_without_times_needs_words_in_common_or_a_mention() -> None:
    day = dt.date(2015, 5, 6)
    entries = [
        _entry(1, CSC, day, "Joint visit with the health visitor about damp in the flat."),
        _entry(2, HV, day, "Visit with the social worker; damp and mould seen in bedroom."),
        _entry(3, POLICE, day, "Intelligence report about a vehicle."),
        *_background(100),
    ]
    pairs = {(s.entry_a, s.entry_b) for s in same_event.suggest(entries, agency_types=TYPES)}
    assert (1, 2) in pairs
    assert (1, 3) not in pairs and (2, 3) not in pairs


def test_entries_of_one_agency_and_decided_pairs_are_never_suggested() -> None:
    day = dt.date(2015, 5, 6)
    entries = [
        _entry(1, CSC, day, "Strategy discussion held.", dt.time(9, 0)),
        _entry(2, CSC, day, "Strategy discussion held.", dt.time(9, 0)),
    ]
    assert same_event.suggest(entries, agency_types=TYPES) == []


def test_most_of_the_demo_generators_known_pairs_are_found_and_most_suggestions_are_right() -> None:
    snapshot, truth = build_demo_with_truth(1000, 17)
    types = {a.id: a.agency_type for a in snapshot.agencies if a.id is not None}
    found = {
        (s.entry_a, s.entry_b) for s in same_event.suggest(snapshot.entries, (), agency_types=types)
    }
    hits = len(found & truth)
    assert hits / len(truth) >= 0.9
    assert hits / len(found) >= 0.8


def test_the_demo_records_its_same_events_and_build_demo_is_unchanged_by_it() -> None:
    snapshot, truth = build_demo_with_truth(300, 17)
    assert build_demo(300, 17) == snapshot
    by_id = {e.id: e for e in snapshot.entries}
    assert len(snapshot.entries) == 300
    for a, b in truth:
        assert a < b
        first, second = by_id[a], by_id[b]
        assert first.agency_id != second.agency_id
        assert first.date.start == second.date.start  # one event, one day
    confirmed = {(d.entry_a, d.entry_b) for d in snapshot.same_event}
    assert {tuple(sorted(p)) for p in confirmed} <= truth


def _suggest_pair_by_pair(
    entries: list[ChronologyEntry],
    decided: list[same_event.SameEventDecision],
    types: dict[int, AgencyType],
) -> list[same_event.Suggestion]:
    """The sweep as it was first written, comparing entry objects pair by pair through
    `date_score`, `likeness` and `_mentions`: the reference the prepared sweep must match."""
    already = {tuple(sorted((d.entry_a, d.entry_b))) for d in decided}
    dated = same_event.sweep_order(entries)
    texts = {e.id: same_event._text(e) for e in dated if e.id is not None}
    telling = same_event._telling(texts)
    found: list[same_event.Suggestion] = []
    open_entries: list[ChronologyEntry] = []
    for entry in dated:
        assert entry.date.start is not None and entry.id is not None
        open_entries = [o for o in open_entries if o.date.end and o.date.end >= entry.date.start]
        for other in open_entries:
            assert other.id is not None
            if other.agency_id == entry.agency_id:
                continue
            pair = (min(entry.id, other.id), max(entry.id, other.id))
            if pair in already:
                continue
            score = same_event.likeness(telling[entry.id], telling[other.id])
            score += same_event.date_score(entry, other)
            if same_event._mentions(
                texts[entry.id],
                types.get(other.agency_id),  # type: ignore[arg-type]
            ) or same_event._mentions(texts[other.id], types.get(entry.agency_id)):  # type: ignore[arg-type]
                score += same_event.MENTIONS_OTHER
            score = max(0.0, min(score, 100.0))
            if score >= same_event.DEFAULT_THRESHOLD:
                found.append(same_event.Suggestion(pair[0], pair[1], float(score)))
        open_entries.append(entry)
    found.sort(key=lambda s: (-s.score, s.entry_a, s.entry_b))
    return found


def test_the_prepared_sweep_suggests_exactly_what_comparing_pair_by_pair_does() -> None:
    snapshot = build_demo(3000, 5)
    types = {a.id: a.agency_type for a in snapshot.agencies if a.id is not None}
    entries = list(snapshot.entries)
    entries[10] = entries[10].with_changes(agency_id=None)  # an entry of no agency
    reference = _suggest_pair_by_pair(entries, [], types)
    assert len(reference) > 100
    decided = [
        same_event.SameEventDecision(s.entry_a, s.entry_b, same_event.SameEventStatus.DISMISSED)
        for s in reference[::5]
    ]
    assert same_event.suggest(entries, (), agency_types=types) == reference
    assert same_event.suggest(entries, decided, agency_types=types) == _suggest_pair_by_pair(
        entries, decided, types
    )
