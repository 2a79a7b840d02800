"""Editing the review's details: type, board, method, stage, scope, terms of reference, and
the lead reviewer and circulation the report's title page gives."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.errors import InvalidInputError
from reviewer_app.review import (
    Methodology,
    ProtectiveMarking,
    ReviewStatus,
    ReviewType,
    ScopePeriod,
)
from reviewer_app.services.review_details import ReviewFacts
from ui.style import inline_error_label, show_inline
from ui.uk_dates import parse_day, uk


def _combo(options: list[tuple[str, str]], current: str, name: str) -> QComboBox:
    combo = QComboBox()
    for value, label in options:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.setAccessibleName(name)
    return combo


class DetailsDialog(QDialog):
    """On accept, `result_facts` holds the edited facts (nothing is saved by the dialog)."""

    def __init__(self, facts: ReviewFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review details")
        self._facts = facts
        self.result_facts: ReviewFacts | None = None
        d = facts.details

        self.title_edit = QLineEdit(d.title)
        self.title_edit.setAccessibleName("Title")
        self.type_combo = _combo(
            [(t.value, t.label) for t in ReviewType], d.review_type, "Review type"
        )
        self.board_edit = QLineEdit(d.board)
        self.board_edit.setAccessibleName("Safeguarding partnership or board")
        self.method_combo = _combo(
            [(m.value, m.label) for m in Methodology], d.methodology, "Methodology"
        )
        self.status_combo = _combo([(s.value, s.label) for s in ReviewStatus], d.status, "Stage")
        self.marking_combo = _combo(
            [(m.value, m.value) for m in ProtectiveMarking], d.marking, "Protective marking"
        )
        self.scope_start = QLineEdit(uk(d.scope.start if d.scope else None))
        self.scope_start.setPlaceholderText("dd/mm/yyyy")
        self.scope_start.setAccessibleName("Period under review: from")
        self.scope_end = QLineEdit(uk(d.scope.end if d.scope else None))
        self.scope_end.setPlaceholderText("dd/mm/yyyy")
        self.scope_end.setAccessibleName("Period under review: to")
        self.dob_edit = QLineEdit(uk(facts.child_date_of_birth))
        self.dob_edit.setPlaceholderText("dd/mm/yyyy")
        self.dob_edit.setAccessibleName("Child's date of birth")
        self.dob_edit.setToolTip("Used to show the child's age at every chronology entry.")
        self.lead_edit = QLineEdit(d.lead_reviewer)
        self.lead_edit.setAccessibleName("Lead reviewer")
        self.lead_edit.setToolTip("The lead reviewer's name, as the report's title page gives it.")
        self.circulation_edit = QLineEdit(d.circulation)
        self.circulation_edit.setAccessibleName("Circulation of the draft report")
        self.circulation_edit.setPlaceholderText("Members of the review panel")
        self.circulation_edit.setToolTip(
            "Who the draft report goes to, for its document control (an internal working draft "
            "always says it is not for circulation)."
        )
        self.terms = QPlainTextEdit(d.terms_of_reference)
        self.terms.setAccessibleName("Terms of reference")
        self.terms.setTabChangesFocus(True)
        self.terms.setMinimumHeight(160)

        form = QFormLayout()
        for label, field in (
            ("&Title:", self.title_edit),
            ("T&ype:", self.type_combo),
            ("&Partnership or board:", self.board_edit),
            ("&Methodology:", self.method_combo),
            ("&Stage:", self.status_combo),
            ("Protective mar&king:", self.marking_combo),
            ("Period under review &from:", self.scope_start),
            ("Period under review t&o:", self.scope_end),
            ("Child's &date of birth:", self.dob_edit),
            ("&Lead reviewer:", self.lead_edit),
            ("Circ&ulation of the report:", self.circulation_edit),
            ("Terms of &reference:", self.terms),
        ):
            text = QLabel(label)
            text.setBuddy(field)
            form.addRow(text, field)

        self.problem = inline_error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(640, 680)

    def _read(self) -> ReviewFacts:
        start = parse_day(self.scope_start.text(), "start of the period under review")
        end = parse_day(self.scope_end.text(), "end of the period under review")
        if (start is None) != (end is None):
            raise InvalidInputError("Give both ends of the period under review, or neither.")
        scope = ScopePeriod(start, end) if start and end else None
        details = self._facts.details.with_changes(
            title=self.title_edit.text().strip(),
            review_type=ReviewType(self.type_combo.currentData()),
            board=self.board_edit.text().strip(),
            methodology=Methodology(self.method_combo.currentData()),
            status=ReviewStatus(self.status_combo.currentData()),
            marking=ProtectiveMarking(self.marking_combo.currentData()),
            scope=scope,
            terms_of_reference=self.terms.toPlainText(),
            lead_reviewer=self.lead_edit.text().strip(),
            circulation=self.circulation_edit.text().strip(),
        )
        dob = parse_day(self.dob_edit.text(), "child's date of birth")
        return ReviewFacts(details, dob)

    def _try_accept(self) -> None:
        try:
            self.result_facts = self._read()
        except InvalidInputError as problem:
            show_inline(self.problem, str(problem))
            return
        self.accept()
