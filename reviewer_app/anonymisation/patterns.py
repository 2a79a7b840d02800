"""The shapes the gate looks for beyond the register's own words, a compiled pattern each.

Digit runs that may be a phone or NHS number, a "DOB …" phrase, a house number and street, a
postcode, and a title before a capitalised word ("Dr Priya…"), each looked for in its own pass
over the text (see `shapes`). Capitalised words (possible names) are collected in one
`findall` and judged as a set. A register's own dates of birth and initials are keys in its
automaton (`forms.date_keys`, `forms.initials_keys`). What each match means is decided in
`scan`.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
#: A month's name or its short form, in any case (for other modules' date shapes).
MONTH_PATTERN = _MONTH
#: Titles before a name. Those that are also words or initials ("PC", "Nurse") only count
#: before a word that is not an everyday word.
TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Master",
    "Dr",
    "Prof",
    "Professor",
    "Rev",
    "Revd",
    "Sir",
    "Dame",
    "Lady",
    "Lord",
    "Cllr",
    "Councillor",
    "Sgt",
    "Sergeant",
    "Insp",
    "Inspector",
    "PC",
    "DC",
    "DS",
    "DI",
    "DCI",
    "PCSO",
    "Nurse",
    "Sister",
    "Judge",
)
WEAK_TITLES = frozenset(
    t.casefold() for t in ("PC", "DC", "DS", "DI", "Nurse", "Sister", "Judge", "Master", "Lady")
)
TITLE_KEYS = frozenset(t.casefold() for t in TITLES)
_STREET_WORDS = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Court|Ct|Crescent|Cres|Place|Pl|"
    "Gardens|Gdns|Terrace|Terr|Grove|Walk|Row|Square|Sq|Mews|Rise|Parade|Green|Vale|View|Hill"
)


@cache
def _upper() -> str:
    return "".join(re.escape(chr(c)) for c in range(0x3000) if chr(c).isupper())


_ANY_DATE = (
    rf"(?:\d{{1,2}} ?[/.\-] ?\d{{1,2}} ?[/.\-] ?(?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH},? (?:\d{{4}}|'?\d{{2}})"
    rf"|\d{{4}} ?[/.\-] ?\d{{1,2}} ?[/.\-] ?\d{{1,2}}"
    rf"|{_MONTH} (?:the )?\d{{1,2}}(?:st|nd|rd|th)?,? (?:\d{{4}}|'?\d{{2}}))"
)
_DOB_WORDS = r"(?i:d\.?o\.?b\.?|date of birth|birth ?date|born(?: on)?)"


@lru_cache(maxsize=4)
def shapes(*, generic: bool = True, names: bool = True) -> tuple[re.Pattern[str], ...]:
    """The shapes, one pattern each: digit runs (phone and NHS numbers), and with `generic` a
    "DOB …" phrase, a house number and street and a postcode, and with `names` a title before
    a capitalised word. (The register's own dates of birth and initials are keys in its
    automaton.)

    Each is looked for on its own, in its own pass: one shape's match never hides another's,
    and each pattern starts with what the regex engine can find quickly (a digit, a capital),
    which makes five plain passes several times quicker than one alternation of them."""
    up = _upper()
    branches = []
    if generic:
        branches.append(rf"(?<![\w])(?P<dobphrase>{_DOB_WORDS} ?[:\-]? ?{_ANY_DATE})(?!\w)")
    branches.append(r"(?<![\w+])(?P<num>\+?\d[\d \-()]{7,}\d)(?!\w)")
    if generic:
        branches.append(
            rf"(?<![\w])(?P<street>\d{{1,4}}[A-Za-z]?,? (?:[{up}][\w'\-]+ ){{1,3}}"
            rf"(?:{_STREET_WORDS}))(?![\w])"
        )
        branches.append(
            r"(?<![\w])(?P<pc>[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}|GIR ?0AA)"
            r"(?!\w)"
        )
    if names:
        titles = "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))
        upper = "|".join(
            sorted((re.escape(t.upper()) for t in TITLES if len(t) > 2), key=len, reverse=True)
        )
        branches.append(
            rf"(?<![\w'\-])(?P<title>(?:{titles}|{upper})\.? )(?P<titled>[{up}][\w'\-]+)"
        )
    return tuple(re.compile(branch) for branch in branches)


@cache
def capitalised_word() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'\-])[{_upper()}][\w'\-]*\w")


def digits(text: str) -> str:
    """The digits of a number as a UK reader dials it: "+44 (0)7700 900123" -> 07700900123."""
    only = "".join(ch for ch in text if ch.isdigit())
    if text.lstrip().startswith("+44"):
        only = only[2:]
        only = only if only.startswith("0") else "0" + only
    return only


def nhs_check_digit_ok(number: str) -> bool:
    """The NHS number's modulus-11 check."""
    d = "".join(ch for ch in number if ch.isdigit())
    if len(d) != 10:
        return False
    total = sum(int(ch) * (10 - n) for n, ch in enumerate(d[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(d[9])


def is_phone(number: str) -> bool:
    """A UK phone number: 0 then nine or ten digits, however grouped (or +44 for the 0)."""
    d = digits(number)
    return d.startswith("0") and len(d) in (10, 11) and not d.startswith("00")
