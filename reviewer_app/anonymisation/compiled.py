"""The register compiled once into one Aho-Corasick automaton, and what a match means.

Every form of every name, identifier, address, postcode and pseudonym is a key in one automaton
(`pyahocorasick`), run once over the normalised text: the scan is linear in the text however
long the register. A key only counts where it stands as whole words (nothing alphanumeric on
either side). The pseudonymiser and the leak scan both match through here, so they always agree
on what "the same name" is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from reviewer_app.anonymisation import words
from reviewer_app.anonymisation.decisions import DecisionKind
from reviewer_app.anonymisation.forms import (
    Form,
    FormKind,
    date_keys,
    identifier_forms,
    identity_forms,
    initials,
    initials_keys,
    spellings,
    without_title,
)
from reviewer_app.anonymisation.normalise import Normalised, key_of
from reviewer_app.anonymisation.patterns import TITLE_KEYS, WEAK_TITLES, digits
from reviewer_app.anonymisation.register import IdentifierKind, PseudonymRegister

_CUT = re.compile(r"[.!?;:\x00\n]")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SENTENCE_OPENERS = '.!?:;\x00\n•*("“‘-'


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose a form is: a person (by pseudonym) or a case identifier."""

    label: str  # "Mother", "the school recorded for this case"
    replacement: str  # the pseudonym, or the identifier's replacement ("" = must not appear)
    person: bool
    identifier_kind: IdentifierKind | None = None


@dataclass(frozen=True, slots=True)
class FormMatch:
    start: int  # in the normalised text (`Normalised.folded`)
    end: int
    key: str
    forms: tuple[Form, ...]

    @property
    def owners(self) -> frozenset[int]:
        return frozenset(f.owner for f in self.forms if f.kind is not FormKind.PSEUDONYM)

    @property
    def is_pseudonym(self) -> bool:
        return any(f.kind is FormKind.PSEUDONYM for f in self.forms)

    def real_forms(self) -> tuple[Form, ...]:
        return tuple(f for f in self.forms if f.kind is not FormKind.PSEUDONYM)


@dataclass(slots=True)
class Compiled:
    owners: list[Owner] = field(default_factory=list)
    forms: dict[str, list[Form]] = field(default_factory=lambda: defaultdict(list))
    initials: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    dates_of_birth: dict[dt.date, set[int]] = field(default_factory=lambda: defaultdict(set))
    numbers: dict[str, tuple[int, str]] = field(default_factory=dict)  # digits -> owner, kind
    name_words: set[str] = field(default_factory=set)  # every word of every registered name
    pseudonym_words: set[str] = field(default_factory=set)
    not_a_name: set[str] = field(default_factory=set)
    in_context: dict[tuple[str, str], tuple[DecisionKind, int]] = field(default_factory=dict)
    automaton: object = None
    tokens: object = None  # every word of every real form, to rule a text out quickly
    pseudonyms: object = None  # every pseudonym ("Health Visitor 1")

    def in_a_pseudonym(self, text: str, at: int) -> bool:
        """Whether offset `at` of a normalised key text lies inside a pseudonym written there."""
        if self.pseudonyms is None:
            return False
        begin = max(0, at - 60)
        window = text[begin : at + 60]
        for end, key in self.pseudonyms.iter(window):  # type: ignore[attr-defined]
            start = end - len(key) + 1
            if not start <= at - begin <= end:
                continue
            if (start == 0 or not window[start - 1].isalnum()) and (
                end + 1 >= len(window) or not window[end + 1].isalnum()
            ):
                return True
        return False

    def may_hold_a_form(self, text: str) -> bool:
        """False only when no word of any registered form occurs anywhere in the text (as a
        substring, so never falsely). Only valid for a text `is_plain` accepts."""
        if self.tokens is None:
            return False
        folded = text.casefold()
        size = len(folded)
        for end, token in self.tokens.iter(folded):  # type: ignore[attr-defined]
            start = end - len(token) + 1
            if (start == 0 or not folded[start - 1].isalnum()) and (
                end + 1 >= size or not folded[end + 1].isalnum()
            ):
                return True
        return False

    def add_key(self, key: str, kind: FormKind, owner: int) -> None:
        form = Form(key, kind, owner)
        if form not in self.forms[key]:
            self.forms[key].append(form)

    def add(self, text: str, kind: FormKind, owner: int) -> None:
        for key in spellings(text):
            if len(key.replace(" ", "")) < 2:
                continue
            form = Form(key, kind, owner)
            if form not in self.forms[key]:
                self.forms[key].append(form)

    def find(self, norm: Normalised) -> Iterator[FormMatch]:
        """Every registered form standing as whole words in the text (overlaps included)."""
        if self.automaton is None:
            return
        text = norm.key
        size = len(text)
        for end, key in self.automaton.iter(text):  # type: ignore[attr-defined]
            start = end - len(key) + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if end + 1 < size and text[end + 1].isalnum():
                continue
            fstart, fend = norm.key_to_folded(start, end + 1)
            yield FormMatch(fstart, fend, key, tuple(self.forms[key]))


