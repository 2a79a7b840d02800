"""The first half of the gate: real names replaced by pseudonyms, consistently.

Replaced automatically: every recorded full name and other name, a forename or surname that
belongs to one person only (with or without a title: "Mr Smith"), and case identifiers that
have a replacement ("the primary school"). A name part shared by several people (a family
surname) is left alone on purpose: guessing whom it meant could name the wrong person, so the
leak scan reports it for the reviewer to decide.
"""

from __future__ import annotations

import re
from collections import Counter

from reviewer_app.anonymisation.patterns import (
    COMMON_WORD_NAMES,
    TITLES,
    bounded,
    name_phrases,
    name_tokens,
    normalise,
    phrase_pattern,
)
from reviewer_app.anonymisation.register import PseudonymRegister


class Pseudonymiser:
    """Applies one register to any number of texts (the pattern is compiled once)."""

    def __init__(self, register: PseudonymRegister) -> None:
        replacements: dict[str, str] = {}
        for identity in register.identities:
            for name in name_phrases(identity):
                if identity.pseudonym.strip():
                    replacements.setdefault(normalise(name), identity.pseudonym)
        owners: Counter[str] = Counter()
        for identity in register.identities:
            for token in {normalise(t) for t in name_tokens(identity)}:
                owners[token] += 1
        for identity in register.identities:
            if not identity.pseudonym.strip():
                continue
            tokens = name_tokens(identity)
            for token in tokens:
                key = normalise(token)
                if owners[key] != 1 or key in COMMON_WORD_NAMES:
                    continue
                replacements.setdefault(key, identity.pseudonym)
            if len(tokens) >= 2 and owners[normalise(tokens[-1])] == 1:
                for title in TITLES:
                    replacements.setdefault(normalise(f"{title} {tokens[-1]}"), identity.pseudonym)
        for identifier in register.identifiers:
            if identifier.text.strip() and identifier.replacement.strip():
                replacements.setdefault(normalise(identifier.text), identifier.replacement)
        self._replacements = replacements
        self._pattern: re.Pattern[str] | None = None
        if replacements:
            # Longest first, so "Jane Smith" wins over "Jane" and "Mr Smith" over "Smith".
            phrases = sorted(replacements, key=len, reverse=True)
            alternatives = "|".join(phrase_pattern(p) for p in phrases)
            self._pattern = re.compile(bounded(f"(?:{alternatives})"), re.IGNORECASE)

    def __bool__(self) -> bool:
        return self._pattern is not None

    def _swap(self, match: re.Match[str]) -> str:
        return self._replacements.get(normalise(match.group(0)), match.group(0))

    def apply(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(self._swap, text)
