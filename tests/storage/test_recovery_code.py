from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.errors import RecoveryCodeTypoError
from storage import recovery_code
from storage.keys import DatabaseKey

KEYS = [DatabaseKey(bytes([i]) * 32) for i in (1, 7, 200)] + [DatabaseKey(bytes(range(32)))]


@pytest.mark.parametrize("key", KEYS)
def test_round_trip_and_layout(key: DatabaseKey) -> None:
    code = recovery_code.encode(key)
    groups = code.split("-")
    assert len(groups) == 14 and all(len(g) == 4 for g in groups)
    assert recovery_code.decode(code) == key


def test_typing_is_forgiving_about_case_spaces_and_lookalikes() -> None:
    key = KEYS[3]
    code = recovery_code.encode(key)
    sloppy = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert recovery_code.decode(sloppy) == key


@pytest.mark.parametrize("key", KEYS)
def test_every_single_character_typo_is_rejected(key: DatabaseKey) -> None:
    code = recovery_code.normalise(recovery_code.encode(key))
    for i, original in enumerate(code):
        for replacement in recovery_code.ALPHABET:
            if replacement == original:
                continue
            typo = code[:i] + replacement + code[i + 1 :]
            with pytest.raises(RecoveryCodeTypoError):
                recovery_code.decode(typo)


@pytest.mark.parametrize("key", KEYS)
def test_every_adjacent_transposition_is_rejected(key: DatabaseKey) -> None:
    code = recovery_code.normalise(recovery_code.encode(key))
    for i in range(len(code) - 1):
        if code[i] == code[i + 1]:
            continue
        swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
        with pytest.raises(RecoveryCodeTypoError):
            recovery_code.decode(swapped)


def test_missing_or_extra_characters_are_rejected_with_a_count() -> None:
    code = recovery_code.normalise(recovery_code.encode(KEYS[0]))
    with pytest.raises(RecoveryCodeTypoError, match="this one has 55"):
        recovery_code.decode(code[:-1])
    with pytest.raises(RecoveryCodeTypoError):
        recovery_code.decode(code + "7")


@settings(max_examples=150)
@given(
    raw=st.binary(min_size=32, max_size=32), position=st.integers(0, 55), shift=st.integers(1, 31)
)
def test_random_keys_round_trip_and_catch_substitutions(
    raw: bytes, position: int, shift: int
) -> None:
    key = DatabaseKey(raw) if any(raw) else DatabaseKey(b"\x01" * 32)
    code = recovery_code.normalise(recovery_code.encode(key))
    assert recovery_code.decode(code) == key
    alphabet = recovery_code.ALPHABET
    wrong = alphabet[(alphabet.index(code[position]) + shift) % 32]
    with pytest.raises(RecoveryCodeTypoError):
        recovery_code.decode(code[:position] + wrong + code[position + 1 :])
