"""The one place that shows errors to the reviewer.

A `UserFacingError` is something they can put right: it is shown with its own title and
message. Anything else is a bug: it is logged without its message (which could hold case
text, see `reviewer_app.crash`) and shown as a short crash notice that says nothing about it.

A damaged file (`DamagedReviewError`, met at opening or by any later read or write) goes to the
damage handler the main window registers (`set_damage_handler`): it stops using the review and
shows `DamagedFileDialog`, with the newest good backup to restore. Never the crash notice.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from reviewer_app.crash import safe_report
from reviewer_app.errors import DamagedReviewError, UserFacingError

log = logging.getLogger(__name__)

CRASH_TITLE = "SCR Reviewer met an unexpected problem"
CRASH_MESSAGE = (
    "Something went wrong that SCR Reviewer did not expect. Every change you had already "
    "made was saved as you made it.\n\n"
    "A note of where the problem happened (with nothing about any case) has been written to "
    "the log. If it keeps happening, please pass the log file to whoever supports SCR Reviewer "
    "where you work."
)


DamageHandler = Callable[[QWidget | None, DamagedReviewError], None]
_damage_handler: DamageHandler | None = None


def set_damage_handler(handler: DamageHandler | None) -> DamageHandler | None:
    """Who deals with a damaged file (the main window); returns the previous handler."""
    global _damage_handler
    previous, _damage_handler = _damage_handler, handler
    return previous


def show_damage(parent: QWidget | None, error: DamagedReviewError) -> None:
    if _damage_handler is not None:
        try:
            _damage_handler(parent, error)
            return
        except RuntimeError:  # the window that registered it has gone
            log.info("the damage handler's window has gone; showing the notice on its own")
    from ui.damaged_file_dialog import DamagedFileDialog

    dialog = DamagedFileDialog(error, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Tell the reviewer about `error`: plainly if they can act on it, as a crash if not."""
    if not isinstance(error, UserFacingError):
        log.error("unexpected error:\n%s", safe_report(error))
    _show(parent, error)


def _show(parent: QWidget | None, error: BaseException) -> None:
    if isinstance(error, DamagedReviewError):
        show_damage(parent, error)
    elif isinstance(error, UserFacingError):
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
