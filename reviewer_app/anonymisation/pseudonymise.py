"""The first half of the gate: real names replaced by pseudonyms, but only whole ones.

A match is replaced only when it names one registered identity whole: the full name, another
recorded name, a given name or the surname (with any title before it: "Mrs O'Brien" becomes
"Mother"), or a case identifier that has a replacement, or a form the reviewer linked to a
person. It is left in the text, for the leak scan to block and the reviewer to decide, when:

- it is only part of a name (one half of "Smith-Jones", "Berg" of "Van der Berg", initials);
- it belongs to more than one person (a family surname);
- it sits inside a longer name ("Dr Priya Ramaswamy" when only Priya Nandra is registered):
  replacing it would splice a pseudonym into someone else's name and point at the wrong person;
- it is an everyday word ("Will", "Hope") at the start of a sentence, where the capital says
  nothing (mid-sentence, "…said Will" is the name), unless the reviewer decided this very place.

Matching goes through the same normalisation and automaton as the scan, and the replacement is
mapped back onto the characters as written (zero-width spaces and line breaks included).
"""

from __future__ import annotations

from reviewer_app.anonymisation import words
from reviewer_app.anonymisation.compiled import (
    Compiled,
    FormMatch,
    after_a_title,
    capitalised,
    compile_register,
    context_key,
    continues_a_name,
    sentence_start,
    title_before,
)
from reviewer_app.anonymisation.decisions import DecisionKind
from reviewer_app.anonymisation.forms import FormKind
from reviewer_app.anonymisation.normalise import Normalised, is_plain, normalise
from reviewer_app.anonymisation.register import PseudonymRegister


class Pseudonymiser:
    """Applies one register to any number of texts (compiled once, and cached).

    A text seen before is not read again (a chronology repeats its agencies and outcomes):
    what comes out depends on the text alone.
    """

    def __init__(self, register: PseudonymRegister) -> None:
        self._compiled: Compiled = compile_register(register)
        self._done: dict[str, str] = {}

    def __bool__(self) -> bool:
        return self._compiled.automaton is not None

    def apply(self, text: str) -> str:
        if self._compiled.automaton is None or not text:
            return text
        done = self._done.get(text)
        if done is None:
            done = self._done[text] = self._apply(text)
        return done

    def _apply(self, text: str) -> str:
        if is_plain(text) and not self._compiled.may_hold_a_form(text):
            return text  # no word of any registered name is in it at all (most texts)
        norm = normalise(text)
        chosen = _leftmost_longest(list(self._compiled.find(norm)))
        pieces: list[str] = []
        last = 0
        for match in chosen:
            replacement = self._replacement(norm, match)
            if replacement is None:
                continue
            begin = title_before(norm, match.start) if self._is_person(match) else match.start
            start, end = norm.to_original(begin, match.end)
            if start < last:
                continue
            if replacement[:1].islower() and sentence_start(norm, begin):
                # "The school…" at the start of a sentence: "The primary school…"
                replacement = replacement[:1].upper() + replacement[1:]
            pieces.append(text[last:start])
            pieces.append(replacement)
            last = end
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)

    def _is_person(self, match: FormMatch) -> bool:
        return any(self._compiled.owners[o].person for o in match.owners)

    def _replacement(self, norm: Normalised, match: FormMatch) -> str | None:
        c = self._compiled
        forms = match.real_forms()
        if not forms or match.is_pseudonym:
            return None
        everyday = " " not in match.key and (
            words.is_everyday(match.key) or match.key in words.calendar_words()
        )
        if everyday:
            decided = c.in_context.get((match.key, context_key(norm, match.start, match.end)))
            if decided is not None:  # the reviewer said what this word is, here
                kind, who = decided
                if kind is DecisionKind.SAME_AS and who >= 0 and c.owners[who].replacement:
                    return c.owners[who].replacement
                return None
        linked = any(f.kind is FormKind.LINKED for f in forms)
        # A form the reviewer linked to someone is theirs, even if it is part of another name.
        owners = (
            frozenset(f.owner for f in forms if f.kind is FormKind.LINKED)
            if linked
            else match.owners
        )
        if len(owners) != 1 or not (linked or all(f.kind.whole for f in forms)):
            return None
        owner = c.owners[next(iter(owners))]
        if not owner.replacement:
            return None
        if linked:
            return owner.replacement
        if owner.person and continues_a_name(c, norm, match.start, match.end):
            return None
        if everyday:
            if not capitalised(norm, match.start) and not after_a_title(norm, match.start):
                return None  # "will", "hope": the word (but "mrs hope" is someone)
            if sentence_start(norm, title_before(norm, match.start)):
                return None  # "Will the board…": cannot tell; the scan asks
            if match.key in words.calendar_words():
                return None  # "May": a month far more often than a name
        return owner.replacement


def _leftmost_longest(matches: list[FormMatch]) -> list[FormMatch]:
    """Non-overlapping matches, the longest winning where they overlap ("Smith-Jones" over
    "Smith"; "Jane Smith-Jones" over "Jane")."""
    ordered = sorted(matches, key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[FormMatch] = []
    for match in ordered:
        if not chosen or match.start >= chosen[-1].end:
            chosen.append(match)
    return chosen
