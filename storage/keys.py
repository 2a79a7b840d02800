"""Keys: from passphrase to the raw SQLCipher key, and how the key is handed to SQLCipher.

The database is keyed with a raw 256-bit key (`PRAGMA key = "x'…'"`), so SQLCipher's own
PBKDF2 is skipped in favour of Argon2id, which resists GPU guessing far better. The Argon2id
salt is SQLCipher's own 16-byte file salt: random, written in the clear as the first 16 bytes of
every SQLCipher file, so a file carries everything needed to derive its key from the passphrase
and nothing more. The same salt doubles as the file's identity for the keyring entry.

How a key is derived is one of a few **KDF profiles**, numbered and frozen once released
(`PROFILES`): the algorithm, its cost (memory, passes, lanes) and whether the passphrase is
Unicode-normalised (NFC) first. New keys use the newest profile (`CURRENT`); a file records the
profile of its key inside itself (the `key_derivation` table), and opening with a passphrase tries
the profiles newest first (`candidates`), so raising the cost for new files is adding a profile,
and every older file keeps opening. Only the salt is in the clear; see docs/security.md.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

KEY_BYTES = 32
SALT_BYTES = 16

NFC = "nfc"
AS_TYPED = "as-typed"


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost: passes (time cost), memory in KiB, lanes (parallelism)."""

    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 4


@dataclass(frozen=True, slots=True)
class KdfProfile:
    """One frozen way of turning a passphrase into a key. Never edit a released profile."""

    id: int
    params: KdfParams
    #: The passphrase forms tried, in order: NFC first; profile 1 (before normalisation) also
    #: takes the passphrase exactly as typed.
    forms: tuple[str, ...]
    algorithm: str = "argon2id"


KDF_V1 = KdfParams()

#: Profile 1: the first file format (passphrase used as typed). Profile 2: the same Argon2id cost,
#: with the passphrase NFC-normalised first, so "café" typed on any system gives the same key.
#: A costlier profile for new files is a new entry here (and `CURRENT` pointing at it).
PROFILES: dict[int, KdfProfile] = {
    1: KdfProfile(1, KDF_V1, (NFC, AS_TYPED)),
    2: KdfProfile(2, KDF_V1, (NFC,)),
}
CURRENT = PROFILES[2]


def passphrase_form(passphrase: str, form: str) -> str:
    return unicodedata.normalize("NFC", passphrase) if form == NFC else passphrase


class DatabaseKey:
    """A raw key held in a mutable buffer so it can be wiped when the review locks.

    Python may keep copies we cannot reach (hex strings passed to SQLCipher); wiping is a
    best effort that shortens the key's life in memory, documented as such.
    """

    __slots__ = ("_buffer",)

    def __init__(self, raw: bytes | bytearray) -> None:
        if len(raw) != KEY_BYTES:
            raise ValueError("a database key is 32 bytes")
        self._buffer = bytearray(raw)

    @classmethod
    def generate(cls) -> DatabaseKey:
        return cls(secrets.token_bytes(KEY_BYTES))

    @classmethod
    def from_hex(cls, text: str) -> DatabaseKey:
        return cls(bytes.fromhex(text))

    @property
    def raw(self) -> bytes:
        if not any(self._buffer):
            raise ValueError("this key has been wiped")
        return bytes(self._buffer)

    def hex(self) -> str:
        return self.raw.hex()

    def pragma_value(self, salt: bytes) -> str:
        """The value for `PRAGMA key`/`rekey`: raw key and explicit salt, as a blob literal."""
        return f"\"x'{self.hex()}{salt.hex()}'\""

    def wipe(self) -> None:
        for i in range(len(self._buffer)):
            self._buffer[i] = 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DatabaseKey) and secrets.compare_digest(
            bytes(self._buffer), bytes(other._buffer)
        )

    def __hash__(self) -> int:  # keys are never dictionary keys; keep hash from leaking bytes
        return id(self)

    def __repr__(self) -> str:
        return "DatabaseKey(<hidden>)"


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def _argon2id(secret: bytes, salt: bytes, params: KdfParams) -> DatabaseKey:
    raw = hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
    return DatabaseKey(raw)


def derive_key(
    passphrase: str, salt: bytes, profile: KdfProfile | None = None, form: str | None = None
) -> DatabaseKey:
    """The key for a passphrase under a profile (the current one unless given; its first form
    unless `form` is given). Takes a noticeable fraction of a second."""
    profile = profile if profile is not None else CURRENT
    chosen = form if form is not None else profile.forms[0]
    return _argon2id(passphrase_form(passphrase, chosen).encode("utf-8"), salt, profile.params)


@dataclass(frozen=True, slots=True)
class Derivation:
    """How a key was derived: which profile, and which form of the passphrase."""

    profile: KdfProfile
    form: str


def current_derivation() -> Derivation:
    """How new keys are made: the current profile, its first passphrase form."""
    return Derivation(CURRENT, CURRENT.forms[0])


def candidates(
    passphrase: str, salt: bytes, first: KdfProfile | None = None
) -> Iterator[tuple[DatabaseKey, Derivation]]:
    """Every key this passphrase could have made for a file with this salt, the likeliest
    first: `first` (the newest profile), then older profiles, each in its passphrase forms.

    A combination that would give a key already tried (same cost, same bytes) is skipped, so a
    plain-ASCII passphrase costs one derivation for files of profile 1 and 2 alike."""
    first = first if first is not None else CURRENT
    order = [first, *sorted((p for p in PROFILES.values() if p != first), key=lambda p: -p.id)]
    tried: set[tuple[KdfParams, str, bytes]] = set()
    for profile in order:
        for form in profile.forms:
            secret = passphrase_form(passphrase, form).encode("utf-8")
            digest = hashlib.sha256(secret).digest()
            if (profile.params, profile.algorithm, digest) in tried:
                continue
            tried.add((profile.params, profile.algorithm, digest))
            yield _argon2id(secret, salt, profile.params), Derivation(profile, form)


def key_check(key: DatabaseKey) -> str:
    """A short tag that tells one key from another without revealing it (kept inside the
    encrypted file to remember which key's recovery code has not been shown yet)."""
    return hmac.new(key.raw, b"SCR Reviewer key check", hashlib.sha256).hexdigest()[:32]


def read_salt(path: Path) -> bytes:
    """The file salt: the first 16 bytes of a SQLCipher file, read without opening it."""
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def file_id(salt: bytes) -> str:
    """A stable, non-identifying name for a review file: its salt in hex."""
    return salt.hex()
