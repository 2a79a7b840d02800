"""The main window: start page, an open review's overview, and the locked screen.

The window coordinates the flows (new, open, unlock, lock, change passphrase, close); the pages
only lay out widgets, and every piece of data comes through the `ReviewSessions` / `ReviewServices`
protocols it is handed.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import DamagedReviewError, ReviewLockedError, UserFacingError
from reviewer_app.paths import AppPaths
from ui.change_passphrase_dialog import ChangePassphraseDialog
from ui.damaged_file_dialog import DamagedFileDialog
from ui.errors import set_damage_handler, show_error
from ui.guide_dialog import GuideDialog
from ui.idle_lock import IdleLock
from ui.kept_typing import Kept, describe
from ui.locked_page import LockedPage
from ui.new_review_dialog import FILE_FILTER, NewReviewDialog, documents_folder
from ui.operations import track
from ui.overview_page import OverviewPage
from ui.platform_privacy import install_platform_privacy
from ui.recent import (
    RecentReviews,
    auto_lock_minutes,
    has_been_welcomed,
    mark_welcomed,
    set_auto_lock_minutes,
)
from ui.recovery_code_dialog import RecoveryCodeDialog
from ui.start_page import StartPage
from ui.style import notice_label
from ui.tasks import TaskRunner, ThreadTaskRunner
from ui.unlock_dialog import UnlockDialog
from ui.welcome_dialog import WelcomeDialog

if TYPE_CHECKING:
    # Loaded when first used, not at start: the start screen needs none of them, and they pull
    # in the exporters (python-docx, reportlab), the import wizard (openpyxl) and every page.
    from reviewer_app.learning.collation import CollationFilter, ThemeBriefing
    from reviewer_app.learning.repository import CollationStore, LearningLibraryAccess
    from reviewer_app.review_file import KeyringNotice
    from reviewer_app.services.open_review import ReviewServices, ReviewSessions
    from ui.learning.collation_page import CollationWindow
    from ui.learning.library_page import LearningLibraryWindow
    from ui.workspace.workspace import Place, Workspace

log = logging.getLogger(__name__)


def _export_briefing(briefing: ThemeBriefing, file_format: str, path: Path) -> object:
    from exporters.api import export_briefing

    return export_briefing(briefing, "pdf" if file_format == "pdf" else "docx", path)


class MainWindow(QMainWindow):
    """`choose_open_path` asks which file to open; tests replace it."""

    def __init__(
        self,
        files: ReviewSessions,
        *,
        paths: AppPaths,
        runner: TaskRunner | None = None,
        clock: Callable[[], float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.files = files
        self.paths = paths
        self.runner: TaskRunner = runner if runner is not None else ThreadTaskRunner()
        self.recent = RecentReviews(paths.settings_file)
        self.review: ReviewServices | None = None
        self.overview: OverviewPage | None = None
        self.workspace: Workspace | None = None
        self.undo_stack = track(QUndoStack(self))  # a failed undo keeps its place
        self._place: tuple[Path, Place] | None = None  # where the reviewer was when it locked
        #: Typing that could not be saved when the review locked: in memory only, given back to
        #: the same forms after unlock (ui.kept_typing).
        self._kept: tuple[Path, Kept] | None = None
        self.idle_lock = IdleLock(
            self._auto_lock,
            minutes=auto_lock_minutes(paths.settings_file),
            clock=clock if clock is not None else time.monotonic,
            parent=self,
        )
        self.choose_open_path: Callable[[], Path | None] = self._ask_for_open_path
        self.damage_dialog: DamagedFileDialog | None = None  # the one shown, if any
        set_damage_handler(self.review_damaged)
        self._flow: QDialog | None = None  # the new/unlock dialog in progress, if any

        self.setWindowTitle("")
        self.resize(920, 640)
        self.setMinimumSize(640, 480)

        self.start_page = StartPage()
        self.start_page.new_requested.connect(self.new_review)
        self.start_page.open_requested.connect(self.open_review)
        self.start_page.demo_requested.connect(self.open_demo)
        self.demo_opener: Callable[[], ReviewServices] | None = None
        #: The reviewer's learning library (a second encrypted file), given by the composition
        #: root; None where the app runs without one (some tests).
        self.library: LearningLibraryAccess | None = None
        self._library_window: LearningLibraryWindow | None = None
        self._collation_window: CollationWindow | None = None
        self.start_page.recent_chosen.connect(self.unlock)
        self.start_page.recent_removed.connect(self._forget_recent)
        self.locked_page = LockedPage()
        self.locked_page.unlock_requested.connect(self._unlock_locked)
        self.locked_page.back_requested.connect(self.show_start)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.locked_page)

        # Whether this computer can remember passphrases is asked once the window is up, off
        # the GUI thread (it loads the keyring and storage): the start screen shows at once and
        # the notice follows.
        self.keyring_line = notice_label("")
        self.keyring_line.setObjectName("keyringNotice")
        self.keyring_line.setAccessibleName("About remembering passphrases")
        self.keyring_line.setVisible(False)
        QTimer.singleShot(
            0,
            self,
            lambda: self.runner.start(
                files.keyring_status, self._keyring_known, self._keyring_unknown
            ),
        )

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.pages, 1)
        notice_row = QVBoxLayout()
        notice_row.setContentsMargins(40, 0, 40, 16)
        notice_row.addWidget(self.keyring_line)
        layout.addLayout(notice_row)
        self.setCentralWidget(central)

        # Whatever reaches the clipboard while a review is open is cleared when it locks.
        self._clipboard_is_ours = False
        QGuiApplication.clipboard().dataChanged.connect(self._clipboard_changed)
        self.privacy = install_platform_privacy(self, self.lock)  # sleep, session lock, capture
        self.statusBar().setSizeGripEnabled(False)  # made now, so the page does not jump later
        self._make_actions()
        self.show_start()
        self.start_page.new_button.setFocus()

    # -- actions and menus ---------------------------------------------------------------------
    def _make_actions(self) -> None:
        def action(
            text: str, slot: Callable[[], object], shortcut: QKeySequence.StandardKey | str
        ) -> QAction:
            made = QAction(text, self)
            made.setShortcut(QKeySequence(shortcut))
            made.triggered.connect(lambda _checked=False: slot())
            return made

        self.new_action = action("&New review…", self.new_review, QKeySequence.StandardKey.New)
        self.open_action = action("&Open review…", self.open_review, QKeySequence.StandardKey.Open)
        self.lock_action = action("&Lock", self.lock, "Ctrl+L")
        self.change_action = action("Change pa&ssphrase…", self.change_passphrase, "")
        self.close_action = action("&Close review", self.close_review, "Ctrl+W")
        self.auto_lock_action = action("&Auto-lock after…", self.choose_auto_lock, "")
        self.quit_action = action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.import_action = action("&Import agency chronology…", self.import_chronology, "Ctrl+I")

        menu = self.menuBar().addMenu("&File")
        menu.addActions([self.new_action, self.open_action])
        menu.addSeparator()
        menu.addActions([self.import_action])
        menu.addSeparator()
        menu.addActions([self.lock_action, self.change_action, self.close_action])
        menu.addSeparator()
        menu.addAction(self.auto_lock_action)
        menu.addAction(self.quit_action)

        self.guide_action = action(
            "&User guide", self.show_guide, QKeySequence.StandardKey.HelpContents
        )
        self.welcome_action = action(
            "&Welcome and how reviews are protected", self.show_welcome, ""
        )

        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit = self.menuBar().addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action])
        self.library_action = action("Learning &library…", self.show_library, "")
        self.collation_action = action("Learning &across reviews…", self.show_collation, "")
        tools = self.menuBar().addMenu("&Tools")
        tools.addActions([self.library_action, self.collation_action])
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addActions([self.guide_action, self.welcome_action])

    def _update_actions(self) -> None:
        is_open = self.review is not None
        for review_action in (
            self.lock_action,
            self.change_action,
            self.close_action,
            self.import_action,
        ):
            review_action.setEnabled(is_open)

    # -- pages ---------------------------------------------------------------------------------
    def show_start(self) -> None:
        self.start_page.set_recent(self.recent.paths())
        self.start_page.demo_button.setVisible(self.demo_opener is not None)
        self.pages.setCurrentWidget(self.start_page)
        self.setWindowTitle("")
        self._update_actions()

    def _show_locked(self, path: Path) -> None:
        self.locked_page.set_path(path)
        self.pages.setCurrentWidget(self.locked_page)
        self.setWindowTitle("Locked")
        self._update_actions()
        self.locked_page.unlock_button.setFocus()

    def show_review(self, review: ReviewServices, *, add_to_recent: bool = True) -> bool:
        """Make `review` the open review and show its workspace; False if it cannot be read."""
        from ui.workspace.workspace import Workspace

        try:
            workspace = Workspace(review, self.undo_stack, self.runner, library=self.library)
        except Exception as error:
            self._close_quietly(review)
            show_error(self, error)
            return False
        if self.review is not None and self.review is not review:
            self._release_review()
        self.review = review
        details = workspace.facts.details
        workspace.lock_requested.connect(self.lock)
        workspace.change_passphrase_requested.connect(self.change_passphrase)
        workspace.close_requested.connect(self.close_review)
        workspace.title_changed.connect(self._set_title)
        workspace.library_requested.connect(self.show_library)
        self.workspace = workspace
        self.overview = workspace.overview
        self.pages.addWidget(workspace)
        self.pages.setCurrentWidget(workspace)
        self._set_title(details.title)
        if self._place is not None and self._place[0] == review.path:
            workspace.restore(self._place[1])
        self._place = None
        if self._kept is not None and _same_file(self._kept[0], review.path):
            workspace.put_back(self._kept[1])
            self.statusBar().showMessage(
                "What could not be saved before the review locked has been put back: "
                "correct it in " + describe(self._kept[1], workspace.section_titles()) + ".",
                0,
            )
        self._kept = None
        self.idle_lock.start()
        if add_to_recent:
            self._remember_recent(review.path)
        self._update_actions()
        if workspace.current_section() == "overview":
            workspace.overview.lock_button.setFocus()
        return True

    def _set_title(self, title: str) -> None:
        self.setWindowTitle(title)

    # -- new review ----------------------------------------------------------------------------
    def new_review(self) -> None:
        if self._flow is not None:
            return
        dialog = NewReviewDialog(self.files, self.runner, self)
        dialog.accepted.connect(lambda: self._created(dialog))
        self._start_flow(dialog)
        dialog.open()

    def _created(self, dialog: NewReviewDialog) -> None:
        created = dialog.created
        assert created is not None
        path = created.review.path
        self.show_review(created.review)
        if dialog.remember.isChecked() and not created.keyring.available:
            self._show_keyring_notice(created.keyring)
        # The file exists now, so its code is shown even if the overview could not be.
        self.show_recovery_code(
            created.recovery_code, path, shown=lambda: created.review.recovery_code_shown()
        )

    def show_recovery_code(
        self,
        code: str,
        path: Path,
        *,
        replaces_previous: bool = False,
        never_shown: bool = False,
        shown: Callable[[], None] | None = None,
    ) -> None:
        """Show a recovery code; `shown` is called once the reviewer has kept a copy (until
        then the review remembers that its code still has to be shown)."""
        dialog = RecoveryCodeDialog(
            code,
            file_name=path.name,
            replaces_previous=replaces_previous,
            never_shown=never_shown,
            parent=self,
        )

        def finished() -> None:
            if shown is None:
                return
            try:
                shown()
            except ReviewLockedError:
                pass  # locked meanwhile: the code is shown again when it is next opened
            except Exception as error:
                show_error(self, error)

        dialog.finished.connect(finished)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _show_unshown_code(self, review: ReviewServices) -> None:
        """If the code that opens this review was never shown (an interrupted passphrase change
        or a new review whose window closed first), show it now."""
        try:
            code = review.unshown_recovery_code()
        except Exception as error:
            show_error(self, error)
            return
        if code is not None:
            self.show_recovery_code(
                code, review.path, never_shown=True, shown=review.recovery_code_shown
            )

    # -- opening and unlocking -----------------------------------------------------------------
    def _ask_for_open_path(self) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Open review", documents_folder(), f"{FILE_FILTER};;All files (*)"
        )
        return Path(chosen) if chosen else None

    def open_review(self) -> None:
        if self._flow is not None:
            return
        chosen = self.choose_open_path()
        if chosen is not None:
            self.unlock(chosen)

    def unlock(self, path: Path) -> None:
        """Open `path`: with the remembered key if there is one, otherwise by asking."""
        if self._flow is not None:
            return
        if self.review is not None and self.review.path == path and self.workspace is not None:
            self.pages.setCurrentWidget(self.workspace)  # already open
            return
        dialog = UnlockDialog(self.files, path, self.runner, self)
        # With a remembered key nothing else shows while the file is opened (a large one, or
        # one an earlier version made, being brought up to date, can take some seconds).
        opening = f"Opening '{path.name}'…"
        self.statusBar().showMessage(opening)

        def ended(_result: int) -> None:  # (after what opening it has said, if anything)
            if self.statusBar().currentMessage() == opening:
                self.statusBar().clearMessage()

        dialog.finished.connect(ended)
        dialog.accepted.connect(lambda: self._unlocked(dialog))
        self._start_flow(dialog)
        dialog.start()

    def _unlocked(self, dialog: UnlockDialog) -> None:
        review = dialog.review
        assert review is not None
        if not self.show_review(review):
            return
        if dialog.keyring_notice is not None and not dialog.keyring_notice.available:
            self._show_keyring_notice(dialog.keyring_notice)
        if dialog.used_recovery_code:
            self.change_passphrase(after_recovery=True)
        else:
            self._show_unshown_code(review)

    def _unlock_locked(self) -> None:
        if self.locked_page.path is not None:
            self.unlock(self.locked_page.path)

    def show_library(self) -> None:
        if self.library is None:
            self.statusBar().showMessage("The learning library is not available here.", 5000)
            return
        if self._library_window is None:
            from ui.learning.library_page import LearningLibraryWindow

            self._library_window = LearningLibraryWindow(self.library, self.runner)
            self._library_window.destroyed.connect(self._library_window_gone)
        self._library_window.show()
        self._library_window.raise_()

    def _library_window_gone(self) -> None:
        self._library_window = None

    def show_collation(self) -> None:
        if self._collation_window is None:
            from reviewer_app.services.collation import CollationService
            from ui.learning.collation_page import CollationWindow

            self._collation_window = CollationWindow(
                CollationService(self._kept_collation(), published=self._published_counts()),
                _export_briefing,
                self.runner,
            )
        self._collation_window.show()
        self._collation_window.raise_()

    def _kept_collation(self) -> CollationStore | None:
        """The collation kept in the learning library: open already, or opened with the key
        remembered on this computer; else None (the collation lasts as long as its window)."""
        library = self.library
        if library is None:
            return None
        if library.repository is None and library.exists():
            try:
                library.open_remembered()
            except UserFacingError:
                log.info("the learning library could not be opened with a remembered key")
        return library.collation

    def _published_counts(self) -> Callable[[CollationFilter], Counter[str]] | None:
        """Themes of the published reviews in the open learning library, counted on demand
        within the collation's years and types of review."""
        store = self.library.published if self.library is not None else None
        if store is None:
            return None
        from reviewer_app.services.published import PublishedLibrary

        library = PublishedLibrary(store)

        def counts(chosen: CollationFilter) -> Counter[str]:
            return library.theme_counts(
                year_from=chosen.year_from,
                year_to=chosen.year_to,
                review_types=chosen.review_types,
            )

        return counts

    def _lock_learning(self) -> None:
        """The library locks with the review: its window closes and its key is dropped."""
        for window in (self._library_window, self._collation_window):
            if window is not None:
                window.close()
        self._collation_window = None
        if self.library is not None:
            try:
                self.library.close()
            except Exception:
                log.warning("the learning library did not close cleanly")

    def show_guide(self) -> None:
        dialog = GuideDialog(self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def show_welcome(self) -> None:
        dialog = WelcomeDialog(self.paths.data, self)

        def chosen() -> None:
            try:
                mark_welcomed(self.paths.settings_file)
            except OSError:
                log.warning("the settings file could not be written")
            if dialog.choice == "demo":
                self.open_demo()
            elif dialog.choice == "guide":
                self.show_guide()

        dialog.finished.connect(chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def welcome_if_first_run(self) -> None:
        if not has_been_welcomed(self.paths.settings_file):
            self.show_welcome()

    def open_demo(self) -> None:
        if self.demo_opener is None:
            self.statusBar().showMessage("The demonstration review is not available here.", 5000)
            return
        self.open_with(self.demo_opener)

    def open_with(self, opener: Callable[[], ReviewServices]) -> None:
        """Open a review some other way (the demonstration review); not added to the list."""

        def opened(review: ReviewServices) -> None:
            self.show_review(review, add_to_recent=False)

        self.runner.start(opener, opened, lambda error: show_error(self, error))

    def _start_flow(self, dialog: QDialog) -> None:
        self._flow = dialog

        def finished() -> None:
            if self._flow is dialog:
                self._flow = None
            dialog.deleteLater()

        dialog.finished.connect(finished)

    # -- while open ----------------------------------------------------------------------------
    def change_passphrase(self, *, after_recovery: bool = False) -> None:
        review = self.review
        if review is None:
            return
        dialog = ChangePassphraseDialog(
            review, self.runner, after_recovery=after_recovery, parent=self
        )

        def changed() -> None:
            assert dialog.recovery_code is not None
            self.show_recovery_code(
                dialog.recovery_code,
                review.path,
                replaces_previous=True,
                shown=review.recovery_code_shown,
            )

        dialog.accepted.connect(changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def lock(self) -> None:
        """Close the review and drop it; show only the file's name until it is unlocked."""
        self._lock_learning()
        if self.review is None:
            return
        path = self.review.path
        if self.workspace is not None:
            self._place = (path, self.workspace.place())
            self.workspace.flush()
            kept = self.workspace.unsaved()
            self._kept = (path, kept) if kept else None
        self._release_review()
        self._show_locked(path)
        self.statusBar().showMessage("Review locked.", 5000)

    def close_review(self) -> None:
        if self.review is None or not self._may_let_go():
            return
        self._release_review()
        self.show_start()
        self.statusBar().showMessage("Review closed.", 5000)

    def _clipboard_changed(self) -> None:
        # Erring on the safe side: anything copied while a review is open may be case text,
        # whichever program it was copied in, so it is cleared when the review locks.
        self._clipboard_is_ours = self.review is not None

    def _auto_lock(self) -> None:
        if self.review is not None:
            self.lock()
            self.statusBar().showMessage("Review locked after a spell without activity.", 0)

    def choose_auto_lock(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self,
            "Auto-lock",
            "Lock the review after this many minutes without activity (0 = never):",
            int(self.idle_lock.minutes),
            0,
            240,
        )
        if ok:
            self.idle_lock.minutes = minutes
            try:
                set_auto_lock_minutes(self.paths.settings_file, minutes)
            except OSError:
                log.warning("the auto-lock setting could not be saved")

    def import_chronology(self) -> None:
        if self.workspace is not None:
            self.workspace.import_chronology()

    def _release_review(self, *, flush: bool = True) -> None:
        if self.workspace is not None and flush:
            self.workspace.flush()  # what was typed is written before anything is dropped
        review, self.review = self.review, None
        self.overview = None
        self.idle_lock.stop()
        self.undo_stack.clear()  # its commands hold case text
        if self._clipboard_is_ours:
            QGuiApplication.clipboard().clear()
            self._clipboard_is_ours = False
        page, self.workspace = self.workspace, None
        if page is not None:
            page.clear()
            self.pages.removeWidget(page)
            page.setParent(None)
            page.deleteLater()
        # Dialogs that have closed wait for the event loop to delete them; do it now, so no
        # field of a finished dialog still holds case text behind the lock screen.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if review is not None:
            self._close_quietly(review)
        self._update_actions()

    def _close_quietly(self, review: ReviewServices) -> None:
        try:
            review.close()
        except ReviewLockedError:
            pass  # already closed
        except Exception as error:
            show_error(self, error)

    # -- a damaged file -------------------------------------------------------------------------
    def review_damaged(self, parent: QWidget | None, error: DamagedReviewError) -> None:
        """Damage met anywhere: stop using the review (the file already refuses every write;
        the window lets go of it as soon as the slot that met the damage has returned, without
        writing what was being typed), and offer its newest good backup."""
        QTimer.singleShot(0, self, lambda: self._close_damaged(error.path))
        if self.damage_dialog is not None:
            return  # already telling the reviewer (other parts of the window met it too)
        dialog = DamagedFileDialog(error, self)
        self.damage_dialog = dialog
        dialog.open_requested.connect(self._open_restored)

        def finished() -> None:
            if self.damage_dialog is dialog:
                self.damage_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _close_damaged(self, path: Path | None) -> None:
        review = self.review
        if review is None or (path is not None and not _same_file(review.path, path)):
            return
        self._place = None
        self._release_review(flush=False)
        self.show_start()
        self.statusBar().showMessage("The review was closed because its file is damaged.", 0)

    def _open_restored(self, path: Path) -> None:
        self._remember_recent(path)
        self.start_page.set_recent(self.recent.paths())
        self.unlock(path)

    # -- recent reviews and notices ------------------------------------------------------------
    def _remember_recent(self, path: Path) -> None:
        try:
            self.recent.add(path)
        except OSError:
            log.warning("the list of recent reviews could not be saved")

    def _forget_recent(self, path: Path) -> None:
        try:
            self.recent.remove(path)
        except OSError:
            log.warning("the list of recent reviews could not be saved")
        self.start_page.set_recent(self.recent.paths())

    def _keyring_known(self, notice: KeyringNotice) -> None:
        self.keyring_line.setText(notice.notice)
        self.keyring_line.setVisible(not notice.available and bool(notice.notice))

    def _keyring_unknown(self, error: Exception) -> None:
        # keyring_status reports a missing or broken keyring as a notice; this is anything else
        log.warning("could not tell whether a keyring is available: %s", type(error).__name__)

    def _show_keyring_notice(self, notice: KeyringNotice) -> None:
        if notice.notice:
            self.keyring_line.setText(notice.notice)
            self.keyring_line.show()

    # -- closing -------------------------------------------------------------------------------
    def shut_down(self) -> None:
        """Close any open review as the application quits (without closing the window, which
        would ask the application to quit again)."""
        if self.review is not None:
            self._release_review()

    def closeEvent(self, event: QCloseEvent) -> None:
        flow = self._flow
        if isinstance(flow, NewReviewDialog | UnlockDialog) and flow.is_busy():
            event.ignore()  # a file is being created or opened; let it finish
            return
        if self.review is not None and not self._may_let_go():
            event.ignore()  # the reviewer stays to correct what cannot be saved
            return
        if self.review is not None:
            self._release_review()
        event.accept()

    def _may_let_go(self) -> bool:
        """Before closing or quitting: save what waits; if some typing cannot be saved, ask
        (No: stay, with the text still in its form). The lock never asks: it keeps the text."""
        if self.workspace is None:
            return True
        self.workspace.flush()
        kept = self.workspace.unsaved()
        if not kept:
            return True
        where = describe(kept, self.workspace.section_titles())
        answer = QMessageBox.question(
            self,
            "Close the review?",
            f"Some of what you typed in {where} cannot be saved yet (see the message beside "
            "the form).\n\nClose anyway? That text will be lost; everything else is saved.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            return True
        if kept:
            self.workspace.show_section(next(iter(kept)))
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.expanduser().resolve() == b.expanduser().resolve()
    except OSError:
        return a == b
