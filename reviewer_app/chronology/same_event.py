"""Finding the same event recorded by different agencies, and showing their versions together.

Two agencies often record one event differently (a police attendance and the social-care
strategy discussion after it). The differences are evidence, so nothing is ever merged into
one text: the reviewer confirms or dismisses each suggested pair, and confirmed entries are
shown side by side with what differs picked out.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.chronology.repository import SameEventDecision, SameEventStatus

#: Entries whose date spans are wider than this (a year, say) overlap too much to suggest.
MAX_SPAN_DAYS = 92
DEFAULT_THRESHOLD = 60.0
#: Added to the text score when both entries give the same single day (and again the same time):
#: agencies' wording differs a lot, and an exact shared date is strong evidence of one event.
SAME_DAY_BONUS = 10.0
SAME_TIME_BONUS = 5.0


@dataclass(frozen=True, slots=True)
class Suggestion:
    entry_a: int
    entry_b: int
    score: float  # 0..100: text similarity, plus a little for the same day and time


def _text(entry: ChronologyEntry) -> str:
    return f"{entry.event} {entry.outcome}".lower()


def _date_bonus(a: ChronologyEntry, b: ChronologyEntry) -> float:
    one_day = a.date.start == a.date.end == b.date.start == b.date.end
    if not one_day:
        return 0.0
    same_time = a.date.time is not None and a.date.time == b.date.time
    return SAME_DAY_BONUS + (SAME_TIME_BONUS if same_time else 0.0)


def suggest(
    entries: Sequence[ChronologyEntry],
    decided: Iterable[SameEventDecision] = (),
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Suggestion]:
    """Pairs from different agencies whose dates can overlap and whose words are alike.

    A sweep over entries ordered by start date compares each entry only with those still
    "open" (whose span has not ended), so the work grows with overlaps, not with n².
    """
    already = {tuple(sorted((d.entry_a, d.entry_b))) for d in decided}
    dated = [
        e
        for e in entries
        if e.id is not None
        and e.date.start is not None
        and e.date.end is not None
        and (e.date.end - e.date.start).days <= MAX_SPAN_DAYS
    ]
    dated.sort(key=lambda e: (e.date.start, e.date.end))
    texts = {e.id: _text(e) for e in dated}
    found: list[Suggestion] = []
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
            score = fuzz.token_set_ratio(texts[entry.id], texts[other.id]) + _date_bonus(
                entry, other
            )
            score = min(score, 100.0)
            if score >= threshold:
                found.append(Suggestion(pair[0], pair[1], float(score)))
        open_entries.append(entry)
    found.sort(key=lambda s: -s.score)
    return found


def confirmed_groups(decisions: Iterable[SameEventDecision]) -> list[frozenset[int]]:
    """Entry ids joined by confirmed decisions, as groups (a confirmed pair chain is one event)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for decision in decisions:
        if decision.status is SameEventStatus.CONFIRMED:
            parent[find(decision.entry_a)] = find(decision.entry_b)
    groups: dict[int, set[int]] = {}
    for member in parent:
        groups.setdefault(find(member), set()).add(member)
    return [frozenset(g) for g in groups.values() if len(g) > 1]


@dataclass(frozen=True, slots=True)
class WordDiff:
    """One agency's text split into runs, each marked as shared with the other or its own."""

    runs: tuple[tuple[str, bool], ...]  # (text, differs)


def word_diff(mine: str, theirs: str) -> WordDiff:
    a, b = mine.split(), theirs.split()
    runs: list[tuple[str, bool]] = []
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in a], b=[w.lower() for w in b])
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if i1 == i2:
            continue
        runs.append((" ".join(a[i1:i2]), tag != "equal"))
    return WordDiff(tuple(runs))


FIELDS_COMPARED = ("date", "time", "source", "practitioner", "event", "outcome")


def differing_fields(entries: Sequence[ChronologyEntry]) -> tuple[str, ...]:
    """Which of the compared fields are not the same in every agency's version."""
    values: dict[str, set[object]] = {
        "date": {(e.date.start, e.date.end) for e in entries},
        "time": {e.date.time for e in entries},
        "source": {e.source.strip().lower() for e in entries},
        "practitioner": {e.practitioner.strip().lower() for e in entries},
        "event": {" ".join(e.event.lower().split()) for e in entries},
        "outcome": {" ".join(e.outcome.lower().split()) for e in entries},
    }
    return tuple(name for name in FIELDS_COMPARED if len(values[name]) > 1)
