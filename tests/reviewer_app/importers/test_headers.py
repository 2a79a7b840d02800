"""Recognising the headings agencies use, and the header row under a title."""

from __future__ import annotations

import pytest

from reviewer_app.chronology.importing import Field
from reviewer_app.importers.headers import auto_mapping, field_for_heading, find_header
from reviewer_app.importers.tables import Row

NAMES = {
    Field.DATE: ["Date", "Date of contact", "Date/Time", "When", "DATE:", "date & time"],
    Field.TIME: ["Time", "time:"],
    Field.EVENT: [
        "Details of contact", "Summary", "What happened", "Event", "Details", "Description",
        "Contact details", "Narrative", "Key event(s)", "Incident / contact",
        "Summary of contact", "Details of contact", "What happened?", "Incident",
    ],
    Field.OUTCOME: [
        "Action / Outcome", "Outcome / plan", "Action taken", "Outcome", "Action", "Plan",
        "Action/outcome", "ACTION - OUTCOME", "Outcome/action",
    ],
    Field.SOURCE: [
        "Source", "Record", "Source document", "Record reference", "Ref", "Ref.",
        "Incident number",
    ],
    Field.PRACTITIONER: [
        "Practitioner", "Worker", "Staff member", "Role", "Practitioner / role",
        "Professional", "Completed by", "Setting", "Service / team",
    ],
    Field.AGENCY_COMMENT: ["Comment", "Comments", "Agency comment", "Analysis",
                           "Practitioner comments"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("heading", "field"), [(name, field) for field, names in NAMES.items() for name in names]
)
def test_headings_agencies_use(heading: str, field: Field) -> None:
    match = field_for_heading(heading)
    assert match is not None and match[0] is field


@pytest.mark.parametrize("heading", ["", "Agency", "Notes", "Date of birth", "x" * 100])
def test_other_headings_are_not_mapped(heading: str) -> None:
    assert field_for_heading(heading) is None


def test_each_field_goes_to_one_column_and_the_rest_are_ignored() -> None:
    mapping = auto_mapping(["Ref", "Date", "Details", "Summary", "Agency", "Date of contact"])
    assert mapping == {
        0: Field.SOURCE,
        1: Field.DATE,
        2: Field.EVENT,
        3: Field.IGNORE,
        4: Field.IGNORE,
        5: Field.IGNORE,
    }


def test_a_known_name_beats_a_telling_word() -> None:
    mapping = auto_mapping(["Event summary and actions", "Date", "Description"])
    assert mapping[2] is Field.EVENT
    assert mapping[0] is Field.OUTCOME


def test_the_header_is_found_below_titles_and_blank_rows() -> None:
    rows: list[Row] = [
        (1, ["Chronology of contact with Child M"]),
        (2, []),
        (3, ["Prepared by: Northtown Police", None, None]),
        (4, ["Date", "Source", "Event", "Outcome"]),
        (5, ["03/02/2015", "Record of visit", "Visit to the home", ""]),
    ]
    guess = find_header(rows)
    assert guess is not None
    assert (guess.position, guess.row_number) == (3, 4)
    assert guess.fields == {Field.DATE, Field.SOURCE, Field.EVENT, Field.OUTCOME}


def test_no_header_in_prose_rows() -> None:
    rows: list[Row] = [(1, ["Chronology of contact"]), (2, ["Summary of the case so far"])]
    assert find_header(rows) is None
