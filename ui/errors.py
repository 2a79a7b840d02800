"""The one place that shows errors to the reviewer.

A `UserFacingError` is something they can put right: it is shown with its own title and
message. Anything else is a bug: it is logged without its message (which could hold case
text, see `reviewer_app.crash`) and shown as a short crash notice that says nothing about it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reviewer_app.crash import safe_report
from reviewer_app.errors import UserFacingError

log = logging.getLogger(__name__)

CRASH_TITLE = "SCR Reviewer met an unexpected problem"
CRASH_MESSAGE = (
    "Something went wrong that SCR Reviewer did not expect. Every change you had already "
    "made was saved as you made it.\n\n"
    "A note of where the problem happened (with nothing about any case) has been written to "
    "the log. If it keeps happening, please pass the log file to whoever supports SCR Reviewer "
    "where you work."
)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the reviewer about `error`: plainly if they can act on it, as a crash if not."""
    if not isinstance(error, UserFacingError):
        log.error("unexpected error:\n%s", safe_report(error))
    _show(parent, error)


def _show(parent: QWidget | None, error: BaseException) -> None:
    if isinstance(error, UserFacingError):
        QMessageBox.warning(parent, error.title, str(error))
    else:
        QMessageBox.critical(parent, CRASH_TITLE, CRASH_MESSAGE)


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def install_crash_dialog() -> ExceptHook:
    """Show exceptions that escape a slot as crash notices too; returns the previous hook.

    A hook set by the composition root still runs first, so logging stays in one place; Python's
    own hook is not called, because it would print the exception's message to stderr.
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if previous is sys.__excepthook__:
            log.error("unexpected error:\n%s", safe_report(exc))
        else:
            previous(kind, exc, tb)
        if isinstance(exc, Exception) and QApplication.instance() is not None:
            _show(QApplication.activeWindow(), exc)

    sys.excepthook = hook
    return previous
