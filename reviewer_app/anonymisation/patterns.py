"""Regular expressions for the things that identify a family, built from the register.

Kept apart from the scanner so both the pseudonymiser and the leak scan share one idea of
what "the same name" means: case-insensitive, whole words, either apostrophe, any spacing.
"""

from __future__ import annotations

import datetime as dt
import re

from reviewer_app.anonymisation.register import KnownIdentity

#: Forenames that are also everyday English words. They are matched only when written with a
#: capital (so "may" the verb and "grace" the word pass, "May" and "Grace" do not).
_COMMON_WORDS = """
    amber april art autumn bill brook brown chase cook crystal daisy dawn dot faith fox
    frank gene grace green guy hall hill holly hope hunter iris ivy jack joy june king lane
    lily long love mark may mercy miles moss north page park pat pearl penny poppy price ray
    reed rich river rivers rose ruby sky star stone storm summer violet white will winter
    wood young
"""
COMMON_WORD_NAMES = frozenset(_COMMON_WORDS.split())
MONTH_NAMES = ("april", "may", "june", "august")

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")
_TITLE_WORDS = {t.lower() for t in TITLES} | {"master", "sir", "dame", "rev", "prof"}

MONTHS_FULL = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def normalise(text: str) -> str:
    """Lower case, single spaces, straight apostrophes: the key two spellings share."""
    return " ".join(text.replace("’", "'").split()).casefold()


def phrase_pattern(phrase: str) -> str:
    """A phrase as a regex fragment: any run of spaces between words, either apostrophe."""
    words = phrase.replace("’", "'").split()
    parts = [re.escape(word).replace("'", "['’]") for word in words]
    return r"\s+".join(parts)


def bounded(fragment: str) -> str:
    return rf"(?<![\w]){fragment}(?![\w])"


def name_tokens(identity: KnownIdentity) -> list[str]:
    """Every part of every recorded name worth searching for on its own (not initials or titles)."""
    tokens: list[str] = []
    for name in (identity.full_name, *identity.other_names):
        for token in re.split(r"[\s,]+", name):
            token = token.strip('.()"')
            if len(token) >= 2 and token.lower() not in _TITLE_WORDS:
                tokens.append(token)
    return tokens


def name_phrases(identity: KnownIdentity) -> list[str]:
    """Whole names: as recorded, the other names, and forename plus surname ("Jane Smith")."""
    phrases: list[str] = []
    for name in (identity.full_name, *identity.other_names):
        words = name.split()
        if not words:
            continue
        phrases.append(" ".join(words))
        if len(words) >= 3:
            phrases.append(f"{words[0]} {words[-1]}")
    return phrases


def token_pattern(token: str) -> re.Pattern[str]:
    """One name token: case-insensitive, unless it is also an everyday word."""
    fragment = phrase_pattern(token)
    if token.casefold() in COMMON_WORD_NAMES:
        rest = fragment[len(re.escape(token[0])) :]
        cased = f"{re.escape(token[0].upper())}(?i:{rest})"
        pattern = bounded(cased)
        if token.casefold() in MONTH_NAMES:
            # "May 2014" and "3 May" are dates, not the name May.
            pattern = rf"(?<!\d\s){pattern}(?!\s+\d{{2,4}}\b)"
        return re.compile(pattern)
    return re.compile(bounded(fragment), re.IGNORECASE)


def date_of_birth_pattern(day: dt.date) -> re.Pattern[str]:
    """A date written in the shapes UK records use: 03/02/2015, 3.2.15, 3rd Feb 2015, 2015-02-03."""
    d, m, y = day.day, day.month, day.year
    month = MONTHS_FULL[m - 1]
    month_words = rf"(?:{month}|{month[:3]}\.?{'|Sept' if m == 9 else ''})"
    day_words = rf"0?{d}(?:st|nd|rd|th)?"
    years = rf"(?:{y}|'?{y % 100:02d})"
    shapes = [
        rf"0?{d}\s*[/.\-]\s*0?{m}\s*[/.\-]\s*{years}",
        rf"{day_words}\s+(?:of\s+)?{month_words},?\s+{years}",
        rf"{month_words}\s+{day_words},?\s+{years}",
        rf"{y}\s*-\s*{m:02d}\s*-\s*{d:02d}",
    ]
    return re.compile(rf"(?<![\w])(?:{'|'.join(shapes)})(?![\w])", re.IGNORECASE)


_ANY_DATE = (
    r"(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]{2,8}\.?,?\s+\d{2,4}"
    r"|\d{4}-\d{2}-\d{2})"
)
#: "DOB 03/02/2015", "date of birth: 3rd February 2015", "born on 3.2.15".
GENERIC_DATE_OF_BIRTH = re.compile(
    rf"(?<![\w])(?:d\.?o\.?b\.?|date\s+of\s+birth|born(?:\s+on)?)\s*[:\-]?\s*{_ANY_DATE}",
    re.IGNORECASE,
)
#: A UK postcode, as written in capitals ("NT1 2AB", "M1 1AA", "SW1A 1AA").
POSTCODE = re.compile(
    r"(?<![\w])(?:[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]?\s?[0-9][ABD-HJLNP-UW-Z]{2}|GIR\s?0AA)(?![\w])"
)
#: A UK telephone number: 0 or +44 then nine or ten more digits, spaces or dashes allowed.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|0)(?:\d[\s\-]?){8,9}\d(?![\w])")
#: Ten digits in the NHS number's usual 3-3-4 shape (checked with its mod-11 check digit).
NHS_NUMBER = re.compile(r"(?<![\w])\d{3}[\s\-]?\d{3}[\s\-]?\d{4}(?![\w])")
_STREET_WORDS = (
    "Road|Rd|Street|Avenue|Ave|Lane|Close|Drive|Way|Court|Crescent|Place|Gardens|Terrace|"
    "Grove|Walk|Row|Square|Mews|Rise|Parade|Green|Vale|View"
)
#: A house number and a street: "12 Acacia Avenue", "4a Mill Lane".
STREET_ADDRESS = re.compile(
    rf"(?<![\w])\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'’\-]+\s+){{1,3}}(?:{_STREET_WORDS})(?![\w])"
)
#: Digit runs that may be a phone or NHS number written any way.
DIGIT_RUN = re.compile(r"(?<![\w])\+?\d[\d\s\-()]{7,}\d(?![\w])")


def digits(text: str) -> str:
    only = "".join(ch for ch in text if ch.isdigit())
    if only.startswith("44") and len(only) >= 11 and text.strip().startswith("+"):
        only = "0" + only[2:]
    return only


def nhs_check_digit_ok(number: str) -> bool:
    d = digits(number)
    if len(d) != 10:
        return False
    total = sum(int(ch) * (10 - n) for n, ch in enumerate(d[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(d[9])
