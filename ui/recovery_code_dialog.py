"""Shows a review's recovery code once, with ways to print it or save it as a PDF."""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.style import heading, inline_error_label, monospace_font, show_inline, size_to_content

GROUPS_PER_LINE = 7


def display_lines(code: str) -> list[str]:
    """The code in lines of a few groups, so it reads (and prints) without wrapping."""
    groups = code.split("-")
    if len(groups) == 1:
        return [code]
    return [
        "-".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)
    ]


ADVICE = (
    "Print it or write it down, and keep it somewhere safe away from this computer, such as a "
    "locked drawer. Anyone who has both this code and the review file can read the review."
)


class RecoveryCodeDialog(QDialog):
    """The code is shown only here; the reviewer must confirm they kept a copy to close it.

    `choose_pdf_path` and `choose_printer` ask the reviewer where to save or print; tests
    replace them.
    """

    def __init__(
        self,
        code: str,
        *,
        file_name: str,
        replaces_previous: bool = False,
        never_shown: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.code = code
        self.file_name = file_name
        self.choose_pdf_path: Callable[[], Path | None] = self._ask_for_pdf_path
        self.choose_printer: Callable[[], QPrinter | None] = self._ask_for_printer
        self.setWindowTitle("Recovery code")
        self.setMinimumWidth(640)

        intro_text = (
            f"If the passphrase is ever forgotten, this code is the only other way into "
            f"'{file_name}'. SCR Reviewer shows it only this once."
        )
        if replaces_previous:
            intro_text += " It replaces the previous recovery code, which no longer works."
        if never_shown:
            intro_text = (
                f"This is the recovery code that opens '{file_name}' now. It was never shown: "
                "the last change of passphrase (or the making of the review) was interrupted "
                "before it could be. If the passphrase is ever forgotten, this code is the only "
                "other way in."
            )
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)

        self.code_label = QLabel("\n".join(display_lines(code)))
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label.setFont(monospace_font(18))
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.code_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.code_label.setAccessibleName("Recovery code")
        self.code_label.setAccessibleDescription(" ".join(code.split("-")))
        self.code_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.code_label.setContentsMargins(16, 16, 16, 16)

        advice = QLabel(ADVICE)
        advice.setWordWrap(True)

        self.save_pdf = QPushButton("Save as &PDF…")
        self.save_pdf.setAccessibleName("Save the recovery code as a PDF")
        self.save_pdf.clicked.connect(self._save_pdf)
        self.print_button = QPushButton("P&rint…")
        self.print_button.setAccessibleName("Print the recovery code")
        self.print_button.clicked.connect(self._print)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_pdf)
        actions.addStretch(1)

        pdf_note = QLabel(
            "A saved PDF holds the code unencrypted: once it is printed or stored safely, "
            "delete it from this computer."
        )
        pdf_note.setWordWrap(True)

        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.hide()
        self.error = inline_error_label()

        self.kept = QCheckBox("I have &kept a copy of this code somewhere safe")
        self.kept.setAccessibleName("I have kept a copy of this code somewhere safe")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText("&Close")
        self.close_button.setEnabled(False)
        self.close_button.setDefault(True)
        self.kept.toggled.connect(self.close_button.setEnabled)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading("Your recovery code", 1.4))
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        layout.addWidget(advice)
        layout.addLayout(actions)
        layout.addWidget(pdf_note)
        layout.addWidget(self.outcome)
        layout.addWidget(self.error)
        layout.addWidget(self.kept)
        layout.addWidget(self.buttons)
        self.code_label.setFocus()
        size_to_content(self)

    def reject(self) -> None:
        # Escape and the window's close button do nothing until a copy has been kept.
        if self.kept.isChecked():
            super().reject()
        else:
            self.kept.setFocus()

    # -- the printable page --------------------------------------------------------------------
    def document(self) -> QTextDocument:
        today = dt.date.today().strftime("%d/%m/%Y")
        code_html = "<br>".join(html.escape(line) for line in display_lines(self.code))
        page = f"""
            <h1>SCR Reviewer: recovery code</h1>
            <p>Review file: <b>{html.escape(self.file_name)}</b><br>Made on {today}</p>
            <p style="font-family: 'DejaVu Sans Mono', monospace; font-size: 16pt;">
            {code_html}</p>
            <p>If the passphrase is forgotten, choose <i>Use a recovery code instead</i> when
            unlocking the review and type this code (capitals, spaces and dashes do not matter).
            </p>
            <p>{html.escape(ADVICE)}</p>
            <p>Changing the review's passphrase makes a new code, and this one then stops
            working.</p>
        """
        document = QTextDocument()
        document.setHtml(page)
        return document

    def _render(self, printer: QPrinter) -> None:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName("SCR Reviewer recovery code")
        self.document().print_(printer)

    # -- saving and printing -------------------------------------------------------------------
    def _ask_for_pdf_path(self) -> Path | None:
        suggested = str(Path.home() / f"{Path(self.file_name).stem} recovery code.pdf")
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the recovery code as a PDF", suggested, "PDF documents (*.pdf)"
        )
        return Path(chosen) if chosen else None

    def _ask_for_printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def _save_pdf(self) -> None:
        chosen = self.choose_pdf_path()
        if chosen is None:
            return
        if chosen.suffix.lower() != ".pdf":
            chosen = chosen.with_name(chosen.name + ".pdf")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(chosen))
        self._render(printer)
        if not chosen.is_file() or chosen.stat().st_size == 0:
            self._report(
                error=f"The PDF could not be saved as '{chosen}'. Please check that the folder "
                "exists and that you can save files there."
            )
            return
        os.chmod(chosen, 0o600)
        self._report(done=f"Saved as '{chosen}'.")

    def _print(self) -> None:
        printer = self.choose_printer()
        if printer is None:
            return
        self._render(printer)
        self._report(done="Sent to the printer.")

    def _report(self, *, done: str = "", error: str = "") -> None:
        self.outcome.setText(done)
        self.outcome.setVisible(bool(done))
        show_inline(self.error, error)
