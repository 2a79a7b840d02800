"""One hierarchy of errors, split into what the user can fix and what is a bug.

`UserFacingError` subclasses carry a plain-English message that says what happened and what to
do next; the window shows it in a dialog and the command line prints it as one `error:` line.
Anything else that escapes is a bug: logged (without case data) and shown as a crash report.
Messages never contain a passphrase, a key or case text — only file names and counts.
"""

from __future__ import annotations


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


class DamagedReviewError(ReviewFileError):
    pass


class NotAReviewError(ReviewFileError):
    pass


class NewerReviewVersionError(ReviewFileError):
    pass


class PassphraseTooWeakError(UserFacingError):
    title = "Please choose a stronger passphrase"


class KeyringUnavailableError(UserFacingError):
    title = "This computer cannot remember the passphrase"


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
