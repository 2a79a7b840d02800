"""Passphrase strength: zxcvbn's score (3 and up is acceptable), told in the app's own words."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import zxcvbn.feedback

from reviewer_app import passphrases
from reviewer_app.demo import DEMO_PASSPHRASE
from reviewer_app.errors import PassphraseTooWeakError
from reviewer_app.passphrases import (
    CHECKED_LENGTH,
    MIN_LENGTH,
    assess,
    require_acceptable,
    say,
)
from reviewer_app.paths import AppPaths
from tests.helpers.secrets_watch import NEW_PASSPHRASE, PASSPHRASE

WEAK = ["password12", "1234567890", "qwertyuiop", "abcdefghij", "iloveyou12"]
GOOD = [
    "lantern orchard pebble kettle",
    "violet ferry anchor meadow",
    "copper thistle harbour lamp",
    "granite puzzle orbit walrus",
    "hazel bracket tundra pilot sorrel",
]
# Spellings and words of US English that must not reach the reviewer.
AMERICAN = re.compile(
    r"\b(capitaliz\w*|\w+ization|uppercase|lowercase|color|favorite|center|gray|spelled)\b",
    re.IGNORECASE,
)


def zxcvbn_messages() -> set[str]:
    """Every literal message zxcvbn's feedback module passes to gettext."""
    tree = ast.parse(inspect.getsource(zxcvbn.feedback))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "_"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(node.args[0].value)
    return found


@pytest.mark.parametrize("passphrase", WEAK)
def test_common_passwords_are_refused(passphrase: str) -> None:
    strength = assess(passphrase)
    assert strength.score < 3
    assert not strength.acceptable
    with pytest.raises(PassphraseTooWeakError) as raised:
        require_acceptable(passphrase)
    assert str(raised.value).startswith("Too ")


@pytest.mark.parametrize("passphrase", GOOD)
def test_several_random_words_are_accepted(passphrase: str) -> None:
    assert assess(passphrase).acceptable
    require_acceptable(passphrase)


@pytest.mark.parametrize("passphrase", [PASSPHRASE, NEW_PASSPHRASE, DEMO_PASSPHRASE])
def test_the_suite_and_demo_passphrases_still_pass(passphrase: str) -> None:
    require_acceptable(passphrase, user_inputs=["Demonstration review", "demo.review"])


def test_too_short_is_refused_whatever_its_score() -> None:
    strength = assess("kT9#mQ2!x")
    assert len("kT9#mQ2!x") < MIN_LENGTH
    assert strength.score == 0
    assert strength.hint == f"Too short: use at least {MIN_LENGTH} characters."


@pytest.mark.parametrize(
    "passphrase",
    [
        "Thornbury Child G SCR Reviewer",
        "thornbury child g review",
        "scr reviewer thornbury",
        "Thornbury-Child-G-2024",
    ],
)
def test_a_passphrase_made_of_the_title_file_name_and_app_name_is_refused(
    passphrase: str,
) -> None:
    inputs = ["Thornbury Child G", "thornbury-child-g.review"]
    strength = assess(passphrase, inputs)
    assert not strength.acceptable, strength
    assert "review's title" in strength.hint


def test_user_inputs_lower_the_score() -> None:
    title = "Kestrel Avenue Marigold"
    assert assess(title.lower() + " 7").acceptable
    assert not assess(title.lower() + " 7", [title]).acceptable


def test_separators_do_not_make_guessable_words_strong() -> None:
    """zxcvbn prices each separator as brute force; the app also scores without them."""
    assert not assess("scr reviewer review").acceptable


def test_every_zxcvbn_message_has_british_english_words() -> None:
    messages = zxcvbn_messages()
    assert len(messages) >= 20, "the parse of zxcvbn's feedback module found too little"
    missing = messages - set(passphrases._SAID)
    assert not missing, f"zxcvbn says things the app has no words for: {missing}"
    for theirs in messages:
        ours = say(theirs)
        assert ours and not AMERICAN.search(ours), ours
        assert '"' not in ours, ours


def test_an_unknown_message_still_gets_plain_advice() -> None:
    assert say("Something zxcvbn might say one day.") == (
        "Add another word or two; unusual words are better."
    )
    assert say("") == ""


@pytest.mark.parametrize(
    "passphrase",
    [*WEAK, "aaaaaaaaaaaa", "Jennifer2019", "P@ssw0rd123", "Qwertyuiop1", "1990199019"],
)
def test_the_hint_is_british_english_and_never_zxcvbns_own_words(passphrase: str) -> None:
    strength = assess(passphrase)
    assert not AMERICAN.search(strength.hint), strength.hint
    for theirs in zxcvbn_messages():
        if say(theirs) != theirs:  # some are already plain British English
            assert theirs not in strength.hint
    assert strength.hint.startswith("Too ")
    assert strength.suggestions
    assert all(s in passphrases._SAID.values() for s in strength.suggestions)


def test_repetition_is_named() -> None:
    assert assess("aaaaaaaaaaaa").hint.startswith("Too repetitive")


def test_acceptable_hints() -> None:
    assert assess(PASSPHRASE).hint == "Strong."
    three = assess("kettle orbit lamp")
    assert three.score in (3, 4)
    if three.score == 3:
        assert three.hint.startswith("Good.")


def test_zxcvbn_sees_at_most_the_checked_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """zxcvbn's cost grows fast with length (and it refuses over 72 characters), so the hint
    can follow every keystroke of any passphrase."""
    seen: list[int] = []
    real = passphrases._estimate

    def spy(passphrase: str, inputs: list[str]) -> dict[str, Any]:
        seen.append(len(passphrase))
        return real(passphrase, inputs)

    monkeypatch.setattr(passphrases, "_estimate", spy)
    long = "lantern orchard pebble kettle " * 400
    assert assess(long).acceptable
    assert assess("1" * 5000).score == 0
    assert seen and max(seen) <= CHECKED_LENGTH


def test_a_passphrase_made_of_the_reviews_own_words_is_refused_at_creation(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    from reviewer_app.review import Review
    from tests.helpers.reviews import review_files

    files = review_files(app_paths)
    path = tmp_path / "thornbury-child-g.review"
    title = "Thornbury Harbourside Child G"
    with pytest.raises(PassphraseTooWeakError):
        files.create(path, Review(title=title), "Thornbury Harbourside Child G 2026")
    assert not path.exists()  # nothing was made
