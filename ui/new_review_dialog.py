"""The form that creates a new, encrypted review file."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import InvalidInputError, UserFacingError
from reviewer_app.locations import Location, classify, folder_for_new_reviews
from reviewer_app.review import Methodology, Review, ReviewType, ScopePeriod
from ui.location_warning import LocationNotice
from ui.passphrase_fields import PassphraseFields
from ui.style import heading, inline_error_label, notice_label, show_inline, size_to_content
from ui.tasks import TaskRunner
from ui.uk_dates import parse_day
from ui.working_dialog import WorkingDialog

if TYPE_CHECKING:  # only for annotations: the services load when a review opens
    from reviewer_app.services.open_review import CreatedSession, ReviewSessions

log = logging.getLogger(__name__)

SUFFIX = ".review"
FILE_FILTER = "Reviews (*.review)"


def with_review_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def new_reviews_folder() -> str:
    """Where saving a new review starts: Documents, unless OneDrive, iCloud or a network drive
    has it; then "SCR Reviews" in the home folder, on this computer (made if need be)."""
    documents = documents_folder()
    try:
        chosen = Path(folder_for_new_reviews(documents))
        if chosen != Path(documents):
            chosen.mkdir(exist_ok=True)
        return str(chosen)
    except OSError:
        log.info("the folder for new reviews could not be made; starting in Documents")
        return documents


class NewReviewDialog(WorkingDialog):
    """Collects a review's details, a passphrase and a file location, then creates the file.

    `choose_path` asks where to save; tests replace it. After `accepted`, `created` holds the
    open review and its recovery code.
    """

    def __init__(self, files: ReviewSessions, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__("Creating the review and turning the passphrase into a key…", parent)
        self.files = files
        self.runner = runner
        self.created: CreatedSession | None = None
        self.path: Path | None = None
        self.choose_path = self._ask_for_path
        #: Where a path is kept (on this computer, synced, on a network drive); tests replace it.
        self.locate: Callable[[Path], Location] = classify
        self._busy = False

        self.setWindowTitle("New review")
        self.setMinimumWidth(560)

        intro = QLabel(
            "Everything you enter here is kept inside one encrypted review file. Only the "
            "file's name and folder can be seen without the passphrase."
        )
        intro.setWordWrap(True)

        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("For example, Child Q or Review 2026/03")

        self.review_type = QComboBox()
        self.review_type.setAccessibleName("Type of review")
        for kind in ReviewType:
            self.review_type.addItem(kind.label, kind)

        self.board = QLineEdit()
        self.board.setObjectName("board")
        self.board.setAccessibleName("Safeguarding partnership or board")
        self.board.setPlaceholderText("The partnership that commissioned the review")

        self.lead_reviewer = QLineEdit()
        self.lead_reviewer.setObjectName("leadReviewer")
        self.lead_reviewer.setAccessibleName("Lead reviewer")
        self.lead_reviewer.setPlaceholderText("Your name, as the report's title page gives it")

        self.methodology = QComboBox()
        self.methodology.setAccessibleName("Methodology")
        for method in Methodology:
            self.methodology.addItem(method.label, method)

        self.scope_start = QLineEdit()
        self.scope_start.setObjectName("scopeStart")
        self.scope_start.setAccessibleName("Period under review: from")
        self.scope_start.setPlaceholderText("dd/mm/yyyy (can be added later)")
        self.scope_end = QLineEdit()
        self.scope_end.setObjectName("scopeEnd")
        self.scope_end.setAccessibleName("Period under review: to")
        self.scope_end.setPlaceholderText("dd/mm/yyyy")
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_start)
        to_label = QLabel("t&o")
        to_label.setBuddy(self.scope_end)
        scope_row.addWidget(to_label)
        scope_row.addWidget(self.scope_end)
        self.scope_problem = inline_error_label()
        self.terms = QPlainTextEdit()
        self.terms.setObjectName("termsOfReference")
        self.terms.setAccessibleName("Terms of reference")
        self.terms.setPlaceholderText(
            "Optional now: key lines of enquiry, agencies, methodology, governance, family and "
            "practitioner involvement (you can write or change them later)"
        )
        self.terms.setTabChangesFocus(True)
        self.terms.setFixedHeight(self.terms.fontMetrics().lineSpacing() * 4 + 14)

        details = QFormLayout()
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        details.addRow("&Title", self.title)
        details.addRow("T&ype of review", self.review_type)
        details.addRow("&Board or partnership", self.board)
        details.addRow("Lea&d reviewer (optional)", self.lead_reviewer)
        details.addRow("&Methodology", self.methodology)
        scope_label = QLabel("Period under re&view")
        scope_label.setBuddy(self.scope_start)
        details.addRow(scope_label, scope_row)
        details.addRow("", self.scope_problem)
        details.addRow("Terms of re&ference", self.terms)

        secrets_intro = QLabel(
            "You will type this passphrase to open the review. Once the file is made, you "
            "will be shown a recovery code to print, in case the passphrase is forgotten."
        )
        secrets_intro.setWordWrap(True)
        secrets = QFormLayout()
        secrets.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.passphrase = PassphraseFields(
            secrets,
            user_inputs=lambda: (
                self.title.text(),
                self.board.text(),
                self.lead_reviewer.text(),
                self.location.text(),
            ),
            parent=self,
        )

        keyring = files.keyring_status()
        self._keyring_available = keyring.available
        self.remember = QCheckBox("R&emember on this computer")
        self.remember.setAccessibleName("Remember the passphrase on this computer")
        self.remember.setToolTip(
            "Keep the key in this computer's secure keyring, so this review opens without the "
            "passphrase when you are signed in here. The passphrase still works anywhere."
        )
        secrets.addRow("", self.remember)
        self.keyring_notice = notice_label(keyring.notice)
        self.keyring_notice.setObjectName("keyringNotice")
        if not keyring.available:
            self.remember.setEnabled(False)
            self.remember.setToolTip(keyring.notice)
            secrets.addRow("", self.keyring_notice)
        else:
            self.keyring_notice.hide()

        self.location = QLineEdit()
        self.location.setReadOnly(True)
        self.location.setObjectName("location")
        self.location.setAccessibleName("File location")
        self.location.setPlaceholderText("Not chosen yet")
        self.choose = QPushButton("C&hoose…")
        self.choose.setAccessibleName("Choose where to save the review file")
        self.choose.clicked.connect(self._choose_location)
        location_row = QHBoxLayout()
        location_row.addWidget(self.location, 1)
        location_row.addWidget(self.choose)
        location_hint = QLabel(
            "Anyone who can see your folders can read a file's name, so leave children's and "
            "families' names out of it."
        )
        location_hint.setWordWrap(True)
        location_form = QFormLayout()
        location_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        location_form.addRow("&Location", location_row)
        location_label = location_form.labelForField(location_row)
        if isinstance(location_label, QLabel):
            location_label.setBuddy(self.location)
        location_form.addRow("", location_hint)
        self.location_notice = LocationNotice(self)
        self.location_notice.choose_local.connect(self._choose_location)
        location_form.addRow("", self.location_notice)

        self.buttons = QDialogButtonBox(self)  # parented now, so setDefault() below takes
        self.ok = self.buttons.addButton("C&reate review", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading("New review", 1.4))
        layout.addWidget(intro)
        layout.addLayout(details)
        layout.addWidget(heading("Locking the file", 1.15))
        layout.addWidget(secrets_intro)
        layout.addLayout(secrets)
        layout.addWidget(heading("Where to keep the file", 1.15))
        layout.addLayout(location_form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        for first, second in (
            (self.title, self.review_type),
            (self.review_type, self.board),
            (self.board, self.lead_reviewer),
            (self.lead_reviewer, self.methodology),
            (self.methodology, self.scope_start),
            (self.scope_start, self.scope_end),
            (self.scope_end, self.terms),
            (self.terms, self.passphrase.passphrase),
            (self.passphrase.passphrase, self.passphrase.confirm),
            (self.passphrase.confirm, self.passphrase.show_text),
            (self.passphrase.show_text, self.remember),
            (self.remember, self.choose),
            (self.choose, self.ok),
            (self.ok, self.cancel),
        ):
            QWidget.setTabOrder(first, second)

        self.title.textChanged.connect(self._update)
        self.scope_start.textChanged.connect(self._update)
        self.scope_end.textChanged.connect(self._update)
        self.passphrase.changed.connect(self._update)
        self._update()
        self.title.setFocus()
        size_to_content(self)

    # -- reading the form ----------------------------------------------------------------------

    def scope(self) -> ScopePeriod | None:
        """The period under review from the two fields; both or neither must be given."""
        start = parse_day(self.scope_start.text(), "start of the period under review")
        end = parse_day(self.scope_end.text(), "end of the period under review")
        if (start is None) != (end is None):
            raise InvalidInputError("Give both ends of the period under review, or neither.")
        return ScopePeriod(start, end) if start and end else None

    def _scope_problem(self) -> str:
        try:
            self.scope()
        except InvalidInputError as problem:
            return str(problem)
        return ""

    def review_details(self) -> Review:
        return Review(
            title=self.title.text().strip(),
            # Qt hands enum data back as plain strings; turn them into the enums again.
            review_type=ReviewType(self.review_type.currentData()),
            board=self.board.text().strip(),
            methodology=Methodology(self.methodology.currentData()),
            scope=self.scope(),
            lead_reviewer=self.lead_reviewer.text().strip(),
            terms_of_reference=self.terms.toPlainText().strip(),
        )

    def can_create(self) -> bool:
        return (
            bool(self.title.text().strip())
            and self.passphrase.is_acceptable()
            and (self.path is not None)
            and not self._scope_problem()
        )

    def _update(self) -> None:
        problem = self._scope_problem()
        typed = self.scope_start.text().strip() and self.scope_end.text().strip()
        show_inline(self.scope_problem, problem if typed or "not a date" in problem else "")
        self.ok.setEnabled(self.can_create() and not self._busy)

    # -- choosing the file ---------------------------------------------------------------------
    def _ask_for_path(self) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Where to keep the new review", new_reviews_folder(), FILE_FILTER
        )
        return Path(chosen) if chosen else None

    def _choose_location(self) -> None:
        chosen = self.choose_path()
        if chosen is None:
            return
        chosen = with_review_suffix(chosen)
        if chosen.exists():
            show_inline(
                self.error,
                f"There is already a file called '{chosen.name}' in that folder. Please choose "
                "another name: SCR Reviewer never writes over an existing file.",
            )
            return
        show_inline(self.error, "")
        self.path = chosen
        self.location.setText(str(chosen))
        self.location.setToolTip(str(chosen))
        self.location_notice.set_location(chosen, self.locate(chosen))
        self._update()
        size_to_content(self)

    # -- creating ------------------------------------------------------------------------------
    def accept(self) -> None:
        if self._busy or not self.can_create():
            return
        assert self.path is not None
        try:
            details = self.review_details()
        except UserFacingError as error:
            show_inline(self.error, str(error))
            return
        path, passphrase, remember = self.path, self.passphrase.text(), self.remember.isChecked()
        remember = remember and self.remember.isEnabled()
        self._set_busy(True)
        self.runner.start(
            lambda: self.files.create(path, details, passphrase, remember=remember),
            self._created,
            self._failed,
        )

    def _created(self, created: CreatedSession) -> None:
        self._set_busy(False)
        self.created = created
        self.passphrase.clear()
        super().accept()

    def _inputs(self) -> list[QWidget]:
        return [
            self.title,
            self.review_type,
            self.board,
            self.lead_reviewer,
            self.methodology,
            self.scope_start,
            self.scope_end,
            self.terms,
            self.choose,
            self.location_notice,
            self.cancel,
        ]

    def _set_inputs_enabled(self, enabled: bool) -> None:
        super()._set_inputs_enabled(enabled)
        self.passphrase.set_enabled(enabled)
        self.remember.setEnabled(enabled and self._keyring_available)
