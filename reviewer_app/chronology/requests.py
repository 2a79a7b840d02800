"""Asking an agency for its chronology: the request pack's columns, reference and status.

A request pack (a letter, a template workbook and a Word table) goes to one agency. Its
reference is random (it says nothing about the case), is stored in the review with the date
it was asked for and the date it is due, and travels inside the template, so the file the
agency sends back is recognised and read with the template's own columns: no guessing.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from reviewer_app.chronology.importing import Field

#: The workbook's defined name (and the documents' identifier property) holding the reference.
REFERENCE_NAME = "SCRReviewerRequest"
REFERENCE_PREFIX = "CR-"
#: Example rows in the template start their source with this, and are never imported.
EXAMPLE_MARK = "EXAMPLE"
TEMPLATE_SHEET = "Chronology"
INSTRUCTIONS_SHEET = "Instructions"
#: Letters a reference is made of: no 0/O or 1/I/L, so it can be read out on the telephone.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True, slots=True)
class PackColumn:
    field: Field
    heading: str  # a heading the importer knows (reviewer_app/importers/headers.py)
    guidance: str  # what goes in it, for the letter and the instructions sheet
    width: int  # in characters, for the workbook


TEMPLATE_COLUMNS: tuple[PackColumn, ...] = (
    PackColumn(
        Field.DATE,
        "Date",
        "The date of the event as dd/mm/yyyy. If you are not sure of the day, write what you "
        "know: 05/2014, approx 05/2014, w/c 12/01/2015, Spring 2015, 2014.",
        14,
    ),
    PackColumn(Field.TIME, "Time", "The time, as HH:MM (24-hour clock), if it is recorded.", 8),
    PackColumn(
        Field.SOURCE,
        "Source",
        "Where the information comes from: the record and its reference (for example "
        "'Case note 14/2231' or 'Referral form').",
        22,
    ),
    PackColumn(
        Field.PRACTITIONER,
        "Practitioner",
        "The role of the practitioner involved (for example 'Health visitor'), not their name.",
        20,
    ),
    PackColumn(
        Field.EVENT,
        "Details of contact",
        "What happened, factually, as recorded at the time.",
        60,
    ),
    PackColumn(
        Field.OUTCOME,
        "Action taken",
        "What was done or decided as a result, and any plan made.",
        40,
    ),
    PackColumn(
        Field.AGENCY_COMMENT,
        "Agency comment",
        "Your agency's comment or analysis on this contact, if any (kept apart from the record).",
        40,
    ),
)


class RequestStatus(StrEnum):
    REQUESTED = "requested"
    RECEIVED = "received"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class ChronologyRequest:
    agency_id: int
    reference: str
    requested_on: dt.date
    due_on: dt.date | None = None
    received_on: dt.date | None = None
    received_batch: int | None = None  # the import that answered it (None once removed)
    id: int | None = None

    def status(self, today: dt.date) -> RequestStatus:
        if self.received_on is not None:
            return RequestStatus.RECEIVED
        if self.due_on is not None and today > self.due_on:
            return RequestStatus.OVERDUE
        return RequestStatus.REQUESTED


@dataclass(frozen=True, slots=True)
class PackDetails:
    """Everything a request pack says, and nothing more: no entry, person or date of birth.

    `review_title` is the title as it may be shown outside the review (pseudonyms applied and
    checked against the register); `period` is the period under review, if set."""

    reference: str
    agency: str
    review_title: str
    review_kind: str  # "Local Child Safeguarding Practice Review"
    board: str
    period: tuple[dt.date, dt.date] | None
    requested_on: dt.date
    due_on: dt.date | None


class RequestRepository(Protocol):
    def requests(self) -> list[ChronologyRequest]: ...
    def add_request(self, request: ChronologyRequest) -> ChronologyRequest: ...
    def mark_received(self, reference: str, batch_id: int, on: dt.date) -> None: ...


def new_reference() -> str:
    """A random reference such as 'CR-7K4P-Q2XM' (about 40 bits: never guessed, never repeated
    within a review)."""
    body = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{REFERENCE_PREFIX}{body[:4]}-{body[4:]}"


def is_example(source: str, event: str) -> bool:
    """An example row of the template, left in by the agency."""
    return source.strip().upper().startswith(EXAMPLE_MARK) and event.strip().upper().startswith(
        EXAMPLE_MARK
    )


def uk_date(date: dt.date) -> str:
    """'3 March 2026', as a letter writes it."""
    return f"{date.day} {date:%B %Y}"
