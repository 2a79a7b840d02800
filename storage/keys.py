"""Keys: from passphrase to the raw SQLCipher key, and how the key is handed to SQLCipher.

The database is keyed with a raw 256-bit key (`PRAGMA key = "x'…'"`), so SQLCipher's own
PBKDF2 is skipped in favour of Argon2id, which resists GPU guessing far better. The Argon2id
salt is SQLCipher's own 16-byte file salt: random, written in the clear as the first 16 bytes of
every SQLCipher file, so a file carries everything needed to derive its key from the passphrase
and nothing more. The same salt doubles as the file's identity for the keyring entry.
See docs/security.md.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

KEY_BYTES = 32
SALT_BYTES = 16


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost. Fixed for format version 1: changing it would orphan every file."""

    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 4


KDF_V1 = KdfParams()


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


def derive_key(passphrase: str, salt: bytes, params: KdfParams = KDF_V1) -> DatabaseKey:
    """Argon2id(passphrase, salt) -> a 32-byte key. Takes a noticeable fraction of a second."""
    raw = hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
    return DatabaseKey(raw)


def read_salt(path: Path) -> bytes:
    """The file salt: the first 16 bytes of a SQLCipher file, read without opening it."""
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def file_id(salt: bytes) -> str:
    """A stable, non-identifying name for a review file: its salt in hex."""
    return salt.hex()
