"""Telling damage apart from other database errors, and saying it plainly.

SQLCipher reports a page that fails its HMAC (or a structure SQLite cannot follow) as
SQLITE_CORRUPT or SQLITE_NOTADB, whichever part of the app happens to read it. Every such error
becomes one `DamagedReviewError` (see `EncryptedFile`, which also stops writing to the file and
looks for the newest good backup to offer).
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from sqlalchemy import exc as sa_exc

from reviewer_app.errors import DamagedReviewError, RestoreOffer

SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
_DAMAGE_CODES = frozenset({SQLITE_CORRUPT, SQLITE_NOTADB})
_DAMAGE_WORDS = ("malformed", "not a database", "hmac", "corrupt")


def is_damage(error: BaseException | None) -> bool:
    """True if `error` (a SQLCipher error, or SQLAlchemy's wrapper of one) means damage."""
    if isinstance(error, sa_exc.DBAPIError):
        error = error.orig
    if not isinstance(error, sqlcipher3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return (int(code) & 0xFF) in _DAMAGE_CODES
    text = str(error).lower()
    return any(word in text for word in _DAMAGE_WORDS)


def offer_sentence(offer: RestoreOffer | None, noun: str = "review") -> str:
    if offer is None and noun != "review":
        return (
            "Its automatic backups are kept in SCR Reviewer's data folder, under 'backups': "
            "whoever supports SCR Reviewer where you work can put the newest one back."
        )
    if offer is None:
        return (
            "There is no good backup of it on this computer. If you have a copy made with "
            "'Back up', restore that; otherwise ask whoever supports SCR Reviewer where you work."
        )
    return (
        f"The newest good backup was taken on {offer.taken_text}. Restore it as a new file and "
        "carry on from there: anything changed since then will need doing again."
    )


def damaged_while_open(path: Path, noun: str, offer: RestoreOffer | None) -> DamagedReviewError:
    """Damage met after the file was opened: SCR Reviewer stops writing to it."""
    return DamagedReviewError(
        f"Part of '{path.name}' is damaged and can no longer be read, so SCR Reviewer has "
        f"stopped using this {noun}: nothing more will be written to it, and the file has been "
        f"left as it is. {offer_sentence(offer, noun)}",
        path=path,
        restore=offer,
    )


def damaged_at_start(path: Path, noun: str, offer: RestoreOffer | None) -> DamagedReviewError:
    """The passphrase is right (it opens the file's backups) but the file's start is damaged."""
    return DamagedReviewError(
        f"'{path.name}' is damaged at its start, so it cannot be opened, although what you "
        f"gave to open it is right (it opens the {noun}'s backups). The file has not been "
        "changed. "
        f"{offer_sentence(offer, noun)}",
        path=path,
        restore=offer,
    )
