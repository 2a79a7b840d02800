"""Every form in which a registered name or case identifier may be written.

A name is taken apart into given names and a surname (with its particles: "Van der Berg",
"O'Brien", "Mc"), and written out in every shape reviewers and agencies use: whole, each part,
each half of a double-barrelled or hyphenated name, with and without apostrophes, hyphens and
particles, with the accents dropped, and as initials. Case identifiers lose their generic words
("Riverside Medical Practice" -> "Riverside Medical" -> "Riverside"). Titles and possessives are
handled where the forms are matched, not here.

Each form says whether it names its owner *whole* (the full name, a given name, the surname: a
pseudonym may replace it) or only *in part* (one half of "Smith-Jones", the initials, a
shortened identifier): a part is never replaced, because a pseudonym spliced into a longer name
would name the wrong person, so it blocks the export until the reviewer decides.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from reviewer_app.anonymisation.normalise import key_of, without_marks
from reviewer_app.anonymisation.patterns import MONTHS, TITLE_KEYS
from reviewer_app.anonymisation.register import IdentifierKind, KnownIdentity

#: Words that join a surname rather than start one ("Kieran Van der Berg", "Ali bin Hassan").
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "le",
        "la",
        "ter",
        "ten",
        "bin",
        "binti",
        "ibn",
        "al",
        "el",
        "ap",
    ]
)
_APOSTROPHE_PREFIX = re.compile(r"^(o|d|l|mc|mac)'(.+)$")
#: The words that make a place an instance of a kind ("… Primary School", "… Medical Practice").
GENERIC_PLACE_WORDS = frozenset(
    [
        "school",
        "primary",
        "secondary",
        "infant",
        "infants",
        "junior",
        "juniors",
        "academy",
        "college",
        "nursery",
        "preschool",
        "pre-school",
        "surgery",
        "practice",
        "medical",
        "centre",
        "center",
        "health",
        "clinic",
        "hospital",
        "group",
        "partnership",
        "church",
        "england",
        "ce",
        "c",
        "of",
        "e",
        "rc",
        "catholic",
        "community",
        "federation",
        "trust",
        "foundation",
        "the",
        "children's",
        "family",
        "centres",
        "services",
        "unit",
        "ward",
    ]
)
STREET_ABBREVIATIONS = {
    "avenue": "ave",
    "road": "rd",
    "street": "st",
    "lane": "ln",
    "close": "cl",
    "drive": "dr",
    "crescent": "cres",
    "gardens": "gdns",
    "terrace": "terr",
    "place": "pl",
    "court": "ct",
    "square": "sq",
}


class FormKind(StrEnum):
    FULL_NAME = "full name"
    OTHER_NAME = "other name"
    GIVEN_AND_SURNAME = "given name and surname"
    GIVEN_NAMES = "given names"
    GIVEN_NAME = "given name"
    SURNAME = "surname"
    GIVEN_NAME_PART = "part of a hyphenated given name"
    SURNAME_PART = "part of a surname"
    INITIALS = "initials"
    LINKED = "a form linked to this person by the reviewer"
    IDENTIFIER = "case identifier"
    IDENTIFIER_SHORT = "shortened case identifier"
    ADDRESS = "address"
    ADDRESS_PART = "part of an address"
    POSTCODE = "postcode"
    DATE_OF_BIRTH = "date of birth"
    PSEUDONYM = "pseudonym"

    @property
    def whole(self) -> bool:
        """A form that names its owner whole, so the owner's pseudonym may replace it."""
        return self in _WHOLE


_WHOLE = frozenset(
    {
        FormKind.FULL_NAME,
        FormKind.OTHER_NAME,
        FormKind.GIVEN_AND_SURNAME,
        FormKind.GIVEN_NAMES,
        FormKind.GIVEN_NAME,
        FormKind.SURNAME,
        FormKind.LINKED,
        FormKind.IDENTIFIER,
    }
)
NAME_KINDS = frozenset(
    {
        FormKind.FULL_NAME,
        FormKind.OTHER_NAME,
        FormKind.GIVEN_AND_SURNAME,
        FormKind.GIVEN_NAMES,
        FormKind.GIVEN_NAME,
        FormKind.SURNAME,
        FormKind.GIVEN_NAME_PART,
        FormKind.SURNAME_PART,
        FormKind.INITIALS,
        FormKind.LINKED,
    }
)


@dataclass(frozen=True, slots=True)
class Form:
    """One way of writing something in the register, as its matching key."""

    key: str
    kind: FormKind
    owner: int  # index into the compiled register's owners


@dataclass(frozen=True, slots=True)
class ParsedName:
    given: tuple[str, ...]
    surname: tuple[str, ...]  # with its particles: ("Van", "der", "Berg")


