"""People and agencies: the child and family, practitioners, agencies' returns, identifiers.

Real names are kept beside pseudonyms; the pseudonym register built from this page drives every
export. Three tabs: people (with each person's involvement log), what each agency was asked for
and has returned, and other identifying details of the case (schools, GP practices, places).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer_app.anonymisation.register import IdentifierKind
from reviewer_app.chronology.entry import Agency
from reviewer_app.errors import InvalidInputError
from reviewer_app.people.model import (
    AgencyDetails,
    AgencyInvolvement,
    Identifier,
    InvolvementEvent,
    InvolvementStatus,
    InvolvementStep,
    Person,
    PersonKind,
    Request,
)
from reviewer_app.services.people import AgencyRow, PeopleService
from ui.analysis.fields import (
    check,
    combo,
    date_field,
    line,
    read_date,
    select,
    show_date,
    text_box,
)
from ui.analysis.master_detail import MasterDetailPage
from ui.errors import show_error
from ui.operations import Add, Change, Remove, push, returning
from ui.tasks import TaskRunner
from ui.uk_dates import uk

_IDENTIFIER_LABELS = {
    IdentifierKind.SCHOOL: "School or nursery",
    IdentifierKind.GP_PRACTICE: "GP practice",
    IdentifierKind.ADDRESS: "Address or street",
    IdentifierKind.PLACE: "Place",
    IdentifierKind.OTHER: "Other",
}


@dataclass(frozen=True, slots=True)
class PeopleData:
    people: list[Person]
    agencies: list[Agency]
    involvement: list[InvolvementEvent]


class PeopleList(MasterDetailPage):
    noun = "person"
    title = "People"
    intro = (
        "The child, family members and practitioners. The pseudonym replaces the real name in "
        "every export; record why anyone in the family is not involved."
    )
    empty_text = (
        "No one recorded yet: press New person to add the child, family members and practitioners."
    )

    def __init__(self, service: PeopleService, undo_stack: QUndoStack, runner: TaskRunner) -> None:
        self.service = service
        super().__init__(undo_stack, runner)
        self.list.setAccessibleName("People")
        self.data: PeopleData | None = None
        self.kind = combo("Kind of person", [(k.label, k) for k in PersonKind])
        self.pseudonym = line("Pseudonym", "Mother, Child Q, Health Visitor 1")
        self.real_name = line("Real name")
        self.other_names = line("Other names, separated by commas")
        self.relationship = line("Relationship to the child", "Mother")
        self.subject = check("The child the review is about")
        self.date_of_birth = date_field("Date of birth")
        self.job_title = line("Role", "Health visitor")
        self.agency = combo("Agency", [])
        self.team = line("Team")
        self.language = line("Language")
        self.interpreter = check("Needs an interpreter")
        self.access = text_box("Access needs", 2)
        self.contact = text_box("Contact preferences", 2)
        self.involvement = combo("Involvement", [(s.label, s) for s in InvolvementStatus])
        self.reason = text_box("Reasons if not involved", 2)
        self.address = line("Address")
        self.postcode = line("Postcode")
        self.phone = line("Telephone")
        self.nhs = line("NHS number")
        self.add_row("&Kind", self.kind)
        self.add_row("&Pseudonym", self.pseudonym)
        self.add_row("Real &name", self.real_name)
        self.add_row("&Other names", self.other_names)
        self.add_row("&Relationship", self.relationship)
        self.form.addRow("", self.subject)
        self.autosave.watch(self.subject, self.interpreter)
        self.add_row("Date of &birth", self.date_of_birth)
        self.add_row("Ro&le", self.job_title)
        self.add_row("A&gency", self.agency)
        self.add_row("&Team", self.team)
        self.add_row("Lan&guage", self.language)
        self.form.addRow("", self.interpreter)
        self.add_row("A&ccess needs", self.access)
        self.add_row("Contact pre&ferences", self.contact)
        self.add_row("&Involvement", self.involvement)
        self.add_row("Reasons if not in&volved", self.reason)
        self.add_row("&Address", self.address)
        self.add_row("Post&code", self.postcode)
        self.add_row("Telep&hone", self.phone)
        self.add_row("NHS n&umber", self.nhs)
        self._build_log()

    # -- involvement log --------------------------------------------------------------------
    def _build_log(self) -> None:
        box = QGroupBox("Involvement log")
        box.setAccessibleName("Involvement log")
        layout = QVBoxLayout(box)
        self.log = QTableWidget(0, 4)
        self.log.setHorizontalHeaderLabels(["Step", "Date", "Note", "How it was used"])
        self.log.setAccessibleName("Involvement log")
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log.verticalHeader().setVisible(False)
        self.log.setMinimumHeight(110)
        header = self.log.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.step = combo("Involvement step", [(s.label, s) for s in InvolvementStep])
        self.step_date = date_field("Date of the step")
        self.step_note = line("Note on the step")
        self.how_used = line("How their feedback was used")
        self.add_step = QPushButton("Add to the &log")
        self.add_step.setAccessibleName("Add this step to the involvement log")
        self.add_step.clicked.connect(self.add_log_step)
        self.remove_step = QPushButton("Remove step")
        self.remove_step.setAccessibleName("Remove the selected step from the log")
        self.remove_step.clicked.connect(self.remove_log_step)
        row = QHBoxLayout()
        row.addWidget(self.step)
        row.addWidget(self.step_date)
        row.addWidget(self.step_note, 2)
        row2 = QHBoxLayout()
        row2.addWidget(self.how_used, 2)
        row2.addWidget(self.add_step)
        row2.addWidget(self.remove_step)
        layout.addWidget(self.log)
        layout.addLayout(row)
        layout.addLayout(row2)
        self.log_box = box
        self.form.addRow(box)
        self._events: list[InvolvementEvent] = []

    def _show_log(self, person: Person | None) -> None:
        self.log_box.setEnabled(person is not None and person.id is not None)
        data = self.data
        self._events = [
            e for e in (data.involvement if data else []) if person and e.person_id == person.id
        ]
        self.log.setRowCount(len(self._events))
        for n, event in enumerate(self._events):
            for column, text in enumerate(
                (event.step.label, uk(event.date), event.note, event.how_used)
            ):
                self.log.setItem(n, column, QTableWidgetItem(text))

    def _log_changed(self, _change: Change) -> None:
        self.reload()  # the log is shown again; the form, as the reviewer has it, stays
        self.changed.emit()

    def add_log_step(self) -> None:
        if self.current is None or self.current.id is None:
            return
        try:
            event = InvolvementEvent(
                self.current.id,
                InvolvementStep(self.step.currentData()),
                read_date(self.step_date),
                self.step_note.text().strip(),
                self.how_used.text().strip(),
            )
        except Exception as error:
            show_error(self, error)
            return
        added = push(
            self.undo_stack,
            Add(
                "Add to the involvement log",
                self.service.save_involvement,
                returning(self._remove_event),
                self.service.save_involvement,
                event,
                changed=self._log_changed,
                report=self._report,
            ),
        )
        if added:
            for field in (self.step_date, self.step_note, self.how_used):
                field.clear()

    def _remove_event(self, event: InvolvementEvent) -> None:
        self.service.delete_involvement(event.id or 0)

    def remove_log_step(self) -> None:
        rows = self.log.selectionModel().selectedRows()
        if not rows:
            return
        event = self._events[rows[0].row()]
        push(
            self.undo_stack,
            Remove(
                "Remove from the involvement log",
                returning(self._remove_event),
                self.service.save_involvement,
                event,
                changed=self._log_changed,
                report=self._report,
            ),
        )

    # -- people ---------------------------------------------------------------------------
    def load(self) -> PeopleData:
        people = self.service.people()
        involvement = [
            e for p in people if p.id is not None for e in self.service.involvement(p.id)
        ]
        return PeopleData(people, self.service.agencies(), involvement)

    def loaded(self, data: PeopleData) -> list[Person]:
        self.data = data
        chosen = self.agency.currentData()  # a form kept as typed keeps its agency too
        self.agency.clear()
        self.agency.addItem("No agency", None)
        for agency in data.agencies:
            self.agency.addItem(agency.name, agency.id)
        select(self.agency, chosen)
        return data.people

    def describe(self, item: Person) -> str:
        detail = item.job_title if item.kind is PersonKind.PRACTITIONER else item.relationship
        warning = " · reason not recorded" if item.reason_missing else ""
        return f"{item.pseudonym}\n{item.kind.label}{': ' + detail if detail else ''}{warning}"

    def show_item(self, item: Person | None) -> None:
        select(self.kind, item.kind if item else PersonKind.FAMILY)
        self.pseudonym.setText(item.pseudonym if item else "")
        self.real_name.setText(item.real_name if item else "")
        self.other_names.setText(", ".join(item.other_names) if item else "")
        self.relationship.setText(item.relationship if item else "")
        self.subject.setChecked(bool(item and item.is_subject))
        show_date(self.date_of_birth, item.date_of_birth if item else None)
        self.job_title.setText(item.job_title if item else "")
        select(self.agency, item.agency_id if item else None)
        self.team.setText(item.team if item else "")
        self.language.setText(item.language if item else "")
        self.interpreter.setChecked(bool(item and item.interpreter))
        self.access.setPlainText(item.access_needs if item else "")
        self.contact.setPlainText(item.contact_preferences if item else "")
        select(self.involvement, item.involvement if item else InvolvementStatus.NOT_YET_ASKED)
        self.reason.setPlainText(item.not_involved_reason if item else "")
        self.address.setText(item.address if item else "")
        self.postcode.setText(item.postcode if item else "")
        self.phone.setText(item.phone if item else "")
        self.nhs.setText(item.nhs_number if item else "")

    def show_related(self, item: Person | None) -> None:
        self.state.setText(
            "Record why this person is not involved (Quality Marker 12)."
            if item and item.reason_missing
            else ""
        )
        self._show_log(item)

    def read_form(self, base: Person | None) -> Person:
        agency_id = self.agency.currentData()
        return Person(
            kind=PersonKind(self.kind.currentData()),
            pseudonym=self.text_or_kept(
                self.pseudonym.text().strip(), base.pseudonym if base else None, "The pseudonym"
            ),
            real_name=self.real_name.text().strip(),
            other_names=tuple(n.strip() for n in self.other_names.text().split(",") if n.strip()),
            relationship=self.relationship.text().strip(),
            date_of_birth=self.date_or_kept(
                self.date_of_birth, base.date_of_birth if base else None
            ),
            is_subject=self.subject.isChecked(),
            job_title=self.job_title.text().strip(),
            agency_id=int(agency_id) if agency_id is not None else None,
            team=self.team.text().strip(),
            language=self.language.text().strip(),
            interpreter=self.interpreter.isChecked(),
            access_needs=self.access.toPlainText(),
            contact_preferences=self.contact.toPlainText(),
            involvement=InvolvementStatus(self.involvement.currentData()),
            not_involved_reason=self.reason.toPlainText(),
            address=self.address.text().strip(),
            postcode=self.postcode.text().strip(),
            phone=self.phone.text().strip(),
            nhs_number=self.nhs.text().strip(),
            id=base.id if base else None,
        )

    def save_item(self, item: Person) -> Person:
        return self.service.save_person(item)

    def remove_item(self, item: Person) -> object:
        return self.service.delete_person(item.id or 0)

    def restore_item(self, removal: Any) -> None:
        self.service.restore_person(removal)


class AgencyReturns(MasterDetailPage):
    noun = "agency"
    title = "What agencies were asked for"
    intro = "Records secured, chronologies and agency reports: when asked, when due, when received."
    empty_text = (
        "No agencies yet: import an agency chronology (File menu, Import agency chronology…, "
        "or Ctrl+I). Each agency it adds is listed here, to record what it was asked for and "
        "when it replied."
    )

    def __init__(self, service: PeopleService, undo_stack: QUndoStack, runner: TaskRunner) -> None:
        self.service = service
        super().__init__(undo_stack, runner)
        self.list.setAccessibleName("Agencies")
        self.new_button.hide()
        self.delete_button.hide()
        self.involvement = combo("Agency's involvement", [(i.label, i) for i in AgencyInvolvement])
        self.secured = date_field("Records secured")
        self.contact = line("Contact at the agency")
        self.dates = {
            (what, step): date_field(f"{label} {step}")
            for what, label in (("chronology", "Chronology"), ("report", "Agency report"))
            for step in ("requested", "due", "received")
        }
        self.add_row("&Involvement", self.involvement)
        self.add_row("Records &secured", self.secured)
        self.add_row("&Contact", self.contact)
        for (what, step), field in self.dates.items():
            label = "Chronology" if what == "chronology" else "Agency report"
            self.add_row(f"{label} {step}", field)

    def item_id(self, item: Any) -> int | None:
        found: int | None = item.agency.id
        return found

    def load(self) -> list[AgencyRow]:
        return self.service.agency_rows(dt.date.today())

    def loaded(self, data: list[AgencyRow]) -> list[AgencyRow]:
        return data

    def describe(self, item: AgencyRow) -> str:
        late = (
            f"Overdue: {', '.join(item.overdue)}"
            if item.overdue
            else item.details.involvement.label
        )
        return f"{item.agency.name}\n{late}"

    def show_item(self, item: AgencyRow | None) -> None:
        d = item.details if item else None
        select(self.involvement, d.involvement if d else AgencyInvolvement.FULL)
        show_date(self.secured, d.records_secured if d else None)
        self.contact.setText(d.contact if d else "")
        for (what, step), field in self.dates.items():
            request = (d.chronology if what == "chronology" else d.agency_report) if d else None
            show_date(field, getattr(request, step) if request else None)
        for widget in (self.involvement, self.secured, self.contact, *self.dates.values()):
            widget.setEnabled(item is not None)

    def show_related(self, item: AgencyRow | None) -> None:
        self.state.setText(f"Overdue: {', '.join(item.overdue)}." if item and item.overdue else "")

    def read_form(self, base: AgencyRow | None) -> AgencyRow:
        if base is None or base.agency.id is None:
            raise InvalidInputError("Choose an agency in the list first.")
        stored = base.details

        def request(what: str, kept: Request) -> Request:
            return Request(
                *(
                    self.date_or_kept(self.dates[(what, step)], getattr(kept, step))
                    for step in ("requested", "due", "received")
                )
            )

        details = AgencyDetails(
            base.agency.id,
            AgencyInvolvement(self.involvement.currentData()),
            self.date_or_kept(self.secured, stored.records_secured),
            request("chronology", stored.chronology),
            request("report", stored.agency_report),
            self.contact.text().strip(),
        )
        return AgencyRow(base.agency, details, tuple(details.overdue(dt.date.today())))

    def save_item(self, item: AgencyRow) -> AgencyRow:
        self.service.save_agency_details(item.details)
        return item

    def remove_item(self, item: AgencyRow) -> None:
        # The Delete button is hidden on this tab; should it ever be reached, say where to go.
        raise InvalidInputError(
            "An agency is removed with its imports, on the Agencies and imports page."
        )

    def restore_item(self, removal: Any) -> None:
        """Nothing to restore: agencies are never removed from this tab."""


class Identifiers(MasterDetailPage):
    noun = "identifier"
    title = "Other identifying details"
    intro = (
        "Schools, GP practices, streets and places that could identify the family. Give a "
        'replacement ("the primary school") or leave it empty if it must never appear.'
    )
    empty_text = (
        "No identifying details recorded yet: press New identifier to add a school, GP "
        "practice, street or place that could identify the family."
    )

    def __init__(self, service: PeopleService, undo_stack: QUndoStack, runner: TaskRunner) -> None:
        self.service = service
        super().__init__(undo_stack, runner)
        self.list.setAccessibleName("Identifying details")
        self.kind = combo(
            "Kind of identifier", [(_IDENTIFIER_LABELS[k], k) for k in IdentifierKind]
        )
        self.text = line("Identifying text", "St Anne's Primary School")
        self.replacement = line("Replacement in exports", "the primary school")
        self.add_row("&Kind", self.kind)
        self.add_row("&Text", self.text)
        self.add_row("&Replacement", self.replacement)

    def load(self) -> list[Identifier]:
        return self.service.identifiers()

    def loaded(self, data: list[Identifier]) -> list[Identifier]:
        return data

    def describe(self, item: Identifier) -> str:
        return (
            f"{item.text}\n{_IDENTIFIER_LABELS[item.kind]} → {item.replacement or '(never shown)'}"
        )

    def show_item(self, item: Identifier | None) -> None:
        select(self.kind, item.kind if item else IdentifierKind.SCHOOL)
        self.text.setText(item.text if item else "")
        self.replacement.setText(item.replacement if item else "")

    def read_form(self, base: Identifier | None) -> Identifier:
        return Identifier(
            IdentifierKind(self.kind.currentData()),
            self.text_or_kept(self.text.text().strip(), base.text if base else None, "The text"),
            self.replacement.text().strip(),
            base.id if base else None,
        )

    def save_item(self, item: Identifier) -> Identifier:
        return self.service.save_identifier(item)

    def remove_item(self, item: Identifier) -> Identifier:
        self.service.delete_identifier(item.id or 0)
        return item

    def restore_item(self, removal: Any) -> None:
        self.service.save_identifier(removal)  # with its id: it comes back as it was


class PeoplePage(QWidget):
    """The people part of the review, in three tabs."""

    def __init__(
        self,
        service: PeopleService,
        undo_stack: QUndoStack,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.people = PeopleList(service, undo_stack, runner)
        self.agencies = AgencyReturns(service, undo_stack, runner)
        self.identifiers = Identifiers(service, undo_stack, runner)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("People, agencies and identifiers")
        self.tabs.addTab(self.people, "&People")
        self.tabs.addTab(self.agencies, "A&gencies")
        self.tabs.addTab(self.identifiers, "I&dentifiers")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def reload(self) -> None:
        for page in (self.people, self.agencies, self.identifiers):
            page.reload()

    def flush(self) -> bool:
        """Save what is typed on any tab but not yet saved; True if nothing is left unsaved."""
        return all([page.flush() for page in (self.people, self.agencies, self.identifiers)])

    def clear(self) -> None:
        for page in (self.people, self.agencies, self.identifiers):
            page.clear()
