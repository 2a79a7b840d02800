"""Column choices as text (`--column FIELD=HEADING`), laid over the automatic mapping."""

from __future__ import annotations

import pytest

from reviewer_app.chronology.importing import Field
from reviewer_app.importers import ImportRefusedError
from reviewer_app.importers.column_choices import apply_choices, parse_choice
from reviewer_app.importers.headers import auto_mapping

HEADERS = ("Date", "Date entered", "Setting", "Log", "Action taken")


def test_fields_are_named_by_value_or_label_and_headings_loosely() -> None:
    assert parse_choice("event=Incident / contact") == (Field.EVENT, "Incident / contact")
    assert parse_choice("Agency comment = Notes") == (Field.AGENCY_COMMENT, "Notes")
    assert parse_choice("ACTION / OUTCOME=Done") == (Field.OUTCOME, "Done")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("event", "not written as FIELD=HEADING"),
        ("event=", "not written as FIELD=HEADING"),
        ("happening=Log", "no field called 'happening'. The fields are: date, time, source"),
    ],
)
def test_bad_choices_say_what_is_allowed(text: str, words: str) -> None:
    with pytest.raises(ImportRefusedError, match=words):
        parse_choice(text)


def test_a_choice_moves_the_field_and_leaves_the_rest() -> None:
    automatic = auto_mapping(HEADERS)
    assert automatic[0] is Field.DATE and automatic[3] is Field.IGNORE
    chosen = apply_choices(HEADERS, automatic, [(Field.DATE, "date ENTERED"), (Field.EVENT, "log")])
    assert chosen == {
        0: Field.IGNORE,  # the date moved to the chosen column
        1: Field.DATE,
        2: Field.PRACTITIONER,
        3: Field.EVENT,
        4: Field.OUTCOME,
    }
    unheaded = apply_choices(
        (*HEADERS, ""), auto_mapping((*HEADERS, "")), [(Field.SOURCE, "Column 6")]
    )
    assert unheaded[5] is Field.SOURCE
    ignored = apply_choices(HEADERS, automatic, [(Field.IGNORE, "Setting")])
    assert ignored[2] is Field.IGNORE and ignored[0] is Field.DATE


def test_an_unknown_heading_or_a_column_chosen_twice_is_refused() -> None:
    automatic = auto_mapping(HEADERS)
    with pytest.raises(ImportRefusedError, match=r"no column headed 'What happened'.*'Log'"):
        apply_choices(HEADERS, automatic, [(Field.EVENT, "What happened")])
    with pytest.raises(ImportRefusedError, match="for example 'column 3'"):
        apply_choices(HEADERS, automatic, [(Field.EVENT, "column 9")])
    with pytest.raises(ImportRefusedError, match="chosen as both event and action / outcome"):
        apply_choices(HEADERS, automatic, [(Field.EVENT, "Log"), (Field.OUTCOME, "Log")])
