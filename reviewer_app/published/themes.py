"""Practice-issue themes suggested for a published review, with a score the reviewer can see.

The candidates are the shipped vocabulary of recurring practice issues
(`resources/practice_themes.json`, each with its other wordings) and the stages of the child's
journey. A wording is found where its words, each reduced to its stem, appear in a passage in
the same order, so "bruising of non-mobile babies" and "bruised non-mobile baby" are both found
for "Bruising in non-mobile babies" only if every word of a wording is there. A mention in the
summary, findings, recommendations or learning counts twice: that is where a report says what
it found. A theme is suggested for a report from `SUGGEST_AT` points; the evidence says how many
mentions in how many passages, so the reviewer can judge it, then confirm or reject it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from reviewer_app.analysis.reference import journey_stages
from reviewer_app.learning.themes import folded, stems, vocabulary
from reviewer_app.published.report import Passage, Section

SUGGEST_AT = 4
_WEIGHTY = {Section.SUMMARY, Section.FINDINGS, Section.RECOMMENDATIONS, Section.LEARNING}
#: Words a wording may skip between its own (none: "in", "of", "the" are part of wordings).
_STOP = frozenset({"in", "of", "the", "a", "an", "and", "to", "for", "on", "by", "with"})


@dataclass(frozen=True, slots=True)
class Candidate:
    theme: str  # the label: what the reviewer confirms
    kind: str  # "practice issue" or "stage of the child's journey"
    wordings: tuple[tuple[str, ...], ...]  # each as its stems, stop words left out


@dataclass(frozen=True, slots=True)
class ThemeSuggestion:
    theme: str
    kind: str
    score: int
    mentions: int
    passages: int
    weighty: int  # mentions in the summary, findings, recommendations or learning

    @property
    def evidence(self) -> str:
        where = f", {self.weighty} in its summary, findings, recommendations or learning"
        return (
            f"{self.mentions} mention{'s' if self.mentions != 1 else ''} in "
            f"{self.passages} passage{'s' if self.passages != 1 else ''}"
            f"{where if self.weighty else ''} (score {self.score})"
        )


def _wording(text: str) -> tuple[str, ...]:
    return tuple(s for s in stems(folded(text)) if s not in _STOP)


@cache
def candidates() -> tuple[Candidate, ...]:
    found = [
        Candidate(t.label, "practice issue", tuple(_wording(w) for w in (t.label, *t.also)))
        for t in vocabulary()
    ]
    found += [
        Candidate(s.label, "stage of the child's journey", (_wording(s.label),))
        for s in journey_stages()
    ]
    return tuple(c for c in found if all(c.wordings))


def passage_stems(text: str) -> tuple[str, ...]:
    return tuple(s for s in stems(folded(text)) if s not in _STOP)


def _spans(words: tuple[str, ...], wording: tuple[str, ...]) -> list[tuple[int, int]]:
    size, first = len(wording), wording[0]
    return [
        (i, i + size)
        for i, word in enumerate(words)
        if word == first and words[i : i + size] == wording
    ]


def _separate(spans: list[tuple[int, int]]) -> int:
    """How many mentions the spans make, overlapping wordings counted once."""
    n, end = 0, -1
    for start, stop in sorted(spans):
        if start >= end:
            n += 1
            end = stop
        else:
            end = max(end, stop)
    return n


def themes_of_passage(text: str) -> Counter[str]:
    """How many times each candidate theme is mentioned in a passage."""
    words = passage_stems(text)
    present = set(words)
    counts: Counter[str] = Counter()
    for candidate in candidates():
        spans: list[tuple[int, int]] = []
        for wording in candidate.wordings:
            if wording[0] in present and set(wording) <= present:
                spans += _spans(words, wording)
        if spans:
            counts[candidate.theme] += _separate(spans)
    return counts


def suggest(
    passages: Iterable[Passage], found: Iterable[Counter[str]] | None = None
) -> list[ThemeSuggestion]:
    """The themes to suggest for a report, best first (`found`: each passage's
    `themes_of_passage`, when already counted)."""
    mentions: Counter[str] = Counter()
    where: Counter[str] = Counter()
    weighty: Counter[str] = Counter()
    passages = list(passages)
    counted = list(found) if found is not None else [themes_of_passage(p.text) for p in passages]
    for passage, themes in zip(passages, counted, strict=True):
        for theme, n in themes.items():
            mentions[theme] += n
            where[theme] += 1
            if passage.section in _WEIGHTY:
                weighty[theme] += n
    kinds = {c.theme: c.kind for c in candidates()}
    found_themes = [
        ThemeSuggestion(theme, kinds[theme], n + weighty[theme], n, where[theme], weighty[theme])
        for theme, n in mentions.items()
        if n + weighty[theme] >= SUGGEST_AT
    ]
    return sorted(found_themes, key=lambda s: (-s.score, s.theme))


def theme_named(text: str) -> str | None:
    """The candidate theme a reviewer's typed name is (its label or another of its wordings,
    in any case or spacing, singular or plural), or None."""
    exact = next((c.theme for c in candidates() if c.theme.casefold() == text.casefold()), None)
    wanted = _wording(text)
    if exact is not None or not wanted:
        return exact
    return next((c.theme for c in candidates() if wanted in c.wordings), None)
