"""The word lists the gate judges names by: everyday English words, and given names and surnames.

- Everyday words come from the `english-words` package (Webster's Second International word
  list, "web2"), taking only the entries it spells in lower case and that have a word made
  from them: "mark" (marking), "hope" (hopeful), "grace" and "will" are everyday words; "jane"
  (in the list, as an old coin) is not, nor are "Priya" and "Kieran". A registered name that
  is an everyday word is only taken for the name when it has its capital, and never in the
  app's own text.
- Given names and surnames are lists shipped in `resources/names/`, derived from the
  `names-dataset` package by `packaging/make_name_lists.py` (see its docstring), never written
  by hand. A capitalised word in them that is not an everyday word is a "possible name".

Everything is loaded once, on first use, from files installed with the app (no network).
"""

from __future__ import annotations

import calendar
from functools import cache, lru_cache
from importlib import resources

from reviewer_app.anonymisation.normalise import key_of
from reviewer_app.anonymisation.patterns import TITLE_KEYS


@cache
def _web2() -> set[str]:
    """The dictionary's words (a set of its own, made for this call: never changed here)."""
    from english_words import get_english_words_set

    words: set[str] = get_english_words_set(["web2"], lower=False, alpha=False)
    return words


@cache
def everyday_words() -> frozenset[str]:
    return frozenset(filter(str.islower, _web2()))  # (filter: a third of a generator's time)


@cache
def proper_nouns() -> frozenset[str]:
    """Words the dictionary spells with a capital ("London", "English", "Victoria")."""
    return frozenset(w.casefold() for w in _web2() if w[:1].isupper())


_DERIVED = (
    "ed",
    "d",
    "ing",
    "er",
    "ers",
    "ful",
    "less",
    "ly",
    "y",
    "ness",
    "s",
    "es",
    "ish",
    "able",
    "ment",
)


@lru_cache(maxsize=65536)
def is_everyday(key: str) -> bool:
    """Whether a one-word key ("will", "hope", "mark", "said") is also an everyday English word.

    The word list spells some common given names in lower case too ("jane", "mary", "harry":
    obscure senses). Such a name only counts as an everyday word when the list also has a word
    made from it ("hoped", "marking", "willing", "graceful"), which obscure senses never have.
    """
    word = key.replace("'", "")
    if not _in_everyday(word):
        return False
    if word not in common_given_names():
        return True
    stem = word[:-1] if word.endswith("e") else word
    return any(_in_everyday(word + end) or _in_everyday(stem + end) for end in _DERIVED)


def _in_everyday(word: str) -> bool:
    """`word in everyday_words()`, without making that set (a fifth of the dictionary's load)."""
    return word.islower() and word in _web2()


def name_key(line: str) -> str:
    """`key_of` a line of a name list, quickly: most lines are plain ASCII letters ("Priya"),
    whose key is the line in lower case (`key_of` is five times slower over the 40,000 lines,
    the longest part of loading them). The rest ("Zoë", "O'Brien", "Mary-Jane") go through
    `key_of`. (tests/anonymisation/test_words.py checks every shipped line gives `key_of`'s key.)"""
    return line.lower() if line.isascii() and line.isalpha() else key_of(line)


def _names(file_name: str) -> frozenset[str]:
    text = resources.files("resources").joinpath("names", file_name).read_text("utf-8")
    return frozenset(name_key(line) for line in text.splitlines() if line.strip())


@cache
def given_names() -> frozenset[str]:
    return _names("given_names.txt")


@cache
def common_given_names() -> frozenset[str]:
    return _names("common_given_names.txt")


@cache
def surnames() -> frozenset[str]:
    return _names("surnames.txt")


@cache
def calendar_words() -> frozenset[str]:
    """Month and day names and their short forms: capitalised, but never a person's name."""
    words = {
        *calendar.month_name[1:],
        *calendar.month_abbr[1:],
        *calendar.day_name,
        *calendar.day_abbr,
        "Sept",
    }
    return frozenset(w.casefold() for w in words)


def possible_name_by_the_lists(key: str) -> bool:
    """A capitalised word worth asking about: in a name list, not an everyday word or a month.

    (Worked out from the word lists themselves: what `possible_name_keys` is made from.)"""
    bare = key.removesuffix("'s").removesuffix("'")
    if is_everyday(bare) or bare in calendar_words() or bare in TITLE_KEYS or len(bare) < 2:
        return False
    if bare in given_names():
        return True
    # A surname the dictionary knows as a place or a people ("London", "English") is more
    # often that than a name, so only surnames it does not know are asked about.
    return bare in surnames() and bare not in proper_nouns()


def possible_name_keys_by_the_lists() -> frozenset[str]:
    """Every name key `possible_name_by_the_lists` says yes to (slow: the lists are keyed and
    the dictionary read, about half a second)."""
    return frozenset(key for key in given_names() | surnames() if possible_name_by_the_lists(key))


POSSIBLE_NAMES_FILE = "possible_names.txt"


@cache
def possible_name_keys() -> frozenset[str]:
    """The keys of `possible_name_keys_by_the_lists`, read from `resources/names/`, where
    `packaging/make_possible_names.py` writes them from the lists (loading the lists and the
    dictionary to work them out took most of a 5,000-entry export's wait). A test checks the
    file says exactly what the lists do."""
    text = resources.files("resources").joinpath("names", POSSIBLE_NAMES_FILE).read_text("utf-8")
    return frozenset(text.split("\n")) - {""}


def is_possible_name(key: str) -> bool:
    """A capitalised word worth asking about: in a name list, not an everyday word or a month.

    The same answer as `possible_name_by_the_lists` for every key: a key it says yes to is a
    name list's key (or that and "'s" or "'") and no name key has an apostrophe, so the answer
    is whether the key, without "'s" or "'", is one of `possible_name_keys`."""
    return key.removesuffix("'s").removesuffix("'") in possible_name_keys()
