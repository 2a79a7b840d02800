"""The recovery code: the review's raw key written for a person to print and type back.

Layout, in Crockford base32 (no I, L, O or U; case and separators ignored when typed):
52 characters carry 4 version bits and the 256-bit key, then one Damm check character over
GF(32), which catches every single wrong character and every swap of two neighbours, then three
characters of SHA-256 over the payload, which catch almost every other slip. Fourteen groups
of four. The checksum is tested before any key work, so a typo gets "please check" at once
rather than a slow, confusing "wrong code".

Because the code is the key itself, a passphrase change (a rekey) makes a new code and the old
one stops working; the app shows the new one once, as it did at creation.
"""

from __future__ import annotations

import hashlib

from reviewer_app.errors import RecoveryCodeTypoError
from storage.keys import KEY_BYTES, DatabaseKey

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_SAME_AS = {"O": "0", "I": "1", "L": "1"}
VERSION = 1
_PAYLOAD_CHARS = 52  # 260 bits: 4 version bits + 256 key bits
_HASH_CHARS = 3
CODE_CHARS = _PAYLOAD_CHARS + 1 + _HASH_CHARS
GROUP = 4


def _gf32_times_alpha(x: int) -> int:
    """Multiply by the generator α = 2 in GF(2^5) modulo x^5 + x^2 + 1."""
    x <<= 1
    if x & 0b100000:
        x ^= 0b100101
    return x


def _damm_step(interim: int, digit: int) -> int:
    # x ∘ y = αx + y is a totally anti-symmetric quasigroup because α ∉ {0, 1}.
    return _gf32_times_alpha(interim) ^ digit


def _damm(values: list[int]) -> int:
    interim = 0
    for value in values:
        interim = _damm_step(interim, value)
    return interim


def _hash_chars(payload: str) -> str:
    digest = int.from_bytes(hashlib.sha256(payload.encode("ascii")).digest()[:4], "big")
    return "".join(ALPHABET[(digest >> (5 * i)) & 31] for i in range(_HASH_CHARS))


def encode(key: DatabaseKey) -> str:
    number = (VERSION << (8 * KEY_BYTES)) | int.from_bytes(key.raw, "big")
    payload = "".join(ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(_PAYLOAD_CHARS)))
    check = ALPHABET[_gf32_times_alpha(_damm([_VALUE[c] for c in payload]))]
    code = payload + check + _hash_chars(payload)
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return "".join(_SAME_AS.get(ch, ch) for ch in cleaned)


def decode(text: str) -> DatabaseKey:
    """The key inside a typed recovery code; `RecoveryCodeTypoError` if the code is mistyped."""
    code = normalise(text)
    if len(code) != CODE_CHARS or any(ch not in _VALUE for ch in code):
        raise RecoveryCodeTypoError(
            f"A recovery code has {CODE_CHARS} letters and digits in groups of four "
            f"(this one has {len(code)}). Please check it against your printed copy."
        )
    payload, check, hashed = code[:_PAYLOAD_CHARS], code[_PAYLOAD_CHARS], code[_PAYLOAD_CHARS + 1 :]
    damm_ok = _damm([_VALUE[c] for c in payload + check]) == 0
    if not damm_ok or _hash_chars(payload) != hashed:
        raise RecoveryCodeTypoError(
            "This recovery code has a typing mistake in it (its check characters do not "
            "match). Please compare it group by group with your printed copy."
        )
    number = 0
    for ch in payload:
        number = (number << 5) | _VALUE[ch]
    version = number >> (8 * KEY_BYTES)
    if version != VERSION:
        raise RecoveryCodeTypoError(
            "This recovery code is from a newer version of SCR Reviewer. Please update the app."
        )
    return DatabaseKey((number & ((1 << (8 * KEY_BYTES)) - 1)).to_bytes(KEY_BYTES, "big"))
