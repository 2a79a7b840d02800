"""People and agencies' involvement: plain data, no storage.

Real names are kept (inside the encrypted review file) beside a pseudonym ("Child Q",
"Mother", "Health Visitor 1"); every export goes through the pseudonym register built from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from reviewer_app.anonymisation.register import IdentifierKind
from reviewer_app.errors import InvalidInputError


class PersonKind(StrEnum):
    """Stored in the `person.role` column (the subject child is `child`)."""

    CHILD = "child"
    FAMILY = "family"
    PRACTITIONER = "practitioner"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    PersonKind.CHILD: "Child",
    PersonKind.FAMILY: "Family member",
    PersonKind.PRACTITIONER: "Practitioner",
    PersonKind.OTHER: "Other",
}


class InvolvementStatus(StrEnum):
    NOT_YET_ASKED = "not-yet-asked"
    INVITED = "invited"
    TAKING_PART = "taking-part"
    DECLINED = "declined"
    NOT_INVOLVED = "not-involved"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    InvolvementStatus.NOT_YET_ASKED: "Not yet asked",
    InvolvementStatus.INVITED: "Invited",
    InvolvementStatus.TAKING_PART: "Taking part",
    InvolvementStatus.DECLINED: "Declined",
    InvolvementStatus.NOT_INVOLVED: "Not involved",
}


@dataclass(frozen=True, slots=True)
class Person:
    kind: PersonKind
    pseudonym: str
    real_name: str = ""
    other_names: tuple[str, ...] = ()
    relationship: str = ""  # to the child: "Mother", "Maternal grandmother"
    date_of_birth: dt.date | None = None
    is_subject: bool = False
    job_title: str = ""  # a practitioner's role: "Health visitor"
    agency_id: int | None = None
    team: str = ""
    language: str = ""
    interpreter: bool = False
    access_needs: str = ""
    contact_preferences: str = ""
    involvement: InvolvementStatus = InvolvementStatus.NOT_YET_ASKED
    not_involved_reason: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""
    nhs_number: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.pseudonym.strip():
            raise InvalidInputError(
                "Everyone needs a pseudonym, such as 'Mother', 'Child Q' or 'Health Visitor 1'. "
                "The pseudonym replaces the real name in every export."
            )

    def with_changes(self, **changes: object) -> Person:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def reason_missing(self) -> bool:
        """A family member not involved should have the reason recorded (Quality Marker 12)."""
        return (
            self.kind in (PersonKind.FAMILY, PersonKind.CHILD)
            and self.involvement in (InvolvementStatus.DECLINED, InvolvementStatus.NOT_INVOLVED)
            and not self.not_involved_reason.strip()
        )


class InvolvementStep(StrEnum):
    INVITED = "invited"
    CONSENT = "consent"
    SUPPORT_OFFERED = "support-offered"
    MET = "met"
    DRAFT_SHARED = "draft-shared"
    FEEDBACK_RECEIVED = "feedback-received"

    @property
    def label(self) -> str:
        return _STEP_LABELS[self]


_STEP_LABELS = {
    InvolvementStep.INVITED: "Invited",
    InvolvementStep.CONSENT: "Consent given",
    InvolvementStep.SUPPORT_OFFERED: "Support offered",
    InvolvementStep.MET: "Met",
    InvolvementStep.DRAFT_SHARED: "Draft shared",
    InvolvementStep.FEEDBACK_RECEIVED: "Feedback received",
}


@dataclass(frozen=True, slots=True)
class InvolvementEvent:
    """One step in a person's involvement; `how_used` says what their feedback changed."""

    person_id: int
    step: InvolvementStep
    date: dt.date | None = None
    note: str = ""
    how_used: str = ""
    id: int | None = None


class AgencyInvolvement(StrEnum):
    SINGLE = "single-agency-report"
    CHRONOLOGY_ONLY = "chronology-only"
    FULL = "chronology-and-agency-report"
    INFORMATION_ONLY = "information-only"
    NOT_INVOLVED = "not-involved"

    @property
    def label(self) -> str:
        return _INVOLVEMENT_LABELS[self]


_INVOLVEMENT_LABELS = {
    AgencyInvolvement.SINGLE: "Agency report only",
    AgencyInvolvement.CHRONOLOGY_ONLY: "Chronology only",
    AgencyInvolvement.FULL: "Chronology and agency report",
    AgencyInvolvement.INFORMATION_ONLY: "Information on request",
    AgencyInvolvement.NOT_INVOLVED: "Not involved",
}


@dataclass(frozen=True, slots=True)
class Request:
    """Something asked of an agency: when asked, when due, when received."""

    requested: dt.date | None = None
    due: dt.date | None = None
    received: dt.date | None = None

    def overdue(self, today: dt.date) -> bool:
        return self.received is None and self.due is not None and self.due < today


@dataclass(frozen=True, slots=True)
class AgencyDetails:
    """What the review asked of one agency and what it has returned."""

    agency_id: int
    involvement: AgencyInvolvement = AgencyInvolvement.FULL
    records_secured: dt.date | None = None
    chronology: Request = Request()
    agency_report: Request = Request()
    contact: str = ""  # the agency's link person or report author (a pseudonym or role)

    def overdue(self, today: dt.date) -> list[str]:
        late = []
        if self.chronology.overdue(today):
            late.append("chronology")
        if self.agency_report.overdue(today):
            late.append("agency report")
        return late


@dataclass(frozen=True, slots=True)
class Identifier:
    """A case identifier that is not a person (a school, a GP practice, a street)."""

    kind: IdentifierKind
    text: str
    replacement: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise InvalidInputError("An identifier needs its text, such as the school's name.")
