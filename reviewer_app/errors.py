"""One hierarchy of errors, split into what the user can fix and what is a bug.

`UserFacingError` subclasses carry a plain-English message that says what happened and what to
do next; the window shows it in a dialog and the command line prints it as one `error:` line.
Anything else that escapes is a bug: logged (without case data) and shown as a crash report.
Messages never contain a passphrase, a key or case text — only file names and counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class ReviewerAppError(Exception):
    """Base of every error the application raises on purpose."""


class UserFacingError(ReviewerAppError):
    """Something the user can put right; `str(error)` is the message to show them."""

    #: A short title for a dialog box.
    title = "Something needs your attention"


class ReviewFileError(UserFacingError):
    """A review file could not be opened or created; the file was left untouched."""

    title = "The review could not be opened"


class ReviewNotFoundError(ReviewFileError):
    pass


class FileInUseError(UserFacingError):
    """The target is held open by another program (Word, a PDF reader); nothing was written."""

    title = "The file is open in another program"


class FileAlreadyThereError(UserFacingError):
    """A new file was asked for where one exists (or cannot be made); nothing was written."""

    title = "The file was not created"


class ReviewExistsError(ReviewFileError, FileAlreadyThereError):
    title = "The review was not created"


class WrongPassphraseError(ReviewFileError):
    pass


class WrongRecoveryCodeError(ReviewFileError):
    pass


class RecoveryCodeTypoError(UserFacingError):
    """The recovery code failed its checksum: a typing mistake, caught before any key work."""

    title = "Please check the recovery code"


@dataclass(frozen=True, slots=True)
class RestoreOffer:
    """The newest backup of a damaged file that opens with its key and passes every check.

    `restore_to(target)` copies it to a new file at `target` (never over an existing file);
    the copy opens with the same passphrase and recovery code as the damaged file did."""

    backup: Path
    taken: dt.datetime  # UTC
    restore_to: Callable[[Path], None]

    @property
    def taken_text(self) -> str:
        """When it was taken, in local time, the UK way: "30/11/2026 at 08:05"."""
        local = self.taken.astimezone()
        return f"{local:%d/%m/%Y} at {local:%H:%M}"

    def suggested_target(self, damaged: Path) -> Path:
        """A free name beside the damaged file for the restored copy."""
        stamp = self.taken.astimezone().strftime("%d-%m-%Y")
        base = damaged.with_name(f"{damaged.stem} (restored from {stamp}){damaged.suffix}")
        candidate, n = base, 2
        while candidate.exists() or candidate.is_symlink():
            candidate = base.with_name(f"{base.stem} {n}{base.suffix}")
            n += 1
        return candidate


class DamagedReviewError(ReviewFileError):
    """The file is damaged: part of it fails its encryption check or SQLite's structure check.

    Raised when opening and at any later moment a read or write meets the damage (then the app
    stops writing to the file). `restore` offers the newest good backup, when there is one."""

    title = "The review file is damaged"

    def __init__(
        self, message: str, *, path: Path | None = None, restore: RestoreOffer | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.restore = restore

    def with_offer(self, path: Path, restore: RestoreOffer | None) -> DamagedReviewError:
        """The same error, for `path`, with the restore offer (an existing offer is kept)."""
        made = DamagedReviewError(
            str(self), path=self.path or path, restore=self.restore or restore
        )
        made.__cause__ = self.__cause__ or self
        return made


class NotAReviewError(ReviewFileError):
    pass


class NewerReviewVersionError(ReviewFileError):
    pass


class PassphraseTooWeakError(UserFacingError):
    title = "Please choose a stronger passphrase"


class ReviewLockedError(UserFacingError):
    title = "The review is locked"


class BackupError(UserFacingError):
    title = "The backup did not complete"


class OperationCancelled(UserFacingError):
    """The reviewer cancelled a long task; everything it had started was rolled back."""

    title = "Cancelled"


class InvalidInputError(UserFacingError):
    """Input from a form or the command line that cannot be accepted as given."""

    title = "Please check what you entered"
