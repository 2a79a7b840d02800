"""One unlocked review file's own actions, apart from what is stored in it.

The window and the command line are handed these (through `services.open_review.ReviewServices`)
to lock, back up or re-key a review, never the repositories behind them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reviewer_app.errors import DamagedReviewError


@dataclass(frozen=True, slots=True)
class KeyringNotice:
    """Whether this computer can remember passphrases, and what to tell the reviewer if not."""

    available: bool
    notice: str = ""


class ReviewFile(Protocol):
    """The file's own actions: key, keyring, checks, backups, closing."""

    @property
    def path(self) -> Path: ...
    def change_passphrase(self, new_passphrase: str) -> str: ...
    def unshown_recovery_code(self) -> str | None:
        """The recovery code in force if it has never been shown (a passphrase change or a new
        review was interrupted before it was): show it, then call `recovery_code_shown`."""
        ...

    def recovery_code_shown(self) -> None: ...
    def damaged_error(self) -> DamagedReviewError:
        """After `verify` found problems: what to tell the reviewer, with a backup to restore."""
        ...

    def remember_on_this_computer(self) -> KeyringNotice: ...
    def forget_on_this_computer(self) -> None: ...
    def verify(self) -> list[str]: ...
    def backup_to(self, target: Path) -> None: ...
    def shown(self) -> None:
        """The review is on screen, painted: work held back so as not to slow opening it (the
        automatic backup due at open) may start now."""
        ...

    def close(self) -> None: ...
