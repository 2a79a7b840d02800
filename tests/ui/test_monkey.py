"""A monkey test: thousands of random actions on the real window, and not one crash.

The window is started as `reviewer-app FILE` starts it (`ui.application.start` with the files
`reviewer_app.app` builds, over real encrypted review files in a tmp folder), once on the
demonstration review and once on a new empty review. The monkey then navigates, selects rows,
sorts by clicking headers, changes combo boxes, toggles check boxes, types into and clears text
fields, presses buttons, undoes and redoes, and cancels every dialog that opens. Lock, close,
change passphrase and quit are left alone (they end the session the monkey is testing).

Any crash notice (the critical message box of `ui.errors`) or any exception that reaches
`sys.excepthook` fails the test, with the seed, the step and the last actions that led there.
The actions come from `random.Random(seed)`, so a failure is repeated by running it again.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTableView,
    QTextEdit,
    QToolButton,
    QTreeView,
    QWidget,
)

import ui.errors
from reviewer_app.app import build_learning_library, build_review_files
from reviewer_app.crash import safe_report
from reviewer_app.demo import DEMO_PASSPHRASE
from reviewer_app.paths import AppPaths
from reviewer_app.services.demo_review import create_demo
from reviewer_app.wiring import ReviewSessionFiles
from storage.keyring_store import KeyringStore, NoKeyring
from tests.helpers.reviews import new_review
from tests.helpers.secrets_watch import PASSPHRASE, register
from tests.ui.support import Shown
from ui.application import start
from ui.errors import CRASH_TITLE
from ui.recovery_code_dialog import RecoveryCodeDialog
from ui.start_window import MainWindow
from ui.tasks import ImmediateTaskRunner
from ui.unlock_dialog import UnlockDialog
from ui.workspace.sections import SECTIONS

#: Actions per review; with the fixed seeds below both runs together take well under a minute.
#: To hunt for more, set MONKEY_SEED and MONKEY_ACTIONS (e.g. 20000) in the environment.
ACTIONS = {"demo": 1200, "empty": 1000}
SEEDS = {"demo": 20240612, "empty": 7}
DEMO_ENTRIES = 120  # enough for sorting and filtering to matter; keeps each reload quick

#: How often each kind of action is chosen (a kind with nothing to act on is chosen again).
WEIGHTS = {
    "navigate": 7,
    "tab": 2,
    "row": 14,
    "key-in-list": 3,
    "sort": 6,  # more pages without a sortable table since the lifecycle tabs came
    "double-click": 3,
    "menu": 2,
    "combo": 12,
    "check": 7,
    "spin": 2,
    "type": 13,
    "clear": 4,
    "button": 12,
    "undo": 5,
    "redo": 3,
}
#: What a run must at least have done per 1,000 actions, so the test cannot quietly stop
#: exercising things (a kind of action that finds nothing to act on is not counted).
MINIMUM = {
    "navigate": 60,
    "row": 70,
    "sort": 8,
    "combo": 60,
    "check": 12,
    "type": 70,
    "clear": 15,
    "button": 100,
    "undo": 30,
    "redo": 12,
}

#: Buttons that end the session under test: lock, close, change passphrase, quit.
FORBIDDEN = re.compile(r"\b(lock|close|passphrase|quit)\b", re.IGNORECASE)
TEXTS = (
    "12/03/2015",
    "31/02/2015",
    "?/05/2014",
    "w/c 3/2/15",
    "Spring 2014",
    "approx 03/2015",
    "2016",
    "not a date",
    "Mark",
    "Health Visitor 1",
    "“Quotes” — dashes & <b>tags</b>",
    "Zoë Ångström",
    "'; DROP TABLE entries; --",
    "   ",
    "0",
    "-1",
    "x" * 60,
)


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    sections: set[str] = field(default_factory=set)
    dialogs: Counter[str] = field(default_factory=Counter)
    trail: deque[str] = field(default_factory=lambda: deque(maxlen=30))


class Crashed(AssertionError):
    pass


def _type(widget: QWidget, text: str) -> None:
    """Key presses for `text`; QTest.keyClicks only knows ASCII, so others carry their text."""
    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _menu_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isEnabled() or not action.isVisible():
            continue
        if action.menu() is not None:
            found += _menu_actions(action.menu())  # type: ignore[arg-type]
        elif not FORBIDDEN.search(action.text().replace("&", "")):
            found.append(action)
    return found


def _keep_the_code(dialog: RecoveryCodeDialog) -> None:
    """What a reviewer must do to close a recovery code: confirm a copy is kept."""
    register(dialog.code)
    dialog.kept.setChecked(True)
    dialog.close_button.click()


def _label(widget: QWidget) -> str:
    name = widget.accessibleName()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text()
    return f"{type(widget).__name__} {name[:50]!r}"


class Monkey:
    """Random actions on the open review's window; `run(count)` does `count` of them."""

    def __init__(
        self,
        window: MainWindow,
        rng: random.Random,
        crashes: Callable[[], list[str]],
        name: str,
    ) -> None:
        self.window = window
        self.rng = rng
        self.crashes = crashes
        self.name = name
        self.tally = Tally()
        self.step_number = 0
        self.actions: dict[str, Callable[[], str | None]] = {
            "navigate": self.navigate,
            "tab": self.tab,
            "row": self.row,
            "key-in-list": self.key_in_list,
            "sort": self.sort,
            "double-click": self.double_click,
            "menu": self.context_menu,
            "combo": self.combo,
            "check": self.check,
            "spin": self.spin,
            "type": self.type_text,
            "clear": self.clear_text,
            "button": self.button,
            "undo": self.undo,
            "redo": self.redo,
        }
        self.closer = QTimer()
        self.closer.setInterval(50)
        self.closer.timeout.connect(self.close_dialogs)

    # -- running -------------------------------------------------------------------------------
    def run(self, count: int) -> Tally:
        self.closer.start()  # also closes dialogs that run their own event loop (exec)
        try:
            for section in SECTIONS:  # every part at least once, then at random
                self._do("navigate", lambda key=section.key: self._go(key))
            while self.step_number < count:
                kinds = list(WEIGHTS)
                kind = self.rng.choices(kinds, [WEIGHTS[k] for k in kinds])[0]
                self._do(kind, self.actions[kind])
            self._settle(300)  # timers still pending (searches, previews) get their turn
            self._check("after the last action")
        finally:
            self.closer.stop()
        return self.tally

    def _do(self, kind: str, action: Callable[[], str | None]) -> None:
        section = self.workspace().current_section()
        done = action()
        if done is None:
            return  # nothing of that kind on this page; another kind is chosen
        self.step_number += 1
        self.tally.counts[kind] += 1
        self.tally.trail.append(f"{self.step_number}: [{section}] {kind}: {done}")
        self._settle(0)
        self._check(done)

    def _settle(self, ms: int) -> None:
        app = QApplication.instance()
        assert app is not None
        deadline = time.monotonic() + ms / 1000
        while True:
            app.processEvents()
            # What deleteLater() left: a running event loop deletes it; processEvents() does not.
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            self.close_dialogs()
            if time.monotonic() >= deadline:
                break
            time.sleep(0.01)
        if not self.window.isActiveWindow():
            self.window.activateWindow()
            app.processEvents()

    def _check(self, what: str) -> None:
        found = self.crashes()
        if found:
            trail = "\n  ".join(self.tally.trail)
            raise Crashed(
                f"{self.name}: crash after step {self.step_number} ({what}):\n  {found[0]}\n"
                f"Last actions:\n  {trail}"
            )
        if self.window.workspace is None:
            raise Crashed(f"{self.name}: the review was closed by step {self.step_number}")

    def close_dialogs(self) -> None:
        """Cancel every dialog and close every popup or extra window that opened."""
        for _ in range(10):
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible():
                continue
            if isinstance(widget, RecoveryCodeDialog):
                _keep_the_code(widget)  # it cannot be cancelled: the code must be kept first
                self.tally.dialogs[type(widget).__name__] += 1
            elif isinstance(widget, QDialog):
                self.tally.dialogs[type(widget).__name__] += 1
                widget.reject()
            elif widget.isWindow() and widget.windowType() in (
                Qt.WindowType.Window,
                Qt.WindowType.Dialog,
            ):
                self.tally.dialogs[type(widget).__name__] += 1
                widget.close()

    # -- where the monkey is ------------------------------------------------------------------
    def workspace(self):  # type: ignore[no-untyped-def]
        workspace = self.window.workspace
        if workspace is None:
            raise Crashed(f"{self.name}: no review is open at step {self.step_number}")
        return workspace

    def page(self) -> QWidget:
        page = self.workspace().stack.currentWidget()
        assert page is not None
        return page

    def _visible(self, kind: type[QWidget] | tuple[type[QWidget], ...]) -> list[QWidget]:
        return [
            w
            for w in self.page().findChildren(QWidget)
            if isinstance(w, kind) and w.isVisible() and w.isEnabled()
        ]

    def _pick(self, found: list[QWidget]) -> QWidget | None:
        return self.rng.choice(found) if found else None

    # -- actions (each returns what it did, or None when it found nothing to act on) ----------
    def _go(self, key: str) -> str:
        navigation = self.workspace().navigation
        row = [s.key for s in SECTIONS].index(key)
        item = navigation.item(row)
        assert item is not None
        navigation.scrollToItem(item)
        QTest.mouseClick(
            navigation.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            navigation.visualItemRect(item).center(),
        )
        self.tally.sections.add(self.workspace().current_section())
        return key

    def navigate(self) -> str:
        return self._go(self.rng.choice(SECTIONS).key)

    def tab(self) -> str | None:
        bar = self._pick([b for b in self._visible(QTabBar) if b.count() > 1])
        if not isinstance(bar, QTabBar):
            return None
        index = self.rng.randrange(bar.count())
        QTest.mouseClick(
            bar,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            bar.tabRect(index).center(),
        )
        return f"tab {bar.tabText(index)!r}"

    def _views(self) -> list[QAbstractItemView]:
        return [
            v
            for v in self._visible(QAbstractItemView)
            if isinstance(v, QAbstractItemView)
            and not isinstance(v, QHeaderView)
            and v.model() is not None
            and v.model().rowCount() > 0
        ]

    def _indexes(self, view: QAbstractItemView) -> list[QModelIndex]:
        model = view.model()
        found: list[QModelIndex] = []
        parents = [QModelIndex()]
        while parents and len(found) < 400:
            parent = parents.pop(0)
            for row in range(min(model.rowCount(parent), 200)):
                index = model.index(row, 0, parent)
                found.append(index)
                if isinstance(view, QTreeView) and view.isExpanded(index):
                    parents.append(index)
        return found

    def row(self) -> str | None:
        views = self._views()
        if not views:
            return None
        view = self.rng.choice(views)
        indexes = self._indexes(view)
        index = self.rng.choice(indexes)
        columns = (
            view.model().columnCount(index.parent())
            if isinstance(view, QTableView | QTreeView)
            else 1
        )
        if columns > 1:
            index = index.siblingAtColumn(self.rng.randrange(columns))
        view.scrollTo(index)
        rect = view.visualRect(index)
        if not rect.isValid():
            return None
        QTest.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            rect.center(),
        )
        return f"{_label(view)} row {index.row()} column {index.column()}"

    def key_in_list(self) -> str | None:
        views = self._views()
        if not views:
            return None
        view = self.rng.choice(views)
        key = self.rng.choice(
            [Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End]
        )
        view.setFocus()
        QTest.keyClick(view, key)
        return f"{_label(view)} key {key.name}"

    def sort(self) -> str | None:
        headers = [
            h
            for h in self._visible(QHeaderView)
            if isinstance(h, QHeaderView)
            and h.orientation() == Qt.Orientation.Horizontal
            and h.sectionsClickable()
            and isinstance(h.parent(), QTableView | QTreeView)
        ]
        header = self._pick(headers)  # type: ignore[arg-type]
        if not isinstance(header, QHeaderView):
            return None
        shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        if not shown:
            return None
        section = self.rng.choice(shown)
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        if not 0 <= x < header.viewport().width():
            owner = header.parent()
            assert isinstance(owner, QAbstractItemView)
            owner.scrollTo(owner.model().index(0, header.logicalIndex(header.visualIndex(section))))
            x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        QTest.mouseClick(
            header.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(max(1, x), header.height() // 2),
        )
        return f"header of {_label(header.parent())} section {section}"  # type: ignore[arg-type]

    def _cell(self, views: list[QAbstractItemView]) -> tuple[QAbstractItemView, QModelIndex] | None:
        if not views:
            return None
        view = self.rng.choice(views)
        index = self.rng.choice(self._indexes(view))
        if isinstance(view, QTableView | QTreeView):
            index = index.siblingAtColumn(self.rng.randrange(view.model().columnCount()))
        view.scrollTo(index)
        return (view, index) if view.visualRect(index).isValid() else None

    def double_click(self) -> str | None:
        """Double-click a row or cell; where an editor opens in place, type, then Return or
        Escape."""
        found = self._cell(self._views())
        if found is None:
            return None
        view, index = found
        where = view.visualRect(index).center()
        # A real double click: the first click's press and release, then the second's.
        for click in (QTest.mouseClick, QTest.mouseDClick):
            click(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
        editor = QApplication.focusWidget()
        if not isinstance(
            editor, QLineEdit | QPlainTextEdit | QTextEdit | QComboBox
        ) or not view.isAncestorOf(editor):
            return f"{_label(view)} row {index.row()} column {index.column()}: no editor"
        self.tally.counts["cell edited in place"] += 1
        if isinstance(editor, QComboBox):
            text = "(next choice)"
            QTest.keyClick(editor, Qt.Key.Key_Down)
        else:
            text = self.rng.choice(TEXTS)
            QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            _type(editor, text)
        key = Qt.Key.Key_Return if self.rng.random() < 0.7 else Qt.Key.Key_Escape
        QTest.keyClick(editor, key)
        cell = f"row {index.row()} column {index.column()}"
        return f"{_label(view)} {cell}: typed {text[:20]!r}, {key.name}"

    def context_menu(self) -> str | None:
        """Open a view's own menu (as a right click does) and choose something in it."""
        found = self._cell(
            [
                v
                for v in self._views()
                if v.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
            ]
        )
        if found is None:
            return None
        view, index = found
        where = view.visualRect(index).center()
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where
        )
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, where, view.viewport().mapToGlobal(where)
        )
        QApplication.sendEvent(view.viewport(), event)
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            return f"{_label(view)} row {index.row()}: no menu"
        actions = _menu_actions(menu)
        if not actions:
            menu.close()
            return f"{_label(view)} row {index.row()}: empty menu"
        action = self.rng.choice(actions)
        text = action.text()
        menu.close()
        action.trigger()
        return f"{_label(view)} row {index.row()}: menu {text!r}"

    def combo(self) -> str | None:
        combo = self._pick([c for c in self._visible(QComboBox) if c.count() > 0])
        if not isinstance(combo, QComboBox):
            return None
        if self.rng.random() < 0.5:
            key = self.rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Home, Qt.Key.Key_End])
            QTest.keyClick(combo, key)  # the keyboard changes the choice and reports it
            return f"{_label(combo)} key {key.name}"
        index = self.rng.randrange(combo.count())
        combo.setCurrentIndex(index)  # as a choice made in the popup list
        combo.activated.emit(index)
        return f"{_label(combo)} choose {index}"

    def check(self) -> str | None:
        box = self._pick(self._visible((QCheckBox, QRadioButton)))
        if not isinstance(box, QCheckBox | QRadioButton):
            return None
        box.click()
        return f"{_label(box)} -> {box.isChecked()}"

    def spin(self) -> str | None:
        box = self._pick(self._visible(QAbstractSpinBox))
        if not isinstance(box, QAbstractSpinBox):
            return None
        key = self.rng.choice(
            [Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown]
        )
        QTest.keyClick(box, key)
        return f"{_label(box)} key {key.name}"

    def _text_fields(self) -> list[QWidget]:
        return [
            w
            for w in self._visible((QLineEdit, QPlainTextEdit, QTextEdit))
            if not w.isReadOnly()  # type: ignore[attr-defined]
            and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)
        ]

    def _finish(self, field_widget: QWidget) -> str:
        """Leave the field as a person would: Return (one-line fields) or moving away."""
        how = self.rng.random()
        if isinstance(field_widget, QLineEdit) and how < 0.4:
            QTest.keyClick(field_widget, Qt.Key.Key_Return)
            return "Return"
        if how < 0.85:
            self.workspace().navigation.setFocus()
            return "moved away"
        return "left in the field"

    def type_text(self) -> str | None:
        target = self._pick(self._text_fields())
        if target is None:
            return None
        target.setFocus()
        if self.rng.random() < 0.5:
            QTest.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        text = self.rng.choice(TEXTS)
        _type(target, text)
        return f"{_label(target)} typed {text[:20]!r}, {self._finish(target)}"

    def clear_text(self) -> str | None:
        fields = [
            w
            for w in self._text_fields()
            if (w.text() if isinstance(w, QLineEdit) else w.toPlainText())  # type: ignore[attr-defined]
        ]
        target = self._pick(fields)
        if target is None:
            return None
        target.setFocus()
        QTest.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(target, Qt.Key.Key_Delete)
        return f"{_label(target)} cleared, {self._finish(target)}"

    def button(self) -> str | None:
        buttons = [
            b
            for b in self._visible((QPushButton, QToolButton))
            if isinstance(b, QAbstractButton)
            and not FORBIDDEN.search(b.text().replace("&", ""))
            and not FORBIDDEN.search(b.accessibleName())
            and not isinstance(b.parent(), QTabBar)  # its scroll arrows
        ]
        button = self._pick(buttons)  # type: ignore[arg-type]
        if not isinstance(button, QAbstractButton):
            return None
        label = _label(button)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        return f"{label} clicked"

    def undo(self) -> str | None:
        action = self.window.undo_action
        if not action.isEnabled():
            return None
        text = action.text()
        action.trigger()
        return text

    def redo(self) -> str | None:
        action = self.window.redo_action
        if not action.isEnabled():
            return None
        text = action.text()
        action.trigger()
        return text


