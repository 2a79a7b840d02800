"""The command line: the scriptable face of the same services the window uses.

Passphrases come from `REVIEWER_APP_PASSPHRASE` / `REVIEWER_APP_NEW_PASSPHRASE` (or
`REVIEWER_APP_RECOVERY_CODE`), then the key this computer remembers, then a terminal prompt —
never from the command line itself, where other users could read them. Expected failures print
one `error:` line on stderr and exit non-zero, without a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from reviewer_app import __version__
from reviewer_app.app import build_review_files, configure_logging, install_excepthook, run_window
from reviewer_app.crash import safe_report
from reviewer_app.errors import InvalidInputError, UserFacingError
from reviewer_app.paths import AppPaths
from reviewer_app.repositories import OpenReview
from reviewer_app.review import Methodology, Review, ReviewType
from storage.backups import restore
from storage.library import StoredReviewFiles

log = logging.getLogger(__name__)

PASSPHRASE_ENV = "REVIEWER_APP_PASSPHRASE"  # noqa: S105 - a variable name
NEW_PASSPHRASE_ENV = "REVIEWER_APP_NEW_PASSPHRASE"  # noqa: S105
RECOVERY_CODE_ENV = "REVIEWER_APP_RECOVERY_CODE"

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"error: {message}\n(see '{self.prog} --help')\n")


def _prompt(label: str) -> str:
    if not sys.stdin.isatty():
        raise InvalidInputError(
            f"No passphrase was given. Set {PASSPHRASE_ENV} or run the command in a terminal "
            "so it can ask."
        )
    return getpass.getpass(f"{label}: ")


def _new_passphrase() -> str:
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


def open_review(files: StoredReviewFiles, path: Path) -> OpenReview:
    """Env passphrase or code, then the remembered key, then a prompt."""
    if os.environ.get(PASSPHRASE_ENV):
        return files.open(path, passphrase=os.environ[PASSPHRASE_ENV])
    if os.environ.get(RECOVERY_CODE_ENV):
        return files.open(path, code=os.environ[RECOVERY_CODE_ENV])
    remembered = files.open_remembered(path)
    if remembered is not None:
        return remembered
    return files.open(path, passphrase=_prompt(f"Passphrase for {path.name}"))


def _print_recovery_code(code: str) -> None:
    print(
        "\nRecovery code (shown once: print it or write it down, and keep it somewhere safe,"
        " away from this computer):\n\n"
        f"    {code}\n\n"
        "It opens this review if the passphrase is ever forgotten. It changes whenever the "
        "passphrase changes.\n"
    )


# -- commands ------------------------------------------------------------------------------
def cmd_new(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    if not args.title:
        raise InvalidInputError("Give the review a title with --title.")
    details = Review(
        title=args.title,
        review_type=ReviewType(args.type),
        board=args.board or "",
        methodology=Methodology(args.methodology),
    )
    created = files.create(Path(args.file), details, _new_passphrase(), remember=args.remember)
    try:
        print(f"Created {args.file}.")
        if args.remember and not created.keyring.available:
            print(created.keyring.notice)
        _print_recovery_code(created.recovery_code)
    finally:
        created.review.close()
    return EXIT_OK


def cmd_verify(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    review = open_review(files, Path(args.file))
    try:
        problems = review.verify()
    finally:
        review.close()
    if problems:
        print(f"error: {args.file} has {len(problems)} integrity problem(s):", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"{args.file}: encryption and structure checks passed.")
    return EXIT_OK


def cmd_change_passphrase(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    review = open_review(files, Path(args.file))
    try:
        code = review.change_passphrase(_new_passphrase())
    finally:
        review.close()
    print(f"The passphrase of {args.file} has been changed; the old one no longer opens it.")
    _print_recovery_code(code)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    review = open_review(files, Path(args.file))
    try:
        review.backup_to(Path(args.out))
    finally:
        review.close()
    print(f"Encrypted backup written to {args.out}; it opens with the same passphrase.")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    from storage.connection import precheck
    from storage.keys import file_id

    found = files.backups.list(file_id(precheck(Path(args.file))))
    if not found:
        print("No automatic backups of this review on this computer yet.")
    for info in found:
        print(f"{info.taken:%d/%m/%Y %H:%M} UTC  {info.reason:<18} {info.path}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, files: StoredReviewFiles) -> int:
    restore(Path(args.backup), Path(args.out))
    print(f"Restored to {args.out}. Open it with the review's passphrase.")
    return EXIT_OK


def cmd_window(args: argparse.Namespace, paths: AppPaths) -> int:
    return run_window(paths, Path(args.open) if args.open else None, demo=args.demo)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reviewer-app",
        description="SCR Reviewer: an encrypted, offline workspace for case reviews.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=Path, help="keep settings, backups and logs here")
    parser.add_argument("--verbose", action="store_true", help="more detail in the log")
    parser.add_argument("--open", metavar="FILE", help="open this review in the window")
    parser.add_argument("--demo", action="store_true", help="open the window on the demo review")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = sub.add_parser("new", help="create a new, encrypted review file")
    new.add_argument("file")
    new.add_argument("--title")
    new.add_argument("--type", choices=[t.value for t in ReviewType], default="lcspr")
    new.add_argument("--board", help="the commissioning safeguarding partnership or board")
    new.add_argument(
        "--methodology", choices=[m.value for m in Methodology], default="learning-together"
    )
    new.add_argument(
        "--remember", action="store_true", help="remember the key in this computer's keyring"
    )
    new.set_defaults(handler=cmd_new)

    verify = sub.add_parser("verify", help="check a review's encryption and structure")
    verify.add_argument("file")
    verify.set_defaults(handler=cmd_verify)

    change = sub.add_parser("change-passphrase", help="set a new passphrase (and recovery code)")
    change.add_argument("file")
    change.set_defaults(handler=cmd_change_passphrase)

    backup = sub.add_parser("backup", help="write an encrypted copy of a review")
    backup.add_argument("file")
    backup.add_argument("--out", required=True)
    backup.set_defaults(handler=cmd_backup)

    listing = sub.add_parser("backups", help="list this computer's automatic backups of a review")
    listing.add_argument("file")
    listing.set_defaults(handler=cmd_backups)

    rest = sub.add_parser("restore", help="restore a backup to a new review file")
    rest.add_argument("backup")
    rest.add_argument("--out", required=True)
    rest.set_defaults(handler=cmd_restore)
    return parser


Handler = Callable[[argparse.Namespace, StoredReviewFiles], int]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = AppPaths.default(args.data_dir).ensure()
    configure_logging(paths, verbose=args.verbose)
    install_excepthook()
    try:
        if args.command is None:
            return cmd_window(args, paths)
        handler: Handler = args.handler
        return handler(args, build_review_files(paths))
    except UserFacingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        log.info("command failed with %s", type(exc).__name__)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("error: cancelled; nothing was changed.", file=sys.stderr)
        return 130
    except OSError as exc:
        print(
            f"error: {exc.strerror or 'a file could not be read or written'}: "
            f"{exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        log.error("file system error:\n%s", safe_report(exc))
        return EXIT_PROBLEM
