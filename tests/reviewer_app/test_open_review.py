"""One service set per open review: a change made through any service is seen by all."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from reviewer_app.anonymisation.hits import Action
from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import AgencyType, ChronologyEntry
from reviewer_app.paths import AppPaths
from reviewer_app.people.model import Person, PersonKind
from reviewer_app.services.changes import Part
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.wiring import open_services, report_service
from tests.helpers.reviews import new_review, review_files
from tests.helpers.secrets_watch import PASSPHRASE


def test_deleting_a_person_through_people_leaves_no_stale_links_in_the_chronology(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = open_services(new_review(tmp_path / "r.review", app_paths))
    try:
        heard: list[Part] = []
        services.changes.subscribe(heard.append)
        agency = services.chronology.ensure_agency("Northshire Police", AgencyType.POLICE)
        assert agency.id is not None
        person = services.people.save_person(Person(PersonKind.FAMILY, "Mother"))
        assert person.id is not None
        date = parse_uk_date("03/02/2015")
        assert date is not None
        entry = services.chronology.add_entry(
            ChronologyEntry(agency.id, date, "PNC", "Visit to the home", people=(person.id,))
        )
        cached = next(e for e in services.chronology.entries() if e.id == entry.id)
        assert cached.people == (person.id,)

        services.people.delete_person(person.id)
        assert Part.PEOPLE in heard

        # The chronology heard of the deletion: its entries no longer name the person, so an
        # edit made from what it shows cannot write the stale link back (an IntegrityError).
        fresh = next(e for e in services.chronology.entries() if e.id == entry.id)
        assert fresh.people == ()
        services.chronology.update_entry(replace(fresh, comment="Seen at the door"))
        again = next(e for e in services.chronology.entries() if e.id == entry.id)
        assert again.comment == "Seen at the door" and again.people == ()
    finally:
        services.close()


def test_every_write_is_announced_once_with_its_part(tmp_path: Path, app_paths: AppPaths) -> None:
    services = open_services(new_review(tmp_path / "r.review", app_paths))
    try:
        heard: list[Part] = []
        stop = services.changes.subscribe(heard.append)
        services.chronology.ensure_agency("Northshire Police", AgencyType.POLICE)
        facts = services.details.load()
        services.details.save(replace(facts, details=replace(facts.details, board="Northshire")))
        services.people.save_person(Person(PersonKind.PRACTITIONER, "Health Visitor 1"))
        assert heard == [Part.CHRONOLOGY, Part.DETAILS, Part.PEOPLE]
        stop()
        services.people.save_person(Person(PersonKind.PRACTITIONER, "Health Visitor 2"))
        assert len(heard) == 3  # no longer listening
        assert services.details.load().details.board == "Northshire"
    finally:
        services.close()


def test_the_readiness_check_includes_the_anonymisation_gate(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = open_services(new_review(tmp_path / "r.review", app_paths))
    try:
        services.people.save_person(
            Person(
                PersonKind.FAMILY,
                "Mother",
                real_name="Philippa Quartermaine",
                date_of_birth=dt.date(1994, 3, 7),
            )
        )
        facts = services.details.load()
        terms = "Mother, born on 07/03/1994, moved to the area in 2012."
        details = replace(facts.details, terms_of_reference=terms)
        services.details.save(replace(facts, details=details))
        report = services.readiness()
        # A new review's next milestone is the clock's start: the gate's hits are for the
        # first draft, so they come as later steps.
        assert any(p.category == "Anonymisation" for p in report.later)
        assert not any(p.category == "Anonymisation" for p in report.problems)
        # The next steps stay quick: they do not build the report to scan it.
        assert not any(step.where == "report" for step in services.next_steps().steps)
    finally:
        services.close()


def _set_terms(services: ReviewServices, terms: str) -> None:
    facts = services.details.load()
    services.details.save(replace(facts, details=replace(facts.details, terms_of_reference=terms)))


def test_the_reviewers_decisions_on_the_gate_are_kept_in_the_review(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    path = tmp_path / "r.review"
    services = open_services(new_review(path, app_paths))
    try:
        _set_terms(services, "Dr Okonkwo-Bright saw the child in Devonport twice.")
        report = report_service(services)
        template = report.suggested_template().id
        hits = report.preview(template).hits
        doctor = next(h for h in hits if "Okonkwo" in h.found)
        assert Action.ADD_TO_REGISTER in doctor.actions
        services.gate_decisions.add_to_register(doctor, "Paediatrician 1")
        assert any(p.pseudonym == "Paediatrician 1" for p in services.people.people())
        place = next((h for h in report.preview(template).hits if h.found == "Devonport"), None)
        if place is not None:  # a place word the name lists also hold
            services.gate_decisions.not_a_name(place)
        assert not report.preview(template).hits
    finally:
        services.close()
    reopened = open_services(review_files(app_paths).open(path, passphrase=PASSPHRASE))
    try:
        again = report_service(reopened)
        assert not again.preview(again.suggested_template().id).hits
    finally:
        reopened.close()


def test_the_suggested_template_is_the_one_for_the_methodology_in_the_snapshot(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    """Read without loading the entries, the methodology is the one the report is built from."""
    from exporters.report.templates import template_for
    from reviewer_app.review import Methodology

    services = open_services(new_review(tmp_path / "r.review", app_paths))
    try:
        report = report_service(services)
        for methodology in Methodology:
            facts = services.details.load()
            details = replace(facts.details, methodology=methodology)
            services.details.save(replace(facts, details=details))
            expected = template_for(services.snapshot().details.methodology)
            assert report.suggested_template() == expected
    finally:
        services.close()
