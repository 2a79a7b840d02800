"""What every command shares: passphrases from the environment or a prompt, opening a
review, exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer_app.errors import DamagedReviewError, InvalidInputError, UserFacingError
from reviewer_app.paths import AppPaths

if TYPE_CHECKING:
    # Loaded by the commands that use them: `reviewer-app` with no command opens the window,
    # whose start screen needs none of them (storage, SQLAlchemy, the keyring, the exporters).
    from reviewer_app.learning.repository import LearningLibraryAccess
    from reviewer_app.services.open_review import ReviewServices
    from storage.library import StoredReviewFiles


log = logging.getLogger(__name__)


PASSPHRASE_ENV = "REVIEWER_APP_PASSPHRASE"  # noqa: S105 - a variable name


NEW_PASSPHRASE_ENV = "REVIEWER_APP_NEW_PASSPHRASE"  # noqa: S105


RECOVERY_CODE_ENV = "REVIEWER_APP_RECOVERY_CODE"


EXIT_OK = 0


EXIT_PROBLEM = 1


EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"error: {message}\n(see '{self.prog} --help')\n")


def prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise InvalidInputError(
            f"No passphrase was given. Set {PASSPHRASE_ENV} or run the command in a terminal "
            "so it can ask."
        )
    return getpass.getpass(f"{label}: ")


def new_passphrase() -> str:
    if os.environ.get(NEW_PASSPHRASE_ENV):
        return os.environ[NEW_PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise InvalidInputError(
            f"No new passphrase was given. Set {NEW_PASSPHRASE_ENV} or run the command in a "
            "terminal so it can ask."
        )
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Type it again: ") != first:
        raise InvalidInputError("The two passphrases were different. Nothing was changed.")
    return first


def warn_about_location(path: Path) -> None:
    """One `warning:` line on stderr when a review is in a synced or network folder."""
    from reviewer_app.locations import classify

    try:
        line = classify(path).command_line_warning(path)
    except Exception:  # detection is best effort; it never stops a command
        line = ""
    if line:
        print(line, file=sys.stderr)


def open_review(files: StoredReviewFiles, path: Path) -> ReviewServices:
    """The review's services. Env passphrase or code, then the remembered key, then a prompt.

    If the review's recovery code was never shown (the command that made it was interrupted),
    it is shown now, before anything else."""
    from reviewer_app.wiring import open_services

    warn_about_location(path)
    if os.environ.get(PASSPHRASE_ENV):
        review = open_services(files.open(path, passphrase=os.environ[PASSPHRASE_ENV]))
    elif os.environ.get(RECOVERY_CODE_ENV):
        review = open_services(files.open(path, code=os.environ[RECOVERY_CODE_ENV]))
    else:
        remembered = files.open_remembered(path)
        if remembered is not None:
            review = open_services(remembered)
        else:
            passphrase = prompt(f"Passphrase for {path.name}")
            review = open_services(files.open(path, passphrase=passphrase))
    try:
        show_unshown_code(review, path)
    except BaseException:
        review.close()
        raise
    return review


def show_unshown_code(review: ReviewServices, path: Path) -> None:
    code = review.unshown_recovery_code()
    if code is None:
        return
    print(
        f"The recovery code that opens {path.name} now has never been shown: the command that "
        "set its passphrase was interrupted before it could show it."
    )
    print_recovery_code(code)
    review.recovery_code_shown()


def print_recovery_code(code: str) -> None:
    """Print the code; flushed, so a closed pipe fails here, before it is marked as shown."""
    if sys.stdout is None:  # the windowed program has no console: the code must not be lost
        raise UserFacingError(
            "There is no console here to show the recovery code. Run the command with "
            "scr-reviewer-cli (or reviewer-app); the code is shown when the review is next opened."
        )
    print(
        "\nRecovery code (shown once: print it or write it down, and keep it somewhere safe,"
        " away from this computer):\n\n"
        f"    {code}\n\n"
        "It opens this review if the passphrase is ever forgotten. It changes whenever the "
        "passphrase changes.\n"
    )
    sys.stdout.flush()


# -- commands ------------------------------------------------------------------------------
def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InvalidInputError(f"There is no file at '{path}'.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInputError(
            f"'{path.name}' is not valid JSON, so nothing was created. Check it is the file "
            "'reviewer-app export --format json' wrote."
        ) from exc


def terms_given(args: argparse.Namespace) -> str:
    """The terms of reference from --terms, or from the file --terms-file names."""
    if args.terms_file:
        path = Path(args.terms_file)
        try:
            return path.read_text(encoding="utf-8").strip()
        except FileNotFoundError as exc:
            raise InvalidInputError(f"There is no file at '{path}'.") from exc
        except UnicodeDecodeError as exc:
            raise InvalidInputError(
                f"'{path.name}' is not plain text (UTF-8). Save the terms of reference as a "
                "plain text file and try again."
            ) from exc
    return (args.terms or "").strip()


def day_given(text: str) -> dt.date:
    """A date given as dd/mm/yyyy (UK) or YYYY-MM-DD."""
    for parse in (dt.date.fromisoformat, lambda t: dt.datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"'{text}' is not a date: write it as dd/mm/yyyy")


LIBRARY_PASSPHRASE_ENV = "REVIEWER_APP_LIBRARY_PASSPHRASE"  # noqa: S105 - a variable name


def open_library(args: argparse.Namespace, files: StoredReviewFiles) -> LearningLibraryAccess:
    """The reviewer's learning library, opened with its remembered key or its passphrase."""
    from reviewer_app.app import build_learning_library

    library = build_learning_library(AppPaths.default(args.data_dir), files.keyring)
    if not library.exists():
        raise InvalidInputError(
            "There is no learning library on this computer yet. Create it in the window "
            "(Tools › Learning library…), then run this again."
        )
    if library.open_remembered() is None:
        passphrase = os.environ.get(LIBRARY_PASSPHRASE_ENV) or library_prompt()
        library.open(passphrase=passphrase)
    return library


def library_prompt() -> str:
    if not sys.stdin.isatty():
        raise InvalidInputError(
            f"No passphrase for the learning library was given. Set {LIBRARY_PASSPHRASE_ENV} or "
            "run the command in a terminal to be asked for it."
        )
    return getpass.getpass("Learning library passphrase: ")


Handler = Callable[[argparse.Namespace, "StoredReviewFiles"], int]


def print_restore_offer(error: DamagedReviewError) -> None:
    """The command that restores the newest good backup as a new file (never over one)."""
    offer = error.restore
    if offer is None:
        return
    damaged = error.path or Path("review.review")
    target = offer.suggested_target(damaged)
    print(
        f"To restore the backup of {offer.taken_text} as a new review file, run:\n"
        f"    reviewer-app restore {shlex.quote(str(offer.backup))} --out "
        f"{shlex.quote(str(target))}\n"
        "It opens with the same passphrase and recovery code as the damaged file. The damaged "
        "file is left as it is.",
        file=sys.stderr,
    )
