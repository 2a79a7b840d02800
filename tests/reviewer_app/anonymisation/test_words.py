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
