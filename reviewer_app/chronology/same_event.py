"""Finding the same event recorded by different agencies, and showing their versions together.

Two agencies often record one event differently (a police attendance and the social-care
strategy discussion after it). The differences are evidence, so nothing is ever merged into
one text: the reviewer confirms or dismisses each suggested pair, and confirmed entries are
shown side by side with what differs picked out.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import sqrt

from reviewer_app.chronology.entry import AgencyType, ChronologyEntry
from reviewer_app.chronology.repository import SameEventDecision, SameEventStatus

#: Entries whose date spans are wider than this (a year, say) overlap too much to suggest.
MAX_SPAN_DAYS = 92
#: Tuned with `benchmarks/same_event.py` against the demo generator's known same-event pairs.
DEFAULT_THRESHOLD = 35.0
#: What the dates say, added to the text score (0..100). Agencies word one event very
#: differently, and the same day and time from two agencies is strong evidence of one event.
SAME_DAY = 15.0  # both on the same single day
SAME_TIME = 35.0  # ... and at the same time
NEAR_TIME = 15.0  # ... or within the hour (one logged it a little later)
NEAR_MINUTES = 60
FAR_MINUTES = 180
FAR_TIME = -15.0  # ... hours apart: two events that day, most likely
NOT_SAME_DAY = -15.0  # dates that only overlap (a week, a month, a range)
#: One entry names the other's agency ("joint visit with the health visitor").
MENTIONS_OTHER = 15.0
#: A word is telling when it is in at most this share of entries (or in two entries).
RARE_SHARE = 0.05
STEM_LETTERS = 5
LIKENESS_WEIGHT = 2.0

_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "an",
        "and",
        "any",
        "as",
        "at",
        "be",
        "been",
        "before",
        "by",
        "for",
        "from",
        "had",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "no",
        "not",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "with",
    ]
)
#: How agencies' records name each kind of agency.
AGENCY_WORDS: dict[AgencyType, tuple[str, ...]] = {
    AgencyType.POLICE: ("police", "officer", "officers", "pc", "constable"),
    AgencyType.CHILDRENS_SOCIAL_CARE: (
        "social worker", "social care", "children's services", "out-of-hours team", "edt",
    ),
    AgencyType.HEALTH_VISITING: ("health visitor", "health visiting"),
    AgencyType.GP: ("gp", "surgery", "practice nurse"),
    AgencyType.HOSPITAL: ("hospital", "emergency department", "paediatrician", "a&e"),
    AgencyType.MIDWIFERY: ("midwife", "midwifery"),
    AgencyType.MENTAL_HEALTH: ("mental health", "camhs", "psychiatrist"),
    AgencyType.SCHOOL: ("school", "teacher", "head teacher"),
    AgencyType.EARLY_YEARS: ("nursery", "key person", "children's centre"),
    AgencyType.PROBATION: ("probation", "offender manager"),
    AgencyType.HOUSING: ("housing", "landlord", "tenancy"),
    AgencyType.SUBSTANCE_MISUSE: ("substance misuse", "drug service", "alcohol service"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Suggestion:
    entry_a: int
    entry_b: int
    score: float  # 0..100: telling words in common, with what the dates and times say


def _text(entry: ChronologyEntry) -> str:
    return f"{entry.event} {entry.outcome}".lower()


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text) if len(w) > 1 and w not in _STOP_WORDS}


def date_score(a: ChronologyEntry, b: ChronologyEntry) -> float:
    """What the two dates (and times) say about whether this is one event."""
    if not a.date.start == a.date.end == b.date.start == b.date.end:
        return NOT_SAME_DAY
    if a.date.time is None or b.date.time is None:
        return SAME_DAY
    apart = abs(
        (a.date.time.hour * 60 + a.date.time.minute) - (b.date.time.hour * 60 + b.date.time.minute)
    )
    if apart == 0:
        return SAME_DAY + SAME_TIME
    if apart <= NEAR_MINUTES:
        return SAME_DAY + NEAR_TIME
    return SAME_DAY + (FAR_TIME if apart > FAR_MINUTES else 0.0)


def _stem(word: str) -> str:
    """Enough of a word to match its forms: 'attended' and 'attend', 'visiting' and 'visit'."""
    return word[:STEM_LETTERS]


def _telling(texts: dict[int, str]) -> dict[int, frozenset[str]]:
    """Each entry's telling words (rare in this chronology), as stems.

    Words every agency uses ("Child M", "seen", "home", "visit") say little about whether two
    records are one event; what the records share of the rarer words says much more."""
    words = {entry_id: {_stem(w) for w in _words(text)} for entry_id, text in texts.items()}
    counts: Counter[str] = Counter()
    for found in words.values():
        counts.update(found)
    most = max(2.0, RARE_SHARE * len(words))
    return {
        entry_id: frozenset(w for w in found if counts[w] <= most)
        for entry_id, found in words.items()
    }


_NAMING = {
    agency: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
    for agency, words in AGENCY_WORDS.items()
}


def likeness(mine: frozenset[str], theirs: frozenset[str]) -> float:
    """How alike two records' telling words are, 0..100: the share they have in common (as a
    cosine of the two sets), weighted up, since two agencies rarely share many words."""
    if not mine or not theirs:
        return 0.0
    return min(100.0, LIKENESS_WEIGHT * 100.0 * len(mine & theirs) / sqrt(len(mine) * len(theirs)))


def _mentions(text: str, agency: AgencyType | None) -> bool:
    naming = _NAMING.get(agency) if agency is not None else None
    return naming is not None and naming.search(text) is not None


def _minutes(entry: ChronologyEntry) -> int | None:
    time = entry.date.time
    return None if time is None else time.hour * 60 + time.minute


def _named_agencies(text: str) -> frozenset[AgencyType]:
    """The kinds of agency a record names ("joint visit with the health visitor")."""
    return frozenset(agency for agency, naming in _NAMING.items() if naming.search(text))


def sweep_order(entries: Iterable[ChronologyEntry]) -> list[ChronologyEntry]:
    """The entries the suggester compares (saved, dated, spanning at most `MAX_SPAN_DAYS`), in
    the order its sweep meets them: by start date, then end date."""
    dated = [
        e
        for e in entries
        if e.id is not None
        and e.date.start is not None
        and e.date.end is not None
        and (e.date.end - e.date.start).days <= MAX_SPAN_DAYS
    ]
    dated.sort(key=lambda e: (e.date.start, e.date.end))
    return dated


def suggest(
    entries: Sequence[ChronologyEntry],
    decided: Iterable[SameEventDecision] = (),
    threshold: float = DEFAULT_THRESHOLD,
    agency_types: Mapping[int, AgencyType] | None = None,
) -> list[Suggestion]:
    """Pairs from different agencies whose dates can overlap and whose records are alike.

    The score is the likeness of the two records' telling words (0..100), plus what the
    dates say (same day; same time, near or far), plus a little when one names the other's
    agency. A sweep over entries ordered by start date compares each entry only with those still
    "open" (whose span has not ended), so the work grows with overlaps, not with n². What each
    comparison needs of an entry is worked out once beforehand (the dates as a single day and
    minutes, the telling words, the agencies its text names): `date_score`, `likeness` and
    `_mentions` give the same answers pair by pair.
    """
    types = agency_types or {}
    already = {tuple(sorted((d.entry_a, d.entry_b))) for d in decided}
    dated = sweep_order(entries)
    texts = {e.id: _text(e) for e in dated if e.id is not None}
    telling = _telling(texts)
    named = {entry_id: _named_agencies(text) for entry_id, text in texts.items()}
    found: list[Suggestion] = []
    # (end, id, agency, its kind, the single day it is on or None, minutes, words, named)
    Open = tuple[dt.date, int, int | None, AgencyType | None, dt.date | None, int | None,
                 frozenset[str], frozenset[AgencyType]]  # fmt: skip
    open_entries: list[Open] = []
    for entry in dated:
        start, end, entry_id = entry.date.start, entry.date.end, entry.id
        assert start is not None and end is not None and entry_id is not None
        open_entries = [o for o in open_entries if o[0] >= start]
        agency = entry.agency_id
        day = start if start == end else None
        minutes = _minutes(entry)
        mine, names = telling[entry_id], named[entry_id]
        kind = types.get(agency) if agency is not None else None
        for (
            _end,
            other_id,
            other_agency,
            other_kind,
            other_day,
            other_minutes,
            theirs,
            their_names,
        ) in open_entries:
            if other_agency == agency:
                continue
            score = (
                0.0
                if not mine or not theirs
                else min(
                    100.0,
                    LIKENESS_WEIGHT * 100.0 * len(mine & theirs) / sqrt(len(mine) * len(theirs)),
                )
            )
            if day is None or day != other_day:
                score += NOT_SAME_DAY
            elif minutes is None or other_minutes is None:
                score += SAME_DAY
            else:
                apart = abs(minutes - other_minutes)
                if apart == 0:
                    score += SAME_DAY + SAME_TIME
                elif apart <= NEAR_MINUTES:
                    score += SAME_DAY + NEAR_TIME
                else:
                    score += SAME_DAY + (FAR_TIME if apart > FAR_MINUTES else 0.0)
            if (other_kind is not None and other_kind in names) or (
                kind is not None and kind in their_names
            ):
                score += MENTIONS_OTHER
            score = max(0.0, min(score, 100.0))
            if score >= threshold:
                pair = (min(entry_id, other_id), max(entry_id, other_id))
                if pair not in already:
                    found.append(Suggestion(pair[0], pair[1], float(score)))
        open_entries.append((end, entry_id, agency, kind, day, minutes, mine, names))
    found.sort(key=lambda s: (-s.score, s.entry_a, s.entry_b))
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