def _owner_label(kind: IdentifierKind) -> str:
    names = {
        IdentifierKind.SCHOOL: "the school",
        IdentifierKind.GP_PRACTICE: "the GP practice",
        IdentifierKind.ADDRESS: "the address",
        IdentifierKind.PLACE: "the place",
        IdentifierKind.OTHER: "the identifying detail",
    }
    return f"{names.get(kind, 'the identifying detail')} recorded for this case"


@lru_cache(maxsize=8)
def compile_register(register: PseudonymRegister) -> Compiled:
    c = Compiled()
    for identity in register.identities:
        owner = len(c.owners)
        c.owners.append(
            Owner(
                identity.pseudonym.strip() or "a person in the register",
                identity.pseudonym.strip(),
                True,
            )
        )
        for text, kind in identity_forms(identity):
            c.add(text, kind, owner)
            if kind in (FormKind.FULL_NAME, FormKind.OTHER_NAME):
                c.name_words.update(key_of(w) for w in without_title(text).split())
                for letters in initials(text):
                    c.initials[letters.replace("-", "")].add(owner)
                    for key in initials_keys(letters):
                        c.add_key(key, FormKind.INITIALS, owner)
        if identity.pseudonym.strip():
            c.add(identity.pseudonym, FormKind.PSEUDONYM, owner)
            c.pseudonym_words.update(key_of(w) for w in identity.pseudonym.split())
        if identity.date_of_birth is not None:
            c.dates_of_birth[identity.date_of_birth].add(owner)
            for key in date_keys(identity.date_of_birth):
                c.add_key(key, FormKind.DATE_OF_BIRTH, owner)
        if identity.address.strip():
            for text, kind in identifier_forms(IdentifierKind.ADDRESS, identity.address):
                c.add(text, kind, owner)
        if identity.postcode.strip():
            compact = "".join(identity.postcode.split())
            c.add(compact, FormKind.POSTCODE, owner)
            if len(compact) >= 5:
                c.add(f"{compact[:-3]} {compact[-3:]}", FormKind.POSTCODE, owner)
        for number, what in ((identity.phone, "phone"), (identity.nhs_number, "nhs")):
            if len(digits(number)) >= 6:
                c.numbers[digits(number)] = (owner, what)
    for identifier in register.identifiers:
        if not identifier.text.strip():
            continue
        owner = len(c.owners)
        c.owners.append(
            Owner(
                _owner_label(identifier.kind),
                identifier.replacement.strip(),
                False,
                identifier.kind,
            )
        )
        for text, kind in identifier_forms(identifier.kind, identifier.text):
            c.add(text, kind, owner)
        if identifier.replacement.strip():
            c.add(identifier.replacement, FormKind.PSEUDONYM, owner)
            c.pseudonym_words.update(key_of(w) for w in identifier.replacement.split())
    by_pseudonym = {o.label: n for n, o in enumerate(c.owners) if o.person}
    for decision in register.decisions:
        key = key_of(decision.form)
        owner = by_pseudonym.get(decision.pseudonym, -1)
        if decision.context:
            c.in_context[(key, decision.context)] = (decision.kind, owner)
        elif decision.kind is DecisionKind.NOT_A_NAME:
            c.not_a_name.add(key)
        elif owner >= 0:
            c.add(decision.form, FormKind.LINKED, owner)
    if c.forms:
        import ahocorasick  # the C automaton: loaded on the first scan, not at start

        automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        tokens = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        pseudonyms = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        for key, forms in c.forms.items():
            if any(f.kind is FormKind.PSEUDONYM for f in forms):
                pseudonyms.add_word(key, key)
            if all(f.kind is FormKind.PSEUDONYM for f in forms):
                continue  # a pseudonym alone is looked for only where a name is in doubt
            automaton.add_word(key, key)
            if any(f.kind.whole for f in forms):
                for token in re.split(r"[\s'\-.]+", key):
                    if len(token) >= 2:
                        tokens.add_word(token, token)
        if len(automaton):
            automaton.make_automaton()
            c.automaton = automaton
        if len(pseudonyms):
            pseudonyms.make_automaton()
            c.pseudonyms = pseudonyms
        if len(tokens):
            tokens.make_automaton()
            c.tokens = tokens
    return c


