"""People and agencies: who is who, pseudonyms, involvement, and the pseudonym register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reviewer_app.anonymisation.register import CaseIdentifier, KnownIdentity, PseudonymRegister
from reviewer_app.chronology.entry import Agency
from reviewer_app.chronology.repository import ChronologyRepository
from reviewer_app.errors import InvalidInputError
from reviewer_app.people.model import (
    AgencyDetails,
    Identifier,
    InvolvementEvent,
    Person,
    PersonKind,
)
from reviewer_app.people.repository import PeopleRepository
from reviewer_app.services.changes import ChangeBus, Part, writes
from reviewer_app.wording import plural


@dataclass(frozen=True, slots=True)
class RemovedPerson:
    """Everything deleting a person took away, so undo can put it back."""

    person: Person
    involvement: tuple[InvolvementEvent, ...]
    entry_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class AgencyRow:
    agency: Agency
    details: AgencyDetails
    overdue: tuple[str, ...]


class PeopleService:
    """Implements `RegisterSource` for the anonymisation gate."""

    def __init__(
        self,
        repository: PeopleRepository,
        chronology: ChronologyRepository,
        changes: ChangeBus | None = None,
    ) -> None:
        self.repository = repository
        self.chronology = chronology
        self.changes = changes or ChangeBus()

    # -- people ---------------------------------------------------------------------------
    def people(self) -> list[Person]:
        return self.repository.people()

    def person(self, person_id: int) -> Person:
        return self.repository.person(person_id)

    @writes(Part.PEOPLE)
    def save_person(self, person: Person) -> Person:
        """Add or update; pseudonyms must be unique, because exports replace names by them."""
        wanted = person.pseudonym.strip().lower()
        for other in self.repository.people():
            if other.id != person.id and other.pseudonym.strip().lower() == wanted:
                raise InvalidInputError(
                    f"'{other.pseudonym}' is already the pseudonym of someone else in this "
                    "review. Each person needs their own, such as 'Health Visitor 2'."
                )
        return self.repository.save_person(person)

    @writes(Part.PEOPLE)
    def delete_person(self, person_id: int) -> RemovedPerson:
        count = self.repository.conversation_count(person_id)
        if count:
            raise InvalidInputError(
                f"This person took part in {plural(count, 'conversation')}. Remove them from the "
                "conversations first, so no record loses its participants by accident."
            )
        removed = RemovedPerson(
            self.repository.person(person_id),
            tuple(self.repository.involvement(person_id)),
            tuple(self.repository.entries_naming(person_id)),
        )
        self.repository.delete_person(person_id)
        return removed

    @writes(Part.PEOPLE)
    def restore_person(self, removed: RemovedPerson) -> None:
        self.repository.save_person(removed.person)
        for event in removed.involvement:
            self.repository.save_involvement(event)
        if removed.person.id is not None:
            self.repository.link_entries(removed.person.id, list(removed.entry_ids))

    # -- involvement log ------------------------------------------------------------------
    def involvement(self, person_id: int) -> list[InvolvementEvent]:
        return self.repository.involvement(person_id)

    @writes(Part.PEOPLE)
    def save_involvement(self, event: InvolvementEvent) -> InvolvementEvent:
        return self.repository.save_involvement(event)

    @writes(Part.PEOPLE)
    def delete_involvement(self, event_id: int) -> None:
        self.repository.delete_involvement(event_id)

    # -- agencies -------------------------------------------------------------------------
    def agencies(self) -> list[Agency]:
        return self.chronology.agencies()

    def agency_rows(self, today: dt.date | None = None) -> list[AgencyRow]:
        """Every agency with what was asked of it and whether anything is overdue."""
        today = today or dt.date.today()
        details = {d.agency_id: d for d in self.repository.agency_details()}
        rows = []
        for agency in self.chronology.agencies():
            assert agency.id is not None
            found = details.get(agency.id, AgencyDetails(agency.id))
            rows.append(AgencyRow(agency, found, tuple(found.overdue(today))))
        return rows

    def agency_details(self, agency_id: int) -> AgencyDetails:
        for found in self.repository.agency_details():
            if found.agency_id == agency_id:
                return found
        return AgencyDetails(agency_id)

    @writes(Part.PEOPLE)
    def save_agency_details(self, details: AgencyDetails) -> None:
        self.repository.save_agency_details(details)

    def identifiers(self) -> list[Identifier]:
        return self.repository.identifiers()

    @writes(Part.PEOPLE)
    def save_identifier(self, identifier: Identifier) -> Identifier:
        return self.repository.save_identifier(identifier)

    @writes(Part.PEOPLE)
    def delete_identifier(self, identifier_id: int) -> None:
        self.repository.delete_identifier(identifier_id)

    @writes(Part.PEOPLE)
    def add_to_register(self, real_name: str, pseudonym: str) -> None:
        """Someone the anonymisation gate found, added to the review's people with the
        pseudonym the reviewer chose (`RegisterEditor`)."""
        if not real_name.strip():
            raise InvalidInputError("There is no name to add: add this person in People instead.")
        self.save_person(Person(PersonKind.OTHER, pseudonym.strip(), real_name=real_name.strip()))

    def pseudonym_register(self) -> PseudonymRegister:
        """Who and what must be anonymised in every export (`RegisterSource`)."""
        identities = tuple(
            KnownIdentity(
                pseudonym=p.pseudonym,
                full_name=p.real_name,
                other_names=p.other_names,
                date_of_birth=p.date_of_birth,
                address=p.address,
                postcode=p.postcode,
                phone=p.phone,
                nhs_number=p.nhs_number,
            )
            for p in self.repository.people()
        )
        identifiers = tuple(
            CaseIdentifier(i.kind, i.text, i.replacement) for i in self.repository.identifiers()
        )
        return PseudonymRegister(identities, identifiers)
