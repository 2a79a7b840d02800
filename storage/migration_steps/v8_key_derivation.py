"""Schema version 8 (and the learning library's version 2): how the file's key is derived, and
whether the recovery code of the key in force has been shown.

One row. `profile` names the KDF profile of the passphrase (`storage/keys.py`), with its
algorithm and cost written out beside it, so the file says how its key was made. The rest is
the state of a passphrase change or a new file that a kill could interrupt (`storage/
key_record.py`): `unshown_code` is a check of a key whose recovery code has not been shown yet,
`change_*` describe a passphrase change started but not known to have taken effect. Only checks
of keys are kept (an HMAC under the key itself), never a key.

Every file made before this step had its key from profile 1 (the passphrase as typed), so that
is what the row says for them.
"""

from __future__ import annotations

DESCRIPTION = "how the file's key is derived"


def key_derivation_ddl() -> tuple[str, ...]:
    return (
        """
        CREATE TABLE key_derivation (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            profile INTEGER NOT NULL,
            algorithm TEXT NOT NULL,
            memory_kib INTEGER NOT NULL,
            passes INTEGER NOT NULL,
            lanes INTEGER NOT NULL,
            passphrase_form TEXT NOT NULL CHECK (passphrase_form IN ('nfc', 'as-typed')),
            unshown_code TEXT,
            change_key TEXT,
            change_profile INTEGER,
            change_form TEXT CHECK (change_form IN ('nfc', 'as-typed'))
        )
        """,
        """
        INSERT INTO key_derivation
            (id, profile, algorithm, memory_kib, passes, lanes, passphrase_form)
        VALUES (1, 1, 'argon2id', 65536, 3, 4, 'as-typed')
        """,
    )


STATEMENTS: tuple[str, ...] = key_derivation_ddl()
