"""The anonymisation gate's two halves: pseudonyms applied, then a scan for what slipped."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewer_app.anonymisation import (
    CaseIdentifier,
    HitKind,
    IdentifierKind,
    KnownIdentity,
    LeakScanner,
    Pseudonymiser,
    PseudonymRegister,
)

MOTHER = KnownIdentity(
    pseudonym="Mother",
    full_name="Jane Amelia Smith",
    other_names=("Janey Brown",),
    date_of_birth=dt.date(1994, 3, 7),
    address="12 Acacia Avenue, Northtown",
    postcode="NT1 2AB",
    phone="07700 900123",
    nhs_number="943 476 5919",
)
CHILD = KnownIdentity(
    pseudonym="Child Q", full_name="Lily Smith", date_of_birth=dt.date(2013, 4, 17)
)
PARTNER = KnownIdentity(pseudonym="Mr K", full_name="Kevin Kowalski")
SCHOOL = CaseIdentifier(IdentifierKind.SCHOOL, "St Anne's Primary School", "the primary school")
GP = CaseIdentifier(IdentifierKind.GP_PRACTICE, "Riverside Medical Practice")
REGISTER = PseudonymRegister((MOTHER, CHILD, PARTNER), (SCHOOL, GP))


def kinds(text: str) -> list[HitKind]:
    return [hit.kind for hit in LeakScanner(REGISTER).scan_text(text)]


def test_full_names_and_unique_name_parts_become_pseudonyms() -> None:
    swap = Pseudonymiser(REGISTER).apply
    assert swap("Jane Amelia Smith attended.") == "Mother attended."
    assert swap("JANE SMITH's partner") == "Mother's partner"
    assert swap("Kevin said Mr Kowalski’s car was outside") == "Mr K said Mr K’s car was outside"
    assert swap("Janey Brown called") == "Mother called"
    assert swap("She attends St Anne’s Primary School.") == "She attends the primary school."


def test_a_shared_surname_is_left_for_the_reviewer() -> None:
    # Smith belongs to two people: guessing whom "Ms Smith" meant could name the wrong one.
    assert Pseudonymiser(REGISTER).apply("Ms Smith arrived") == "Ms Smith arrived"
    hits = LeakScanner(REGISTER).scan_text("Ms Smith arrived")
    assert [h.found for h in hits] == ["Smith"]
    assert "Smith" not in hits[0].what  # the description never repeats the real text


@pytest.mark.parametrize(
    "text",
    ["jane was seen", "JANE was seen", "Jane's boyfriend", "Jane’s boyfriend", "seen by smith"],
)
def test_names_are_found_whatever_the_case_and_with_possessives(text: str) -> None:
    assert kinds(text) == [HitKind.NAME]


@pytest.mark.parametrize("text", ["Janet was seen", "the smithy", "Lilywhite ward"])
def test_names_are_whole_words(text: str) -> None:
    assert kinds(text) == []


def test_a_name_that_is_an_everyday_word_needs_its_capital() -> None:
    register = PseudonymRegister((KnownIdentity("Sibling", "May Grace Jones"),))
    scanner = LeakScanner(register)
    assert scanner.scan_text("she may call; by grace of the court") == []
    assert [h.found for h in scanner.scan_text("May said Grace would")] == ["May", "Grace"]
    assert scanner.scan_text("Seen on 3 May 2014 and in May 2015") == []


@pytest.mark.parametrize(
    "text",
    [
        "17/04/2013",
        "17/4/13",
        "17.04.2013",
        "17-4-2013",
        "17th April 2013",
        "17 Apr 2013",
        "April 17, 2013",
        "2013-04-17",
    ],
)
def test_a_recorded_date_of_birth_is_found_in_every_uk_shape(text: str) -> None:
    assert kinds(f"seen on {text} at home") == [HitKind.DATE_OF_BIRTH]


def test_other_recorded_details_are_found() -> None:
    text = (
        "Lives at 12 acacia avenue (NT12AB), tel 07700900123, NHS 9434765919; registered at "
        "Riverside Medical Practice; attends St Anne's Primary."
    )
    assert kinds(text) == [
        HitKind.ADDRESS,
        HitKind.POSTCODE,
        HitKind.PHONE,
        HitKind.NHS_NUMBER,
        HitKind.GP_PRACTICE,
        HitKind.SCHOOL,
    ]


def test_generic_shapes_are_found_without_a_register() -> None:
    scanner = LeakScanner(PseudonymRegister())
    found = {
        h.kind
        for h in scanner.scan_text(
            "DOB: 03/02/2015. Moved to 4 Mill Lane, AB1 2DE; mobile 07911 123456; NHS 943 476 5919."
        )
    }
    assert found == {
        HitKind.DATE_OF_BIRTH,
        HitKind.ADDRESS,
        HitKind.POSTCODE,
        HitKind.PHONE,
        HitKind.NHS_NUMBER,
    }
    # Ten digits that fail the NHS check digit, an incident number and a time are not flagged.
    assert scanner.scan_text("Incident log 14/123 at 23:10, ref 1234567890") == []


def test_a_hit_says_where_it_is_with_the_text_around_it() -> None:
    hit = LeakScanner(REGISTER).scan_text(
        "A long sentence before Lily went to nursery.", "4. Findings", "paragraph 2"
    )[0]
    assert (hit.section, hit.block, hit.found) == ("4. Findings", "paragraph 2", "Lily")
    assert "Lily went to nursery" in hit.context
    assert (
        hit.describe(with_text=False) == "4. Findings — paragraph 2: part of a real name (Child Q)"
    )
