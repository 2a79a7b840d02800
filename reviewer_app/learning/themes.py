"""Practice-issue themes grouped as a person would group them.

Reviewers write themes in their own words: "Strategy discussions", "strategy discussion.",
"Strategy-discussions", "non mobile babies". A theme's *key* folds those together: Unicode NFKC,
case, apostrophes dropped, hyphens, dashes, slashes and other punctuation as spaces, whitespace
collapsed, then each word reduced to its stem by the Snowball English stemmer (so singular and
plural, "discussion"/"discussions", meet). What a stemmer cannot see (typos such as
"Stratergy", other wordings such as "Info sharing") is offered as a *suggestion* to merge,
ranked by how alike they are (a slip of a letter or two in the words as typed, by optimal
string alignment distance; or rapidfuzz's similarity of the keys), and matched against a
shipped vocabulary of recurring practice issues (`resources/practice_themes.json`, shared
with the published-review library). The collator's accepted merges are a map from one key to
another (`ThemeMerges`), kept in the learning library and exportable to share.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import snowballstemmer
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from reviewer_app.errors import InvalidInputError

MERGES_SCHEMA = "scr-reviewer/theme-merges"
MERGES_VERSION = 1
#: Keys at least this similar (rapidfuzz ratio, 0–100) are offered as the same theme.
SIMILAR = 86.0
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_SEPARATORS = re.compile(r"[^\w]+|_")


@cache
def _stemmer() -> Any:
    return snowballstemmer.stemmer("english")


def folded(theme: str) -> str:
    """A theme's words without case, punctuation or spacing differences (not stemmed)."""
    text = unicodedata.normalize("NFKC", theme).casefold()
    return " ".join(_SEPARATORS.sub(" ", _APOSTROPHES.sub("", text)).split())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A word's stem (Snowball English), remembered: a report's words repeat."""
    return str(_stemmer().stemWord(word))


def stems(text: str) -> list[str]:
    """Each word of a folded text reduced to its stem."""
    return [stem(word) for word in text.split()]


@cache
def theme_key(theme: str) -> str:
    """The key themes are grouped by ("" for no theme)."""
    return " ".join(stems(folded(theme)))


def typos_allowed(text: str) -> int:
    """How many single-letter slips (a letter added, dropped, changed, or two swapped) still
    make the same word: none in short words, where one letter is a different word."""
    return 0 if len(text) < 5 else max(1, len(text) // 8)


def tidy(theme: str) -> str:
    """A theme as shown: spacing collapsed, a trailing full stop dropped."""
    return " ".join(theme.split()).rstrip(".").strip()


@dataclass(frozen=True, slots=True)
class VocabularyTheme:
    label: str
    also: tuple[str, ...]

    @property
    def key(self) -> str:
        return theme_key(self.label)


@cache
def vocabulary() -> tuple[VocabularyTheme, ...]:
    """The shipped vocabulary of recurring practice-issue themes."""
    data = json.loads(
        resources.files("resources").joinpath("practice_themes.json").read_text("utf-8")
    )
    return tuple(VocabularyTheme(t["label"], tuple(t.get("also", ()))) for t in data["themes"])


@cache
def _vocabulary_keys() -> dict[str, VocabularyTheme]:
    """Every key of every vocabulary label and other wording, to its theme."""
    keys: dict[str, VocabularyTheme] = {}
    for theme in vocabulary():
        for wording in (theme.label, *theme.also):
            keys.setdefault(theme_key(wording), theme)
    return keys


def vocabulary_theme(key: str) -> VocabularyTheme | None:
    """The vocabulary theme a key is one of the wordings of, if any."""
    return _vocabulary_keys().get(key)


class ThemeMerges:
    """The collator's merges: a theme key to the key it now counts under. Chains resolve (a → b,
    b → c: a counts under c); a merge that would make a loop is refused."""

    def __init__(self, merges: Mapping[str, str] | None = None) -> None:
        self._into: dict[str, str] = {}
        for variant, canonical in (merges or {}).items():
            self.merge(variant, canonical)

    def merge(self, variant: str, canonical: str) -> None:
        if not variant or not canonical or variant == canonical:
            return
        if self.resolve(canonical) == variant:
            raise InvalidInputError("Those two themes are already merged the other way round.")
        self._into[variant] = canonical

    def unmerge(self, variant: str) -> None:
        self._into.pop(variant, None)

    def resolve(self, key: str) -> str:
        seen = {key}
        while key in self._into:
            key = self._into[key]
            if key in seen:  # pragma: no cover - merge() refuses loops
                break
            seen.add(key)
        return key

    def items(self) -> list[tuple[str, str]]:
        return sorted(self._into.items())

    def __len__(self) -> int:
        return len(self._into)

    # -- sharing ---------------------------------------------------------------------------
    def to_json(self) -> str:
        body = {
            "schema": MERGES_SCHEMA,
            "version": MERGES_VERSION,
            "merges": [{"theme": v, "counts_as": c} for v, c in self.items()],
        }
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, name: str = "the file") -> ThemeMerges:
        refuse = f"'{name}' is not a list of theme merges SCR Reviewer can read"
        try:
            data = json.loads(text.lstrip("\ufeff"))
        except (json.JSONDecodeError, RecursionError) as exc:
            raise InvalidInputError(f"{refuse}: it is not valid JSON.") from exc
        if not isinstance(data, dict) or data.get("schema") != MERGES_SCHEMA:
            raise InvalidInputError(f"{refuse}: it does not say it is one.")
        items = data.get("merges")
        if not isinstance(items, list):
            raise InvalidInputError(f"{refuse}: it has no merges.")
        merges = cls()
        for item in items:
            if not isinstance(item, dict):
                raise InvalidInputError(f"{refuse}: an entry is not a pair of themes.")
            variant, canonical = item.get("theme"), item.get("counts_as")
            if not isinstance(variant, str) or not isinstance(canonical, str):
                raise InvalidInputError(f"{refuse}: an entry is not a pair of themes.")
            # Keys made by another version of the stemmer are made again here.
            merges.merge(theme_key(variant), theme_key(canonical))
        return merges


@dataclass(frozen=True, slots=True)
class MergeSuggestion:
    """Theme `variant` looks like theme `into` (their keys and shown labels)."""

    variant: str
    variant_label: str
    into: str
    into_label: str
    score: float  # 0–100: how alike the keys are; 100 for another wording in the vocabulary
    reason: str


def suggest_merges(
    groups: Iterable[tuple[str, str, int]], *, dismissed: Iterable[tuple[str, str]] = ()
) -> list[MergeSuggestion]:
    """Merges to offer for the current theme groups, given as (key, label, findings).

        A group whose key is another wording of a vocabulary theme is offered into that theme (or
        into the group that already carries it); groups whose keys are alike are offered smaller
        into larger. Best first; each group offered once; `dismissed` pairs are not offered again,
    either way round.
    """
    rows = [(k, label, n) for k, label, n in groups if k]
    by_key = {k: (label, n) for k, label, n in rows}
    no = set(dismissed)
    offered: dict[str, MergeSuggestion] = {}

    def offer(suggestion: MergeSuggestion) -> None:
        pair = (suggestion.variant, suggestion.into)
        if pair in no or pair[::-1] in no or suggestion.variant == suggestion.into:
            return  # "not the same" holds both ways round
        best = offered.get(suggestion.variant)
        if best is None or suggestion.score > best.score:
            offered[suggestion.variant] = suggestion

    for key, label, _n in rows:
        theme = vocabulary_theme(key)
        if theme is not None and theme.key != key:
            into_label = by_key[theme.key][0] if theme.key in by_key else theme.label
            offer(MergeSuggestion(key, label, theme.key, into_label, 100.0, "another wording"))
    keys = sorted(by_key, key=lambda k: (-by_key[k][1], k))  # larger groups first
    vocabulary_keys = [t.key for t in vocabulary()]
    spelt = [folded(by_key[k][0]) for k in keys]
    for position, key in enumerate(keys):
        larger = keys[:position]
        slip = process.extractOne(
            spelt[position],
            spelt[:position],
            scorer=OSA.distance,
            score_cutoff=typos_allowed(spelt[position]),
        )
        if slip is not None:
            into = larger[slip[2]]
            score = 100.0 * (1 - slip[1] / max(1, len(spelt[position])))
            offer(MergeSuggestion(key, by_key[key][0], into, by_key[into][0], score, "a slip"))
            continue
        match = process.extractOne(key, larger, scorer=fuzz.ratio, score_cutoff=SIMILAR)
        if match is not None:
            into = match[0]
            offer(MergeSuggestion(key, by_key[key][0], into, by_key[into][0], match[1], "alike"))
            continue
        words = [folded(t.label) for t in vocabulary()]
        slip = process.extractOne(
            spelt[position], words, scorer=OSA.distance, score_cutoff=typos_allowed(spelt[position])
        )
        if slip is not None and slip[1] > 0:
            into = vocabulary_keys[slip[2]]
            into_label = by_key[into][0] if into in by_key else vocabulary()[slip[2]].label
            score = 100.0 * (1 - slip[1] / max(1, len(spelt[position])))
            offer(MergeSuggestion(key, by_key[key][0], into, into_label, score, "a slip"))
            continue
        near = process.extractOne(key, vocabulary_keys, scorer=fuzz.ratio, score_cutoff=SIMILAR)
        if near is not None and near[0] != key:
            into = near[0]
            into_label = by_key[into][0] if into in by_key else vocabulary()[near[2]].label
            offer(MergeSuggestion(key, by_key[key][0], into, into_label, near[1], "alike"))
    return sorted(offered.values(), key=lambda s: (-s.score, s.variant_label.casefold()))
