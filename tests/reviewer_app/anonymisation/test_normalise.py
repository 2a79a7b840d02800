"""One spelling for the register and the text, with offsets back to the text as written."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.anonymisation.normalise import ignorable_codes, is_plain, key_of, normalise


def found(text: str, key: str) -> str:
    """The original characters behind the first occurrence of `key` in the normalised text."""
    norm = normalise(text)
    at = norm.key.index(key)
    start, end = norm.key_to_original(at, at + len(key))
    return text[start:end]


def test_invisible_characters_inside_a_name_do_not_hide_it() -> None:
    text = "Seen: Ja\u200bne Smi\u200dth-\u00adJones\u2060 today"
    assert "jane smith-jones" in normalise(text).key
    assert found(text, "jane smith-jones") == "Ja\u200bne Smi\u200dth-\u00adJones"


def test_line_breaks_spaces_and_a_hyphen_at_a_line_end_collapse() -> None:
    assert normalise("Jane\n  Smith-\n   Jones").key == "jane smith-jones"
    assert normalise("Jane\u00a0\u2003Smith- Jones").key == "jane smith-jones"
    assert normalise("a \u2029 b\tc").key == "a b c"


def test_apostrophes_and_dashes_are_folded_and_case_is_folded() -> None:
    assert key_of("O’Brien‑Smith") == "o'brien-smith"
    assert key_of("Mc`Donald — the STRASSE") == "mc'donald - the strasse"
    assert key_of("Straße") == "strasse"


def test_nfkc_turns_lookalike_letters_into_plain_ones() -> None:
    text = "𝐉𝐚𝐧𝐞 ＳＭＩＴＨ and Zoe\u0308"
    norm = normalise(text)
    assert norm.key == "jane smith and zoë"
    assert found(text, "jane") == "𝐉𝐚𝐧𝐞"
    assert found(text, "zoë") == "Zoe\u0308"


def test_every_format_character_is_removed() -> None:
    everything = [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    missing = set(everything) - set(ignorable_codes())
    assert not missing
    text = "J" + "".join(chr(c) for c in everything[:300]) + "ane"
    assert normalise(text).key == "jane"


def test_plain_text_is_recognised_so_the_quick_path_is_safe() -> None:
    assert is_plain("Jane O’Brien — “seen”")
    assert not is_plain("Ja\u200bne")
    assert not is_plain("𝐉ane")


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_any_span_maps_back_inside_the_original(text: str) -> None:
    norm = normalise(text)
    for start in range(len(norm.key) + 1):
        for end in range(start, min(len(norm.key), start + 6) + 1):
            a, b = norm.key_to_original(start, end)
            assert 0 <= a <= b <= len(text)


def test_cyrillic_and_greek_lookalike_letters_read_as_latin() -> None:
    text = "Seen: Jаnе Smith-Jones and Ρriya Νandra"  # Cyrillic а, е; Greek Ρ, Ν
    norm = normalise(text)
    assert "jane smith-jones" in norm.key and "priya nandra" in norm.key
    assert found(text, "jane") == "Jаnе"  # the replacement lands on the letters as written
    assert len(norm.key) == len(text)  # one letter for one
    assert not is_plain("Jаne")  # so the pseudonymiser's quick path never skips it
    assert key_of("Москва") == "mockba"  # (a whole Cyrillic word is read the same way)
