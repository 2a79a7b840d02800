"""People, agencies' involvement and case identifiers in the review file.

Implements `reviewer_app.people.repository.PeopleRepository`. The `person` table predates this
part (version 2 kept only the subject child), so the kind of person is its `role` column.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from reviewer_app.anonymisation.register import IdentifierKind
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
from storage.bound import EngineBound, upsert_by_id
from storage.rows import record_row
from storage.schema import (
    agency_detail,
    case_identifier,
    chronology_entry,
    conversation_person,
    entry_person,
    involvement_event,
    person,
)


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def day_of(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _person_row(p: Person) -> dict[str, Any]:
    return record_row(
        p,
        person,
        role=p.kind.value,
        pseudonym=p.pseudonym.strip(),
        date_of_birth=iso(p.date_of_birth),
        is_subject=int(p.is_subject),
        other_names=json.dumps(list(p.other_names), ensure_ascii=False),
        interpreter=int(p.interpreter),
        involvement=p.involvement.value,
    )


def _kind(role: str) -> PersonKind:
    try:
        return PersonKind(role)
    except ValueError:
        return PersonKind.OTHER


def _row_person(r: Any) -> Person:
    return Person(
        kind=_kind(r.role),
        pseudonym=r.pseudonym or "Child",
        real_name=r.real_name,
        other_names=tuple(json.loads(r.other_names)),
        relationship=r.relationship,
        date_of_birth=day_of(r.date_of_birth),
        is_subject=bool(r.is_subject),
        job_title=r.job_title,
        agency_id=r.agency_id,
        team=r.team,
        language=r.language,
        interpreter=bool(r.interpreter),
        access_needs=r.access_needs,
        contact_preferences=r.contact_preferences,
        involvement=InvolvementStatus(r.involvement),
        not_involved_reason=r.not_involved_reason,
        address=r.address,
        postcode=r.postcode,
        phone=r.phone,
        nhs_number=r.nhs_number,
        id=r.id,
    )


_KIND_ORDER = {k: n for n, k in enumerate(PersonKind)}


class SqlPeople(EngineBound):
    # -- people ---------------------------------------------------------------------------
    def people(self) -> list[Person]:
        with self._engine.connect() as conn:
            found = [_row_person(r) for r in conn.execute(select(person)).all()]
        found.sort(key=lambda p: (not p.is_subject, _KIND_ORDER[p.kind], p.pseudonym.lower()))
        return found

    def person(self, person_id: int) -> Person:
        with self._engine.connect() as conn:
            return _row_person(conn.execute(select(person).where(person.c.id == person_id)).one())

    def save_person(self, p: Person) -> Person:
        row = _person_row(p)
        with self._engine.begin() as conn:
            if p.is_subject:  # one subject child: the chronology's age column follows it
                conn.execute(update(person).where(person.c.id != (p.id or -1)).values(is_subject=0))
            new_id = upsert_by_id(conn, person, p.id, row)
        return p if new_id == p.id else p.with_changes(id=new_id)

    def delete_person(self, person_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(person).where(person.c.id == person_id))

    def conversation_count(self, person_id: int) -> int:
        with self._engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count()).where(conversation_person.c.person_id == person_id)
                ).scalar_one()
            )

    def entries_naming(self, person_id: int) -> list[int]:
        with self._engine.connect() as conn:
            ids: list[Any] = list(
                conn.execute(
                    select(entry_person.c.entry_id)
                    .where(entry_person.c.person_id == person_id)
                    .order_by(entry_person.c.entry_id)
                ).scalars()
            )
        return [int(i) for i in ids]

    def link_entries(self, person_id: int, entry_ids: list[int]) -> None:
        """Link the person to these entries (those still in the file) besides any links held."""
        with self._engine.begin() as conn:
            existing: set[int] = set(
                conn.execute(
                    select(chronology_entry.c.id).where(chronology_entry.c.id.in_(entry_ids))
                ).scalars()
            )
            held: set[int] = set(
                conn.execute(
                    select(entry_person.c.entry_id).where(entry_person.c.person_id == person_id)
                ).scalars()
            )
            rows = [{"entry_id": e, "person_id": person_id} for e in sorted(existing - held)]
            if rows:
                conn.execute(insert(entry_person), rows)

    # -- involvement log ------------------------------------------------------------------
    def involvement(self, person_id: int | None = None) -> list[InvolvementEvent]:
        statement = select(involvement_event)
        if person_id is not None:
            statement = statement.where(involvement_event.c.person_id == person_id)
        with self._engine.connect() as conn:
            rows = conn.execute(statement).all()
        events = [
            InvolvementEvent(
                r.person_id, InvolvementStep(r.step), day_of(r.date), r.note, r.how_used, r.id
            )
            for r in rows
        ]
        events.sort(key=lambda e: (e.date or dt.date.max, e.id or 0))
        return events

    def save_involvement(self, event: InvolvementEvent) -> InvolvementEvent:
        row = record_row(event, involvement_event, step=event.step.value, date=iso(event.date))
        with self._engine.begin() as conn:
            new_id = upsert_by_id(conn, involvement_event, event.id, row)
        return event if new_id == event.id else InvolvementEvent(**{**_fields(event), "id": new_id})

    def delete_involvement(self, event_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(involvement_event).where(involvement_event.c.id == event_id))

    # -- agencies -------------------------------------------------------------------------
    def agency_details(self) -> list[AgencyDetails]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(agency_detail).order_by(agency_detail.c.agency_id)).all()
        return [
            AgencyDetails(
                agency_id=r.agency_id,
                involvement=AgencyInvolvement(r.involvement),
                records_secured=day_of(r.records_secured),
                chronology=Request(
                    day_of(r.chronology_requested),
                    day_of(r.chronology_due),
                    day_of(r.chronology_received),
                ),
                agency_report=Request(
                    day_of(r.report_requested), day_of(r.report_due), day_of(r.report_received)
                ),
                contact=r.contact,
            )
            for r in rows
        ]

    def save_agency_details(self, details: AgencyDetails) -> None:
        row = {
            "involvement": details.involvement.value,
            "records_secured": iso(details.records_secured),
            "chronology_requested": iso(details.chronology.requested),
            "chronology_due": iso(details.chronology.due),
            "chronology_received": iso(details.chronology.received),
            "report_requested": iso(details.agency_report.requested),
            "report_due": iso(details.agency_report.due),
            "report_received": iso(details.agency_report.received),
            "contact": details.contact,
        }
        with self._engine.begin() as conn:
            conn.execute(
                delete(agency_detail).where(agency_detail.c.agency_id == details.agency_id)
            )
            conn.execute(insert(agency_detail).values(agency_id=details.agency_id, **row))

    # -- other identifiers ----------------------------------------------------------------
    def identifiers(self) -> list[Identifier]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(case_identifier).order_by(case_identifier.c.id)).all()
        return [Identifier(IdentifierKind(r.kind), r.text, r.replacement, r.id) for r in rows]

    def save_identifier(self, identifier: Identifier) -> Identifier:
        text = identifier.text.strip()
        row = record_row(identifier, case_identifier, kind=identifier.kind.value, text=text)
        with self._engine.begin() as conn:
            new_id = upsert_by_id(conn, case_identifier, identifier.id, row)
        if new_id == identifier.id:
            return identifier
        return Identifier(identifier.kind, text, identifier.replacement, new_id)

    def delete_identifier(self, identifier_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(delete(case_identifier).where(case_identifier.c.id == identifier_id))


def _fields(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}