# -- the window, as the application starts it ---------------------------------------------------
@pytest.fixture
def crashes(
    message_boxes: list[Shown], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], list[str]]]:
    """Every crash notice and every exception that reached sys.excepthook, as text."""
    escaped: list[str] = []

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        escaped.append("".join(traceback.format_exception(kind, error, tb)))

    monkeypatch.setattr(sys, "excepthook", hook)
    errors: list[str] = []

    def report(error: BaseException) -> str:
        # The log keeps only the safe report; the failure message shows the whole traceback.
        errors.append("".join(traceback.format_exception(error)))
        return safe_report(error)

    monkeypatch.setattr(ui.errors, "safe_report", report)

    def cancelled(*args: object, **kwargs: object) -> tuple[str, str]:
        return "", ""  # the reviewer cancels every file dialog

    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(cancelled))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    answers = random.Random(99)

    def question(parent: QWidget | None, title: str, text: str, *args: object) -> object:
        message_boxes.append(Shown("question", title, text))
        yes = answers.random() < 0.5  # deleting and removing get exercised too (and undone)
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))

    def found() -> list[str]:
        notices = [m for m in message_boxes if m.title == CRASH_TITLE]
        shown = [f"crash notice after:\n{text}" for text in errors] if notices else []
        return shown + [f"exception:\n{text}" for text in escaped]

    yield found


