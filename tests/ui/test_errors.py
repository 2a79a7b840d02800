"""The one place errors are shown."""

from __future__ import annotations

import logging
import sys

import pytest

from reviewer_app.errors import WrongPassphraseError
from tests.helpers.secrets_watch import MARKER
from tests.ui.support import Shown
from ui.errors import CRASH_MESSAGE, CRASH_TITLE, install_crash_dialog, show_error


def test_a_user_facing_error_is_shown_with_its_title_and_message(
    qtbot, message_boxes: list[Shown]
) -> None:
    error = WrongPassphraseError("That passphrase does not open 'a.review'.")
    show_error(None, error)
    assert message_boxes == [Shown("warning", error.title, str(error))]


def test_an_unexpected_error_is_logged_and_shown_without_its_text(
    qtbot, message_boxes: list[Shown], caplog: pytest.LogCaptureFixture
) -> None:
    try:
        raise ValueError(f"could not parse {MARKER}")
    except ValueError as error:
        with caplog.at_level(logging.ERROR):
            show_error(None, error)
    assert message_boxes == [Shown("critical", CRASH_TITLE, CRASH_MESSAGE)]
    assert "ValueError (message withheld)" in caplog.text
    assert "test_errors.py" in caplog.text
    assert MARKER not in caplog.text


def test_the_crash_dialog_hook_keeps_the_previous_hook_and_can_be_undone(
    qtbot, message_boxes: list[Shown], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: seen.append(kind))
    previous = install_crash_dialog()
    try:
        error = KeyError(MARKER)
        sys.excepthook(KeyError, error, None)
    finally:
        sys.excepthook = previous
    assert seen == [KeyError]
    assert message_boxes == [Shown("critical", CRASH_TITLE, CRASH_MESSAGE)]
