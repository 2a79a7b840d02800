"""The command line: the scriptable face of the same services the window uses.

Passphrases come from `REVIEWER_APP_PASSPHRASE` / `REVIEWER_APP_NEW_PASSPHRASE` (or
`REVIEWER_APP_RECOVERY_CODE`), then the key this computer remembers, then a terminal prompt —
never from the command line itself, where other users could read them. Expected failures print
one `error:` line on stderr and exit non-zero, without a traceback.

The commands live beside this module by what they work on: `files` (review files, backups,
checks), `chronology` (agencies' chronologies), `export`, `lifecycle` (timetable to
publishing) and `learning` (across reviews); `parser` names them all, `common` is what they
share.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from reviewer_app.app import build_review_files, configure_logging, install_excepthook
from reviewer_app.cli.common import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, Handler, print_restore_offer
from reviewer_app.cli.files import cmd_window
from reviewer_app.cli.parser import build_parser
from reviewer_app.crash import safe_report
from reviewer_app.errors import DamagedReviewError, UserFacingError
from reviewer_app.paths import AppPaths

__all__ = ["EXIT_OK", "EXIT_PROBLEM", "EXIT_USAGE", "build_parser", "main"]

log = logging.getLogger(__name__)


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
    except DamagedReviewError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print_restore_offer(exc)
        log.info("command failed with %s", type(exc).__name__)
        return EXIT_PROBLEM
    except UserFacingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        log.info("command failed with %s", type(exc).__name__)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("error: cancelled; nothing was changed.", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        reason = exc.strerror or "an unexpected file problem"
        print(f"error: a file could not be read or written{where}: {reason}.", file=sys.stderr)
        log.error("file system error:\n%s", safe_report(exc))
        return EXIT_PROBLEM
