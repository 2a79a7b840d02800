"""The file's own record of its key (the `key_derivation` row), and the state a kill can leave.

Two multi-step actions change which key opens a file and which recovery code is the right one:
creating a file and changing its passphrase. A kill, a power cut or a broken pipe can stop
either before the reviewer has seen the new recovery code, so the file itself remembers:

- `unshown_code` holds a check of the key whose recovery code has not been shown yet. It is set
  when a file is made and when a passphrase change is known to have taken effect; it is cleared
  only when the window or the command line has shown the code. The next open compares it with
  the key in force: equal means "show this key's code now".
- `change_key` (with `change_profile`, `change_form`) is set, in the same transaction, when a
  passphrase change starts, and cleared as soon as the change is known to have taken effect.
  An open that finds it knows the change was interrupted: if the key in force matches, the
  rekey did happen (the record is brought up to date); if not, it never did (the old passphrase
  and code still work), and the marks are taken away.

All on a raw, keyed connection, each step in one transaction. Only checks of keys are stored
(`storage.keys.key_check`, an HMAC under the key itself), never a key.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from storage.connection import Connection
from storage.keys import PROFILES, DatabaseKey, Derivation, KdfProfile, key_check


@dataclass(frozen=True, slots=True)
class KeyRecord:
    profile: int
    algorithm: str
    memory_kib: int
    passes: int
    lanes: int
    passphrase_form: str
    unshown_code: str | None
    change_key: str | None


class Settled(enum.Enum):
    NOTHING_PENDING = "nothing pending"
    CHANGE_TOOK_EFFECT = "an interrupted passphrase change had taken effect"
    CHANGE_NEVER_HAPPENED = "an interrupted passphrase change had not taken effect"


def _write(conn: Connection, statement: str, values: dict[str, object]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(statement, values)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def read(conn: Connection) -> KeyRecord:
    row = conn.execute(
        "SELECT profile, algorithm, memory_kib, passes, lanes, passphrase_form, unshown_code, "
        "change_key FROM key_derivation WHERE id = 1"
    ).fetchone()
    return KeyRecord(*row)


def _profile_values(profile: KdfProfile, form: str) -> dict[str, object]:
    return {
        "profile": profile.id,
        "algorithm": profile.algorithm,
        "memory_kib": profile.params.memory_cost_kib,
        "passes": profile.params.time_cost,
        "lanes": profile.params.parallelism,
        "form": form,
    }


def record_new_key(conn: Connection, key: DatabaseKey, derivation: Derivation) -> None:
    """A new file: how its key was made, and that its recovery code is still to be shown."""
    _write(
        conn,
        "UPDATE key_derivation SET profile = :profile, algorithm = :algorithm, "
        "memory_kib = :memory_kib, passes = :passes, lanes = :lanes, passphrase_form = :form, "
        "unshown_code = :check, change_key = NULL, change_profile = NULL, change_form = NULL "
        "WHERE id = 1",
        {**_profile_values(derivation.profile, derivation.form), "check": key_check(key)},
    )


def begin_change(conn: Connection, new_key: DatabaseKey, derivation: Derivation) -> None:
    """Before a rekey (under the old key): which key the change is about to put in force."""
    _write(
        conn,
        "UPDATE key_derivation SET change_key = :check, change_profile = :profile, "
        "change_form = :form WHERE id = 1",
        {"check": key_check(new_key), "profile": derivation.profile.id, "form": derivation.form},
    )


def abandon_change(conn: Connection) -> None:
    """A change that failed before its rekey: the old key and its code stay as they were."""
    _write(
        conn,
        "UPDATE key_derivation SET change_key = NULL, change_profile = NULL, "
        "change_form = NULL WHERE id = 1",
        {},
    )


def settle(conn: Connection, key: DatabaseKey) -> Settled:
    """Finish what a change left, now that `key` is known to open the file: if the change
    took effect, the record says how the new key was made and that its code is unshown."""
    row = conn.execute(
        "SELECT change_key, change_profile, change_form FROM key_derivation WHERE id = 1"
    ).fetchone()
    change_key, change_profile, change_form = row
    if change_key is None:
        return Settled.NOTHING_PENDING
    if change_key != key_check(key):
        abandon_change(conn)
        return Settled.CHANGE_NEVER_HAPPENED
    profile = PROFILES[int(change_profile)]
    _write(
        conn,
        "UPDATE key_derivation SET profile = :profile, algorithm = :algorithm, "
        "memory_kib = :memory_kib, passes = :passes, lanes = :lanes, passphrase_form = :form, "
        "unshown_code = change_key, change_key = NULL, change_profile = NULL, "
        "change_form = NULL WHERE id = 1",
        _profile_values(profile, str(change_form)),
    )
    return Settled.CHANGE_TOOK_EFFECT


def code_unshown(conn: Connection, key: DatabaseKey) -> bool:
    """Whether the recovery code of `key` (the key in force) has yet to be shown."""
    value = conn.execute("SELECT unshown_code FROM key_derivation WHERE id = 1").fetchone()[0]
    return value is not None and value == key_check(key)


def mark_shown(conn: Connection, key: DatabaseKey) -> None:
    _write(
        conn,
        "UPDATE key_derivation SET unshown_code = NULL WHERE id = 1 AND unshown_code = :check",
        {"check": key_check(key)},
    )
