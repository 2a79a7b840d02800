"""The new-passphrase fields: the live hint follows zxcvbn, in British English, on every key."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QWidget

from tests.helpers.secrets_watch import PASSPHRASE
from ui.passphrase_fields import PassphraseFields


def make_fields(qtbot, inputs: list[str] | None = None) -> tuple[QWidget, PassphraseFields]:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    form = QFormLayout(widget)
    fields = PassphraseFields(
        form, user_inputs=(lambda: inputs) if inputs is not None else None, parent=widget
    )
    return widget, fields


def type_both(qtbot, fields: PassphraseFields, text: str) -> None:  # type: ignore[no-untyped-def]
    fields.clear()
    qtbot.keyClicks(fields.passphrase, text)
    qtbot.keyClicks(fields.confirm, text)


def test_common_passwords_are_weak_with_british_advice(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, fields = make_fields(qtbot)
    for weak in ("password12", "1234567890", "qwertyuiop", "abcdefghij", "iloveyou12"):
        type_both(qtbot, fields, weak)
        hint = fields.strength.text()
        assert hint.startswith("Strength: Too "), hint
        assert "Add another word or two; unusual words are better." in hint
        assert not fields.is_acceptable()


def test_keyboard_rows_are_named_in_plain_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, fields = make_fields(qtbot)
    type_both(qtbot, fields, "hjkl;poiuy")
    assert "neighbouring keys" in fields.strength.text()


def test_random_words_are_strong(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, fields = make_fields(qtbot)
    type_both(qtbot, fields, PASSPHRASE)
    assert fields.strength.text() == "Strength: Strong."
    assert fields.is_acceptable()


def test_the_title_and_file_name_count_against_the_passphrase(qtbot) -> None:  # type: ignore[no-untyped-def]
    inputs: list[str] = []
    _, fields = make_fields(qtbot, inputs)
    type_both(qtbot, fields, "kestrel avenue marigold 7")
    assert fields.is_acceptable()
    inputs.extend(["Kestrel Avenue Marigold", "kestrel.review"])
    fields.refresh()
    assert not fields.is_acceptable()
    assert "review's title" in fields.strength.text()


def test_a_very_long_passphrase_is_hinted_on_every_keystroke(qtbot) -> None:  # type: ignore[no-untyped-def]
    """zxcvbn refuses input over 72 characters and slows sharply with length: the fields
    must still answer (the cap itself is checked in tests/reviewer_app/test_passphrases.py)."""
    _, fields = make_fields(qtbot)
    qtbot.keyClicks(fields.passphrase, "lantern orchard pebble kettle " * 4)
    assert fields.strength.text() == "Strength: Strong."
