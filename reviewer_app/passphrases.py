"""What makes an acceptable passphrase, and the strength hint the window shows while typing.

Strength is zxcvbn's estimate (Dropbox's password-guessing model): a passphrase is acceptable from
score 3 ("safely unguessable") up, and at least `MIN_LENGTH` characters long. zxcvbn's advice is
in US English; the reviewer sees it in this app's own (British English) words (`_SAID`).

Two things zxcvbn does not do on its own, done here:
- The words a reviewer is likely to reach for (the app's name, the review's title, the file's
  name) are handed to it as `user_inputs`, so a passphrase made of them scores low.
- Separators and capitals count for little to a guesser when the words around them are guessable
  ("Thornbury-Child-G-2024" is about as easy as "thornburychildg2024"), but zxcvbn prices each
  separator as brute force. So the passphrase is also scored in lower case with the separators
  taken out; when zxcvbn can explain all of that from its word lists, patterns and the user
  inputs (no brute-force part), the lower of the two scores counts. Random characters keep
  their full worth: they are brute force either way.

zxcvbn's cost grows quickly with length (about 0.1 s at 72 characters on a slow machine, and it
refuses longer input), so it sees only the first `CHECKED_LENGTH` characters: a longer
passphrase is judged on its start alone, which can only make the judgement stricter.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reviewer_app.errors import PassphraseTooWeakError

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable: moderate protection from offline attacks"
CHECKED_LENGTH = 40  # zxcvbn sees at most this many characters; see the module's notes

APP_INPUTS = ("SCR Reviewer", "safeguarding", "practice review", "case review", "passphrase")

_SEPARATORS = re.compile(r"[\W_]+")
_zxcvbn_lock = threading.Lock()  # zxcvbn keeps the user inputs in a module-level dictionary

# Every message zxcvbn 4.x can give (tests check none is missing), in the app's own words.
_SAID: dict[str, str] = {
    # warnings
    "Straight rows of keys are easy to guess.": (
        "Rows of neighbouring keys, such as ‘qwerty’, are easy to guess."
    ),
    "Short keyboard patterns are easy to guess.": (
        "Short patterns of neighbouring keys are easy to guess."
    ),
    'Repeats like "aaa" are easy to guess.': (
        "Too repetitive: repeated letters, such as ‘aaa’, are easy to guess."
    ),
    'Repeats like "abcabcabc" are only slightly harder to guess than "abc".': (
        "Too repetitive: a repeated group, such as ‘abcabcabc’, is hardly harder to guess "
        "than ‘abc’."
    ),
    'Sequences like "abc" or "6543" are easy to guess.': (
        "Runs of letters or numbers, such as ‘abc’ or ‘6543’, are easy to guess."
    ),
    "Recent years are easy to guess.": "Recent years are easy to guess.",
    "Dates are often easy to guess.": "Dates are often easy to guess.",
    "This is a top-10 common password.": "This is one of the ten most common passwords.",
    "This is a top-100 common password.": "This is one of the hundred most common passwords.",
    "This is a very common password.": "This is a very common password.",
    "This is similar to a commonly used password.": "This is close to a commonly used password.",
    "A word by itself is easy to guess.": "A single word on its own is easy to guess.",
    "Names and surnames by themselves are easy to guess.": (
        "A first name or surname on its own is easy to guess."
    ),
    "Common names and surnames are easy to guess.": (
        "Common first names and surnames are easy to guess."
    ),
    # suggestions
    "Use a few words, avoid common phrases.": "Use a few unrelated words, not a common phrase.",
    "No need for symbols, digits, or uppercase letters.": (
        "There is no need for symbols, digits or capital letters."
    ),
    "Add another word or two. Uncommon words are better.": (
        "Add another word or two; unusual words are better."
    ),
    "Use a longer keyboard pattern with more turns.": (
        "Use unrelated words instead of a pattern on the keyboard."
    ),
    "Avoid repeated words and characters.": "Avoid repeating words and letters.",
    "Avoid sequences.": "Avoid runs of letters or numbers.",
    "Avoid recent years.": "Avoid recent years.",
    "Avoid years that are associated with you.": "Avoid years that mean something to you.",
    "Avoid dates and years that are associated with you.": (
        "Avoid dates and years that mean something to you."
    ),
    "Capitalization doesn't help very much.": "Starting with a capital letter adds little.",
    "All-uppercase is almost as easy to guess as all-lowercase.": (
        "All capitals are almost as easy to guess as all small letters."
    ),
    "Reversed words aren't much harder to guess.": (
        "Words spelt backwards are not much harder to guess."
    ),
    "Predictable substitutions like '@' instead of 'a' don't help very much.": (
        "Predictable swaps, such as ‘@’ for ‘a’, add little."
    ),
}
_UNKNOWN_ADVICE = "Add another word or two; unusual words are better."
_OWN_WORDS = (
    "It uses the review's title, the file's name or the app's name, which are easy to guess."
)
_TOO_EASY = "Too easy to guess."


def say(message: str) -> str:
    """zxcvbn's message in the app's words ('' stays ''; an unknown one gets general advice)."""
    if not message:
        return ""
    return _SAID.get(message, _UNKNOWN_ADVICE)


@dataclass(frozen=True, slots=True)
class Strength:
    score: int  # zxcvbn's 0 (unusable) .. 4 (strong); a too-short passphrase is 0
    hint: str  # one or two plain sentences for the window and for the refusal
    warning: str = ""
    suggestions: tuple[str, ...] = ()

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_SCORE


def _words(texts: Iterable[str]) -> list[str]:
    """Each text whole, without its separators, and word by word: zxcvbn matches each entry."""
    found: list[str] = []
    for text in texts:
        text = text.strip().lower()
        if not text:
            continue
        words = [w for w in _SEPARATORS.split(text) if w]
        found.extend((text, "".join(words), *words))
    return list(dict.fromkeys(found))


def _estimate(passphrase: str, inputs: list[str]) -> dict[str, Any]:
    from zxcvbn import zxcvbn  # type: ignore[import-untyped]  # deferred: word lists load in ~0.1 s

    with _zxcvbn_lock:
        result: dict[str, Any] = zxcvbn(passphrase, user_inputs=inputs)
    return result


def assess(passphrase: str, user_inputs: Iterable[str] = ()) -> Strength:
    """How guessable `passphrase` is; `user_inputs` are words the reviewer might reach for (the
    review's title, the file's name), added to the app's own."""
    if len(passphrase) < MIN_LENGTH:
        return Strength(0, f"Too short: use at least {MIN_LENGTH} characters.")
    inputs = _words((*APP_INPUTS, *user_inputs))
    checked = passphrase[:CHECKED_LENGTH]
    result = _estimate(checked, inputs)
    joined = _SEPARATORS.sub("", checked).lower()
    if joined and joined != checked:
        joined_result = _estimate(joined, inputs)
        all_known = all(m["pattern"] != "bruteforce" for m in joined_result["sequence"])
        if all_known and joined_result["score"] < result["score"]:
            result = joined_result
    score = int(result["score"])
    if score == 4:
        return Strength(4, "Strong.")
    if score >= MIN_SCORE:
        return Strength(score, "Good. Another word would make it stronger still.")
    feedback = result.get("feedback") or {}
    own_words = any(m.get("dictionary_name") == "user_inputs" for m in result["sequence"])
    warning = _OWN_WORDS if own_words else say(feedback.get("warning", ""))
    suggestions = tuple(dict.fromkeys(say(s) for s in feedback.get("suggestions", ()) if s))
    if not suggestions:
        suggestions = (_UNKNOWN_ADVICE,)
    headline = warning if warning.startswith("Too ") else f"{_TOO_EASY} {warning}".strip()
    hint = f"{headline} {' '.join(suggestions)}"
    return Strength(score, hint, warning, suggestions)


def require_acceptable(passphrase: str, user_inputs: Iterable[str] = ()) -> None:
    strength = assess(passphrase, user_inputs)
    if not strength.acceptable:
        raise PassphraseTooWeakError(strength.hint)
