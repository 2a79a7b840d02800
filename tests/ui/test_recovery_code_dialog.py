"""The recovery code dialog: shown once, printable, and not closed until a copy is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from tests.helpers.platforms import assert_owner_only
from tests.helpers.reviews import recovery_code_for_tests
from ui.recovery_code_dialog import RecoveryCodeDialog, display_lines


@pytest.fixture
def dialog(qtbot) -> RecoveryCodeDialog:  # type: ignore[no-untyped-def]
    made = RecoveryCodeDialog(recovery_code_for_tests(), file_name="review-2026-01.review")
    qtbot.addWidget(made)
    made.show()
    return made


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_code_is_shown_in_a_large_selectable_monospace_font(dialog: RecoveryCodeDialog) -> None:
    label = dialog.code_label
    assert label.text().replace("\n", "-") == dialog.code
    assert (
        label.font().fixedPitch() or label.font().styleHint() == label.font().StyleHint.TypeWriter
    )
    assert label.font().pointSizeF() >= 16
    flags = label.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert "away from this computer" in " ".join(w.text() for w in dialog.findChildren(type(label)))


def test_it_cannot_be_closed_until_a_copy_is_kept(qtbot, dialog: RecoveryCodeDialog) -> None:
    assert not dialog.close_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    dialog.close()
    assert dialog.isVisible()

    qtbot.keyClick(dialog.kept, Qt.Key.Key_Space)
    assert dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_save_as_pdf_writes_the_code_and_the_file_name(
    dialog: RecoveryCodeDialog, tmp_path: Path
) -> None:
    target = tmp_path / "code"
    dialog.choose_pdf_path = lambda: target
    dialog.save_pdf.click()
    saved = tmp_path / "code.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert_owner_only(saved)
    text = pdf_text(saved)
    for line in display_lines(dialog.code):
        assert line in text
    assert "review-2026-01.review" in text
    assert dialog.outcome.isVisible() and str(saved) in dialog.outcome.text()


def test_a_pdf_that_cannot_be_saved_is_reported(dialog: RecoveryCodeDialog, tmp_path: Path) -> None:
    dialog.choose_pdf_path = lambda: tmp_path / "no-such-folder" / "code.pdf"
    dialog.save_pdf.click()
    assert dialog.error.isVisible()
    assert "could not be saved" in dialog.error.text()


def test_print_sends_the_page_to_the_chosen_printer(
    dialog: RecoveryCodeDialog, tmp_path: Path
) -> None:
    printed = tmp_path / "printer-output.pdf"

    def choose_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    dialog.choose_printer = choose_printer
    dialog.print_button.click()
    assert display_lines(dialog.code)[0] in pdf_text(printed)
    assert dialog.outcome.text() == "Sent to the printer."


def test_cancelling_the_print_dialog_prints_nothing(dialog: RecoveryCodeDialog) -> None:
    dialog.choose_printer = lambda: None
    dialog.print_button.click()
    assert not dialog.outcome.isVisible()
