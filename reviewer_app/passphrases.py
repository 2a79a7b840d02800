"""What makes an acceptable passphrase, and the strength hint the window shows while typing."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.errors import PassphraseTooWeakError

MIN_LENGTH = 10


@dataclass(frozen=True, slots=True)
class Strength:
    score: int  # 0 (unusable) .. 4 (strong)
    hint: str


def assess(passphrase: str) -> Strength:
    length = len(passphrase)
    classes = sum(
        (
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase),
        )
    )
    distinct = len(set(passphrase))
    if length < MIN_LENGTH:
        return Strength(0, f"Too short: use at least {MIN_LENGTH} characters.")
    if distinct < 5:
        return Strength(0, "Too repetitive: use a few unrelated words.")
    if length >= 20 and distinct >= 10:
        return Strength(4, "Strong.")
    if length >= 14 and classes >= 2:
        return Strength(3, "Good. A few more words would make it stronger still.")
    if classes >= 3:
        return Strength(2, "Fair. Longer is better: try three or four unrelated words.")
    return Strength(1, "Weak: add more words, or mix in digits and symbols.")


def require_acceptable(passphrase: str) -> None:
    strength = assess(passphrase)
    if strength.score == 0:
        raise PassphraseTooWeakError(strength.hint)
