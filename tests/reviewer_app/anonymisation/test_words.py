"""The word lists' quick keys are the keys `key_of` gives (the gate's findings depend on them)."""

from __future__ import annotations

from importlib import resources

from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.anonymisation import words
from reviewer_app.anonymisation.normalise import key_of

NAME_FILES = ("given_names.txt", "common_given_names.txt", "surnames.txt")


def _lines(file_name: str) -> list[str]:
    text = resources.files("resources").joinpath("names", file_name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip()]


def test_every_shipped_name_line_has_the_key_key_of_gives_it() -> None:
    for file_name in NAME_FILES:
        lines = _lines(file_name)
        assert lines, file_name
        differ = [line for line in lines if words.name_key(line) != key_of(line)]
        assert differ == [], (file_name, differ[:10])


def test_the_loaded_lists_are_the_key_of_sets() -> None:
    loaded = {
        "given_names.txt": words.given_names(),
        "common_given_names.txt": words.common_given_names(),
        "surnames.txt": words.surnames(),
    }
    for file_name, keys in loaded.items():
        assert keys == frozenset(key_of(line) for line in _lines(file_name)), file_name


def test_the_lists_have_lines_the_quick_way_does_not_take() -> None:
    """The slow way is exercised too (accented and hyphenated names are in the lists)."""
    lines = _lines("given_names.txt")
    assert any(not (line.isascii() and line.isalpha()) for line in lines)
    assert words.name_key("Zoë") == key_of("Zoë") == "zoë"
    assert words.name_key("O\u2019Brien") == key_of("O\u2019Brien") == "o'brien"


@given(st.text(max_size=20))
def test_the_quick_key_equals_key_of_for_any_line(line: str) -> None:
    assert words.name_key(line) == key_of(line)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_the_quick_key_equals_key_of_for_any_ascii_line(line: str) -> None:
    assert words.name_key(line) == key_of(line)


# -- the possible names, read from resources/names/possible_names.txt -------------------------
def test_the_shipped_possible_names_are_what_the_lists_give() -> None:
    """Fails when the lists or the rules change without packaging/make_possible_names.py run."""
    assert words.possible_name_keys() == words.possible_name_keys_by_the_lists()


def test_no_name_key_has_an_apostrophe() -> None:
    """What makes `is_possible_name` (one look-up) answer as the lists do for every key."""
    assert not any("'" in key for key in words.given_names() | words.surnames())


def test_is_possible_name_answers_as_the_lists_do_for_every_name_and_its_possessive() -> None:
    keys = sorted(words.given_names() | words.surnames())
    for key in (*keys, *(f"{k}'s" for k in keys[::7]), *(f"{k}'" for k in keys[::11])):
        assert words.is_possible_name(key) == words.possible_name_by_the_lists(key), key


def test_is_possible_name_examples() -> None:
    assert words.is_possible_name("priya")
    assert words.is_possible_name("kieran's")
    for key in ("will", "hope", "mark", "march", "monday", "london", "mr", "j", "jane's's"):
        assert words.is_possible_name(key) == words.possible_name_by_the_lists(key), key
    assert not words.is_possible_name("hope")
    assert not words.is_possible_name("march")


@given(
    st.one_of(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz'-ëé", max_size=12),
        st.sampled_from(sorted(words.common_given_names())).map(lambda k: k + "'s"),
    )
)
def test_is_possible_name_answers_as_the_lists_do_for_any_key(key: str) -> None:
    assert words.is_possible_name(key) == words.possible_name_by_the_lists(key)


def _everyday_by_the_set(key: str) -> bool:
    """`is_everyday` as it was written over `everyday_words()`."""
    word = key.replace("'", "")
    everyday = words.everyday_words()
    if word not in everyday:
        return False
    if word not in words.common_given_names():
        return True
    stem = word[:-1] if word.endswith("e") else word
    return any(word + end in everyday or stem + end in everyday for end in words._DERIVED)


def test_is_everyday_answers_as_the_everyday_word_set_does() -> None:
    names = sorted(words.common_given_names() | words.given_names())[::5]
    dictionary = sorted(words._web2())[::41]
    for key in (*names, *dictionary, *(w.casefold() for w in dictionary), "will", "o'hope", "Hope"):
        assert words.is_everyday(key) == _everyday_by_the_set(key), key


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC'é", max_size=10))
def test_is_everyday_answers_as_the_set_does_for_any_key(key: str) -> None:
    assert words.is_everyday(key) == _everyday_by_the_set(key)