def parse_name(name: str) -> ParsedName:
    words = name.replace(",", " ").split()
    if len(words) <= 1:
        return ParsedName(tuple(words), ())
    start = len(words) - 1
    while start - 1 >= 1 and words[start - 1].casefold() in PARTICLES:
        start -= 1
    return ParsedName(tuple(words[:start]), tuple(words[start:]))


def spellings(text: str) -> set[str]:
    """The keys of a text as it may be written: with the apostrophes and hyphens kept, dropped
    or made spaces, "St"/"St."/"Saint", and with accents dropped."""
    base = key_of(text)
    found = {base}
    for old, options in (("'", ("", " ")), ("-", ("", " "))):
        for key in list(found):
            if old in key:
                found.update(key.replace(old, new) for new in options)
    for key in list(found):
        if re.search(r"(?<![\w'])st\.? ", key):
            for new in ("st ", "st. ", "saint "):
                found.add(re.sub(r"(?<![\w'])st\.? ", new, key))
    found.update(key_of(without_marks(key)) for key in list(found))
    return {" ".join(key.split()) for key in found if key.strip()}


def _halves(word: str) -> list[str]:
    """The parts of a hyphenated or apostrophe-joined word: "Smith-Jones" -> Smith, Jones;
    "O'Brien" -> Brien."""
    parts = [p for p in re.split(r"[-‐‑–—]", word) if p]
    found = parts if len(parts) > 1 else []
    for part in parts:
        m = _APOSTROPHE_PREFIX.match(key_of(part))
        if m and len(m.group(2)) >= 2:
            found.append(part[len(m.group(1)) + 1 :])
    return found


def name_forms(name: str, *, other: bool) -> Iterator[tuple[str, FormKind]]:
    """(text, kind) for every form of one recorded name."""
    name = " ".join(name.split())
    if not name:
        return
    yield name, FormKind.OTHER_NAME if other else FormKind.FULL_NAME
    bare = without_title(name)  # "Dr Samuel Reyes": the name is Samuel Reyes
    if not bare:
        return
    if bare != name:
        yield bare, FormKind.OTHER_NAME if other else FormKind.FULL_NAME
    parsed = parse_name(bare)
    given, surname = parsed.given, parsed.surname
    if not surname:  # one word: a given name or a nickname
        for half in _halves(given[0]):
            yield half, FormKind.GIVEN_NAME_PART
        return
    whole_surname = " ".join(surname)
    yield whole_surname, FormKind.SURNAME
    if len(surname) > 1:
        yield "".join(surname), FormKind.SURNAME  # "Vanderberg"
    for word in given:
        yield word, FormKind.GIVEN_NAME
        yield f"{word} {whole_surname}", FormKind.GIVEN_AND_SURNAME
        for half in _halves(word):
            yield half, FormKind.GIVEN_NAME_PART
    if len(given) > 1:
        yield " ".join(given), FormKind.GIVEN_NAMES
    core = [w for w in surname if w.casefold() not in PARTICLES]
    if len(core) != len(surname):
        yield " ".join(core), FormKind.SURNAME_PART
        yield f"{given[0]} {' '.join(core)}", FormKind.SURNAME_PART
        for n in range(1, len(surname) - 1):
            yield " ".join(surname[n:]), FormKind.SURNAME_PART
    for word in core:
        for half in _halves(word):
            yield half, FormKind.SURNAME_PART
            yield f"{given[0]} {half}", FormKind.SURNAME_PART


def _letters(word: str) -> list[str]:
    """The ways a word may contribute to initials: "Smith-Jones" -> S-J or S; "O'Brien" -> O'B
    or O; a particle -> its letter or nothing."""
    key = key_of(word)
    options = [key[:1]]
    parts = [p for p in key.split("-") if p]
    if len(parts) > 1:
        options.append("-".join(p[:1] for p in parts))
    m = _APOSTROPHE_PREFIX.match(key)
    if m:
        options.append(f"{m.group(1)[:1]}{m.group(2)[:1]}")
    if key in PARTICLES:
        options.append("")
    return options


def without_title(name: str) -> str:
    """A recorded name without the titles before it ("Dr Samuel Reyes" -> "Samuel Reyes")."""
    words = name.split()
    while len(words) > 1 and key_of(words[0]).strip(".") in TITLE_KEYS:
        words = words[1:]
    return " ".join(words)


def initials(name: str) -> set[str]:
    """The letters of a name's initials in their usual forms, as keys: "jsj", "js-j", "js"."""
    words = without_title(name).replace(",", " ").split()
    if len(words) < 2:
        return set()
    found: set[str] = set()
    for combination in itertools.product(*(_letters(w) for w in words)):
        letters = "".join(combination)
        found.add(letters)
        found.add(letters.replace("-", ""))
    return {f for f in found if len(f.replace("-", "")) >= 2}