def _window_on(qtbot, paths: AppPaths, path: Path, passphrase: str) -> MainWindow:  # type: ignore[no-untyped-def]
    """Start the window as `reviewer-app FILE` does, and unlock `path` through its dialog."""
    files = build_review_files(paths, KeyringStore(NoKeyring()))
    window = start(
        ReviewSessionFiles(files),
        paths=paths,
        open_path=path,
        demo=False,
        runner=ImmediateTaskRunner(),
        library=build_learning_library(paths, files.keyring),
    )
    qtbot.addWidget(window)
    window.resize(1366, 800)  # a common laptop screen, as in the user guide's screenshots
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(UnlockDialog)))
    unlock = next(d for d in window.findChildren(UnlockDialog) if d.isVisible())
    unlock.passphrase.setText(passphrase)
    unlock.ok.click()
    qtbot.waitUntil(lambda: window.workspace is not None)
    # A file made outside the window has not shown its recovery code yet: the window shows it
    # once, on the first unlock, and it is kept before anything else.
    for code in window.findChildren(RecoveryCodeDialog):
        if code.isVisible():
            _keep_the_code(code)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def _run(
    window: MainWindow,
    name: str,
    crashes: Callable[[], list[str]],
    capsys: pytest.CaptureFixture[str],
) -> Tally:
    started = time.monotonic()
    seed = int(os.environ.get("MONKEY_SEED", SEEDS[name]))
    count = int(os.environ.get("MONKEY_ACTIONS", ACTIONS[name]))
    monkey = Monkey(window, random.Random(seed), crashes, f"{name} review, seed {seed}")
    tally = monkey.run(count)
    seconds = time.monotonic() - started
    counts = ", ".join(
        f"{kind} {tally.counts[kind]}" for kind in [*WEIGHTS, "cell edited in place"]
    )
    dialogs = ", ".join(f"{kind} {n}" for kind, n in sorted(tally.dialogs.items()))
    with capsys.disabled():  # shown in every run's output, not only when the test fails
        print(
            f"\nmonkey on the {name} review (seed {seed}): {monkey.step_number} actions in "
            f"{seconds:.1f} s ({counts}); dialogs cancelled: {dialogs or 'none'}"
        )
    assert tally.sections == {s.key for s in SECTIONS}
    short = {
        kind: tally.counts[kind]
        for kind, least in MINIMUM.items()
        if tally.counts[kind] < least * count // 1000
    }
    assert not short, f"too few actions of these kinds: {short}"
    assert sum(tally.dialogs.values()) >= 3, "no dialogs were opened and cancelled"
    return tally


def test_monkey_on_the_demo_review(
    qtbot,
    app_paths: AppPaths,
    tmp_path: Path,
    crashes: Callable[[], list[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.review"
    files = build_review_files(app_paths, KeyringStore(NoKeyring()))
    create_demo(files, path, entries=DEMO_ENTRIES).review.close()
    window = _window_on(qtbot, app_paths, path, DEMO_PASSPHRASE)
    _run(window, "demo", crashes, capsys)
    window.close()


def test_monkey_on_a_new_empty_review(
    qtbot,
    app_paths: AppPaths,
    tmp_path: Path,
    crashes: Callable[[], list[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "empty.review"
    new_review(path, app_paths, title="A new review").close()
    window = _window_on(qtbot, app_paths, path, PASSPHRASE)
    _run(window, "empty", crashes, capsys)
    window.close()
