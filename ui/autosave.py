"""Saving a form as the reviewer works, so there is no Save button to forget (DESIGN.md, 1.2).

Typing is saved once the reviewer pauses (about a second) or leaves the field; a choice or a
tick is saved at once. `flush()` saves whatever is still waiting, at once: pages call it before
they show something else, when they are hidden, and before they are blanked (locking, closing).

The form's own code fills the fields inside `loading()`, so only the reviewer's changes count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

#: How long typing must pause before it is saved.
TYPING_PAUSE_MS = 1000


class AutoSave(QObject):
    """Calls `commit` when the reviewer's changes to a form should be saved.

    `commit` returns False when something in the form cannot be saved yet (it shows why, beside
    the form, and leaves the text where it is); the changes then stay waiting.
    """

    #: True while changes wait to be saved, False once they are.
    waiting_changed = Signal(bool)

    def __init__(
        self, commit: Callable[[], bool], parent: QObject, *, pause_ms: int = TYPING_PAUSE_MS
    ) -> None:
        super().__init__(parent)
        self._commit = commit
        self._loading = 0
        self._touched = False
        self._flushing = False
        #: Goes up each time the reviewer leaves a field or the form shows something else:
        #: saves within one session of typing in one field merge into one undo step.
        self.session = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self.flush)
        self._pause_ms = pause_ms
        self._widgets: list[QWidget] = []

    # -- what to watch -------------------------------------------------------------------------
    def watch(self, *widgets: QWidget) -> None:
        """Save changes the reviewer makes in these fields (other kinds of widget are ignored)."""
        for widget in widgets:
            self._widgets.append(widget)
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                if not widget.isReadOnly():
                    widget.textChanged.connect(self._typed)
                    widget.installEventFilter(self)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._chosen)
            elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                widget.toggled.connect(self._chosen)
            elif isinstance(widget, QListWidget):
                widget.itemChanged.connect(self._chosen)
            else:
                changed = getattr(widget, "changed", None)  # a compound field (entry picker)
                if isinstance(changed, SignalInstance):
                    changed.connect(self._chosen)

    def values(self) -> tuple[object, ...]:
        """What the watched fields hold now (to tell whether a form is as it was)."""
        self._widgets = [w for w in self._widgets if shiboken6.isValid(w)]
        found: list[object] = []
        for widget in self._widgets:
            if widget.parent() is None:
                continue  # a field made for one item only, on its way out
            if isinstance(widget, QLineEdit):
                found.append(widget.text())
            elif isinstance(widget, QPlainTextEdit):
                found.append(widget.toPlainText())
            elif isinstance(widget, QComboBox):
                found.append(widget.currentIndex())
            elif isinstance(widget, QAbstractButton):
                found.append(widget.isChecked())
            elif isinstance(widget, QListWidget):
                items = (widget.item(n) for n in range(widget.count()))
                found.append(tuple(i.checkState().value for i in items if i is not None))
            else:
                chosen = getattr(widget, "chosen", None)
                found.append(chosen() if callable(chosen) else None)
        return tuple(found)

    def texts(self) -> tuple[str | None, ...]:
        """The text of each watched text field (None for other kinds), in the order watched: to
        keep what cannot be saved in memory across a lock, and `put_back` afterwards."""
        self._widgets = [w for w in self._widgets if shiboken6.isValid(w)]
        return tuple(_text_of(w) for w in self._widgets)

    def put_back(self, texts: tuple[str | None, ...]) -> None:
        """Type `texts` into the text fields again, as the reviewer had them (then `flush`
        says what still cannot be saved)."""
        self._widgets = [w for w in self._widgets if shiboken6.isValid(w)]
        for widget, text in zip(self._widgets, texts, strict=False):
            if text is None or _text_of(widget) == text:
                continue
            if isinstance(widget, QLineEdit):
                widget.setText(text)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(text)

    @contextmanager
    def loading(self) -> Iterator[None]:
        """The form is being filled by the page, not by the reviewer: nothing to save."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    # -- the reviewer's changes ----------------------------------------------------------------
    @property
    def touched(self) -> bool:
        """Whether the form holds changes not yet in the file."""
        return self._touched

    def _touch(self) -> None:
        if not self._touched:
            self._touched = True
            self.waiting_changed.emit(True)

    def _typed(self, *_args: object) -> None:
        if self._loading:
            return
        self._touch()
        self._timer.start(self._pause_ms)

    def _chosen(self, *_args: object) -> None:
        if self._loading:
            return
        self._touch()
        # Saved from the event loop, straight after: not from inside the widget's own signal,
        # because saving refreshes the page and may rebuild the very list that emitted it.
        self._timer.start(0)

    def note_change(self) -> None:
        """The page changed the form for the reviewer (a button filled a field): save it."""
        self._chosen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._touched and not self._loading:
            self.end_session()
            self.flush()
        return False

    def end_session(self) -> None:
        """The reviewer left the field (or the page): what they type next is a new step."""
        self.session += 1

    # -- saving --------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Save any waiting change now; True if nothing is left unsaved."""
        self._timer.stop()
        if not self._touched or self._flushing:
            return not self._touched
        self._flushing = True
        try:
            saved = self._commit()
        finally:
            self._flushing = False
        if saved:
            self._settle()
        return saved

    def reset(self) -> None:
        """The form was filled afresh from the file: nothing waits, and typing starts anew."""
        self._timer.stop()
        self.session += 1
        self._settle()

    def _settle(self) -> None:
        if self._touched:
            self._touched = False
            self.waiting_changed.emit(False)


def _text_of(widget: QWidget) -> str | None:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    return None


def leave_anyway(parent: QWidget, noun: str, problem: str, *, new: bool) -> bool:
    """Ask whether to leave a form that holds something that cannot be saved (No: stay)."""
    if new:
        text = f"This new {noun} cannot be saved yet:\n\n{problem}\n\nLeave it anyway? "
        text += "What you typed in it will be lost."
    else:
        text = f"Not everything typed here can be saved:\n\n{problem}\n\nLeave it anyway? "
        text += "That will be lost; everything else is saved."
    answer = QMessageBox.question(
        parent,
        f"Leave this {noun}?",
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
