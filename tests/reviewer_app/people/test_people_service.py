from __future__ import annotations

import datetime as dt

import pytest

from reviewer_app.anonymisation.register import IdentifierKind, RegisterSource
from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import Agency, AgencyType, ChronologyEntry
from reviewer_app.errors import InvalidInputError
from reviewer_app.people.model import (
    AgencyDetails,
    Identifier,
    InvolvementEvent,
    InvolvementStatus,
    InvolvementStep,
    Person,
    PersonKind,
    Request,
)
from tests.reviewer_app.analysis import workbench
from tests.reviewer_app.analysis.workbench import Workbench

bench = workbench.bench


def test_a_practitioner_is_stored_with_real_name_beside_pseudonym(bench: Workbench) -> None:
    hv = bench.review.chronology.add_agency(Agency("Health visiting", AgencyType.HEALTH_VISITING))
    saved = bench.people.save_person(
        Person(
            PersonKind.PRACTITIONER,
            "Health Visitor 1",
            real_name="Priya Nandra",
            job_title="Health visitor",
            agency_id=hv.id,
            team="0-5 team",
        )
    )
    assert saved.id is not None
    assert bench.people.person(saved.id) == saved
    with pytest.raises(InvalidInputError, match="already the pseudonym"):
        bench.people.save_person(Person(PersonKind.PRACTITIONER, "health visitor 1"))
    with pytest.raises(InvalidInputError, match="pseudonym"):
        Person(PersonKind.FAMILY, "  ")


def test_family_member_fields_and_the_subject_child_age_keep_working(bench: Workbench) -> None:
    child = bench.people.save_person(
        Person(PersonKind.CHILD, "Child Q", "Quinn Doe", is_subject=True,
               date_of_birth=dt.date(2020, 1, 5))
    )  # fmt: skip
    assert bench.review.chronology.subject_date_of_birth() == dt.date(2020, 1, 5)
    bench.review.chronology.set_subject_date_of_birth(dt.date(2020, 2, 6))
    assert child.id is not None
    assert bench.people.person(child.id).date_of_birth == dt.date(2020, 2, 6)
    gran = Person(
        PersonKind.FAMILY,
        "Grandmother",
        relationship="Maternal grandmother",
        language="Polish",
        interpreter=True,
        access_needs="Large print",
        contact_preferences="Telephone",
        involvement=InvolvementStatus.DECLINED,
    )
    assert gran.reason_missing
    saved = bench.people.save_person(gran.with_changes(not_involved_reason="Too painful"))
    assert not saved.reason_missing
    assert [p.pseudonym for p in bench.people.people()] == ["Child Q", "Grandmother"]


def test_involvement_log_and_deleting_a_person_can_be_undone(bench: Workbench) -> None:
    mother = bench.people.save_person(Person(PersonKind.FAMILY, "Mother", "Jane Doe"))
    assert mother.id is not None
    agency = bench.review.chronology.add_agency(Agency("Police"))
    assert agency.id is not None
    entry = bench.review.chronology.add(
        ChronologyEntry(agency.id, parse_uk_date("03/02/2015"), "Log", "Call", people=(mother.id,))
    )
    for step in (InvolvementStep.INVITED, InvolvementStep.FEEDBACK_RECEIVED):
        bench.people.save_involvement(
            InvolvementEvent(mother.id, step, dt.date(2026, 3, 1), "note", "used in finding 2")
        )
    assert [e.step for e in bench.people.involvement(mother.id)] == [
        InvolvementStep.INVITED,
        InvolvementStep.FEEDBACK_RECEIVED,
    ]
    removed = bench.people.delete_person(mother.id)
    assert bench.people.people() == []
    assert bench.review.chronology.entry(entry.id or 0).people == ()
    bench.people.restore_person(removed)
    assert bench.people.person(mother.id) == mother
    assert len(bench.people.involvement(mother.id)) == 2
    assert bench.review.chronology.entry(entry.id or 0).people == (mother.id,)


def test_agency_requests_know_when_they_are_overdue(bench: Workbench) -> None:
    agency = bench.review.chronology.add_agency(Agency("Hospital", AgencyType.HOSPITAL))
    assert agency.id is not None
    bench.people.save_agency_details(
        AgencyDetails(
            agency.id,
            records_secured=dt.date(2026, 2, 1),
            chronology=Request(dt.date(2026, 3, 1), dt.date(2026, 4, 1), dt.date(2026, 3, 30)),
            agency_report=Request(dt.date(2026, 3, 1), dt.date(2026, 5, 1)),
        )
    )
    (row,) = bench.people.agency_rows(today=dt.date(2026, 5, 2))
    assert row.overdue == ("agency report",)
    (row,) = bench.people.agency_rows(today=dt.date(2026, 4, 30))
    assert row.overdue == ()
    assert row.details.records_secured == dt.date(2026, 2, 1)


def test_the_pseudonym_register_holds_people_and_other_identifiers(bench: Workbench) -> None:
    source: RegisterSource = bench.people
    bench.people.save_person(
        Person(
            PersonKind.FAMILY, "Mother", "Jane Amelia Doe", other_names=("Janey",),
            date_of_birth=dt.date(1990, 1, 2), address="1 Elm Court", postcode="NT1 1AA",
            phone="07700 900000", nhs_number="999 000 0000",
        )
    )  # fmt: skip
    bench.people.save_identifier(
        Identifier(IdentifierKind.SCHOOL, "St Anne's Primary", "the primary school")
    )
    register = source.pseudonym_register()
    (identity,) = register.identities
    assert identity.pseudonym == "Mother" and identity.full_name == "Jane Amelia Doe"
    assert identity.other_names == ("Janey",) and identity.postcode == "NT1 1AA"
    assert identity.nhs_number == "999 000 0000" and identity.date_of_birth == dt.date(1990, 1, 2)
    (school,) = register.identifiers
    assert school.text == "St Anne's Primary" and school.replacement == "the primary school"