def date_keys(day: dt.date) -> set[str]:
    """A day as records write it, as matching keys: 17/04/2013, 17.4.13, 17 / 04 / 2013,
    17th April 2013, 17 Apr. 2013, 17th of April, 2013, April 17, 2013, april the 17th 2013,
    2013-04-17, 2013/04/17, and month first (4/17/2013, as American records write it) where
    the day is past the 12th, so it cannot be another day written the UK way."""
    d, m, y = day.day, day.month, day.year
    days = {str(d), f"{d:02d}"}
    months = {str(m), f"{m:02d}"}
    spaces = ("", " ")
    found: set[str] = set()
    for sep in "/.-":
        for dd, mm, yy in itertools.product(days, months, (str(y), f"{y % 100:02d}")):
            for a, b, c, e in itertools.product(spaces, repeat=4):
                found.add(f"{dd}{a}{sep}{b}{mm}{c}{sep}{e}{yy}")
                if d > 12:
                    found.add(f"{mm}{a}{sep}{b}{dd}{c}{sep}{e}{yy}")
        for dd, mm, a, b in itertools.product(days, months, spaces, spaces):
            found.add(f"{y}{a}{sep}{b}{mm}{a}{sep}{b}{dd}")
    name = MONTHS[m - 1]
    names = {name, name[:3], f"{name[:3]}."} | ({"sept", "sept."} if m == 9 else set())
    suffix = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    ordinals = days | {f"{x}{suffix}" for x in days}
    years = {str(y), f"{y % 100:02d}", f"'{y % 100:02d}"}
    for dd, nn, yy, comma in itertools.product(ordinals, names, years, ("", ",")):
        found.add(f"{dd} {nn}{comma} {yy}")
        found.add(f"{dd} of {nn}{comma} {yy}")
        found.add(f"{nn} {dd}{comma} {yy}")
        found.add(f"{nn} the {dd}{comma} {yy}")
    return found


def initials_keys(letters: str) -> set[str]:
    """Initials in their usual forms, as matching keys: "js-j" gives jsj, j.s.j., j. s. j.,
    j s j, j.s-j., js-j and so on. Two letters only with dots ("j.s."): "GP" and "PC" are
    never anyone's initials."""
    groups = [part for part in letters.split("-") if part]
    between = ("", ".", ". ", " ")
    hyphens = ("-", ".-", ". -", "")
    found: set[str] = set()
    chars = list("".join(groups))
    joins: list[tuple[str, ...]] = []
    n = 0
    for g, group in enumerate(groups):
        for _ in group[1:]:
            joins.append(between)
        if g < len(groups) - 1:
            joins.append(hyphens)
        n += len(group)
    for combo in itertools.product(*joins):
        key = chars[0] + "".join(j + ch for j, ch in zip(combo, chars[1:], strict=True))
        for end in ("", "."):
            found.add(key + end)
    if len(chars) == 2:
        found = {k for k in found if k.count(".") == 2}
    return found


def identity_forms(identity: KnownIdentity) -> Iterator[tuple[str, FormKind]]:
    for n, name in enumerate((identity.full_name, *identity.other_names)):
        yield from name_forms(name, other=n > 0)


def identifier_forms(kind: IdentifierKind, text: str) -> Iterator[tuple[str, FormKind]]:
    text = " ".join(text.split())
    if not text:
        return
    if kind is IdentifierKind.ADDRESS:
        yield from address_forms(text)
        return
    yield text, FormKind.IDENTIFIER
    words = text.split()
    while words and key_of(words[0]) == "the":
        words = words[1:]
    while len(words) > 1 and key_of(words[-1]).strip(".") in GENERIC_PLACE_WORDS:
        words = words[:-1]
        yield " ".join(words), FormKind.IDENTIFIER_SHORT
    if len(text.split()) != len(words):
        yield " ".join(words), FormKind.IDENTIFIER_SHORT


def address_forms(address: str) -> Iterator[tuple[str, FormKind]]:
    """The whole address, its first line, and the street with and without the house number, with
    the usual abbreviations ("Acacia Ave")."""
    lines = [part.strip() for part in re.split(r"[,\n]", address) if part.strip()]
    if not lines:
        return
    yield ", ".join(lines), FormKind.ADDRESS
    yield " ".join(lines), FormKind.ADDRESS
    first = lines[0]
    yield first, FormKind.ADDRESS_PART
    street = re.sub(r"^(?:flat\s+\w+,?\s+)?\d+[a-z]?,?\s+", "", first, flags=re.IGNORECASE)
    shapes = {first, street} if len(street.split()) >= 2 else {first}
    for shape in shapes:
        yield shape, FormKind.ADDRESS_PART
        words = shape.split()
        short = STREET_ABBREVIATIONS.get(key_of(words[-1]))
        if short:
            yield " ".join([*words[:-1], short]), FormKind.ADDRESS_PART