# -- what the text around a match says (offsets in `norm.folded`) ---------------------------


def capitalised(norm: Normalised, at: int) -> bool:
    """Whether the word at `at` is written with a capital."""
    return at < len(norm.folded) and norm.folded[at].isupper()


def sentence_start(norm: Normalised, at: int) -> bool:
    """Whether the word at `at` opens a sentence, a line or a list item (where any word has a
    capital, so a capital says nothing about a name)."""
    before = norm.folded[max(0, at - 4) : at].rstrip(" '\"“‘(")
    return not before or before[-1] in _SENTENCE_OPENERS


def _neighbour(text: str, start: int, end: int, *, left: bool) -> tuple[str, bool]:
    """The word right beside [start, end) (joined by one space or a hyphen), and whether a
    hyphen joins it."""
    if left:
        if start >= 2 and text[start - 1] in " -":
            m = re.search(r"(\w[\w'.]*)$", text[max(0, start - 40) : start - 1])
            if m:
                return m.group(1), text[start - 1] == "-"
        return "", False
    if end + 1 < len(text) and text[end] in " -":
        m = re.match(r"\w[\w'.]*", text[end + 1 : end + 41])
        if m:
            return m.group(0), text[end] == "-"
    return "", False


def continues_a_name(compiled: Compiled, norm: Normalised, start: int, end: int) -> bool:
    """Whether a registered name at [start, end) sits inside a longer name ("Dr Priya Ramaswamy",
    "Jane Smith", "J. Smith-Jones", "Smith-Jones" when only Jones is registered): replacing it
    would splice a pseudonym into someone else's name."""
    text = norm.folded
    for left in (True, False):
        word, hyphen = _neighbour(text, start, end, left=left)
        if not word or not word[0].isupper():
            continue
        key = word.casefold().strip(".").removesuffix("'s")
        if left and key in TITLE_KEYS and not hyphen:
            continue
        if hyphen or len(key) == 1 or key in compiled.name_words or words.is_possible_name(key):
            return True
        if (
            not words.is_everyday(key)
            and key not in words.calendar_words()
            and key not in compiled.pseudonym_words
        ):
            return True
    return False


def title_before(norm: Normalised, at: int) -> int:
    """Where a title just before `at` starts ("Mrs ", "Dr. "), or `at`."""
    m = re.search(r"(?<![\w'])(\w+)\.? $", norm.folded[max(0, at - 14) : at])
    if m and m.group(1).casefold() in TITLE_KEYS:
        return at - len(m.group(0))
    return at


def after_a_title(norm: Normalised, at: int) -> bool:
    """Whether a title that only ever comes before a name ("Mrs", "dr."; not "nurse" or
    "sister", which are words too) comes just before `at`, in any case: "mrs bird" is a
    person, however it is typed."""
    begin = title_before(norm, at)
    if begin == at:
        return False
    title = norm.folded[begin:at].strip(" .").casefold()
    return title not in WEAK_TITLES


def context_key(norm: Normalised, start: int, end: int) -> str:
    """The two words either side of a match within its sentence: "staff <> the board"."""
    text = norm.folded
    left = _CUT.split(text[max(0, start - 80) : start])[-1].casefold()
    right = _CUT.split(text[end : end + 80])[0].casefold()
    before = _WORD.findall(left)[-2:]
    after = _WORD.findall(right)[:2]
    return " ".join([*before, "<>", *after])
