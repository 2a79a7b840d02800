"""Use cases of chronology requests: prepare a pack for an agency, record it, and take it back.

The pack says only what the letter must: the agency's own name, the review's title as it may
be shown outside the review (pseudonyms applied, and refused if a registered real name or
identifier would still show), the kind of review, the board, the period under review and the
deadline. Nothing from the chronology or the people in the review goes into it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reviewer_app.anonymisation.hits import TextPiece
from reviewer_app.anonymisation.pseudonymise import Pseudonymiser
from reviewer_app.anonymisation.register import RegisterSource
from reviewer_app.anonymisation.scan import LeakScanner
from reviewer_app.chronology.entry import Agency, AgencyType
from reviewer_app.chronology.importing import ImportPreview
from reviewer_app.chronology.requests import (
    ChronologyRequest,
    PackDetails,
    RequestRepository,
    RequestStatus,
    new_reference,
)
from reviewer_app.errors import InvalidInputError
from reviewer_app.people.model import AgencyDetails, Request
from reviewer_app.services.changes import ChangeBus, Part, writes
from reviewer_app.services.chronology import ChronologyService, ImportResult
from reviewer_app.services.timetable import DetailsSource, TimetableService
from reviewer_app.timetable.rules import MilestoneKind


@dataclass(frozen=True, slots=True)
class RequestRow:
    """One request as the agencies page lists it."""

    request: ChronologyRequest
    agency: str
    status: RequestStatus


@dataclass(frozen=True, slots=True)
class ReturnedPack:
    """A file recognised as the answer to one of this review's requests, read exactly."""

    request: ChronologyRequest
    agency: Agency
    preview: ImportPreview


class AgencyReturns(Protocol):
    """Where the review tracks what each agency was asked for (People › Agencies)."""

    def agency_details(self, agency_id: int) -> AgencyDetails: ...
    def save_agency_details(self, details: AgencyDetails) -> None: ...


class RequestService:
    def __init__(
        self,
        repository: RequestRepository,
        chronology: ChronologyService,
        details: DetailsSource,
        timetable: TimetableService,
        register: RegisterSource,
        changes: ChangeBus | None = None,
        today: Callable[[], dt.date] | None = None,
        returns: AgencyReturns | None = None,
    ) -> None:
        self.changes = changes or ChangeBus()
        self._returns = returns
        self._repository = repository
        self._chronology = chronology
        self._details = details
        self._timetable = timetable
        self._register = register
        self._today = today or timetable.today

    # -- the pack ------------------------------------------------------------------------------
    def due_date(self) -> dt.date | None:
        """When agencies' chronologies are due, from the timetable (None if it cannot say, or
        if that date has already passed)."""
        for milestone in self._timetable.schedule():
            if milestone.kind is MilestoneKind.AGENCY_RETURNS:
                due = milestone.due
                return due if due is not None and due >= self._today() else None
        return None

    def safe_title(self) -> str:
        """The review's title with pseudonyms applied; refused if it would still identify."""
        review = self._details.load()
        register = self._register.pseudonym_register()
        title = Pseudonymiser(register).apply(review.title.strip())
        hits = LeakScanner(register).scan_pieces([TextPiece("Request pack", "Title", title)])
        if hits:
            raise InvalidInputError(
                "The review's title would name or identify someone in the request letter, even "
                "with pseudonyms applied. Change the title in the review's details (for "
                "example to 'Child M'), then make the pack again. Nothing was written."
            )
        return title or "the review"

    def prepare(self, agency_name: str, due_on: dt.date | None = None) -> PackDetails:
        """What a new pack for the agency says, with a fresh reference; nothing is stored."""
        name = " ".join(agency_name.split())
        if not name:
            raise InvalidInputError("Name the agency the chronology is asked from.")
        review = self._details.load()
        taken = {r.reference for r in self._repository.requests()}
        reference = new_reference()
        while reference in taken:
            reference = new_reference()
        today = self._today()
        if due_on is not None and due_on < today:
            raise InvalidInputError(
                f"The return date {due_on:%d/%m/%Y} has already passed. Give a later date, "
                "or none to use the timetable's. Nothing was written."
            )
        due = due_on if due_on is not None else self.due_date()
        return PackDetails(
            reference=reference,
            agency=name,
            review_title=self.safe_title(),
            review_kind=review.review_type.label,
            board=review.board.strip(),
            period=(review.scope.start, review.scope.end) if review.scope else None,
            requested_on=today,
            due_on=due,
        )

    @writes(Part.CHRONOLOGY)
    def record(
        self, pack: PackDetails, agency_type: AgencyType = AgencyType.OTHER
    ) -> ChronologyRequest:
        """Keep the pack's reference, once its files are written (adds the agency if new)."""
        agency = self._chronology.ensure_agency(pack.agency, agency_type)
        assert agency.id is not None
        stored = self._repository.add_request(
            ChronologyRequest(agency.id, pack.reference, pack.requested_on, pack.due_on)
        )
        self._track(agency.id, Request(pack.requested_on, pack.due_on))
        return stored

    def _track(self, agency_id: int, asked: Request) -> None:
        """Keep the agency's chronology request in People › Agencies in step."""
        if self._returns is not None:
            known = self._returns.agency_details(agency_id)
            self._returns.save_agency_details(dataclasses.replace(known, chronology=asked))

    def _received(self, request: ChronologyRequest, batch_id: int) -> None:
        today = self._today()
        self._repository.mark_received(request.reference, batch_id, today)
        self._track(request.agency_id, Request(request.requested_on, request.due_on, today))

    def requests(self) -> list[RequestRow]:
        names = {a.id: a.name for a in self._chronology.agencies()}
        today = self._today()
        return [
            RequestRow(r, names.get(r.agency_id, ""), r.status(today))
            for r in self._repository.requests()
        ]

    # -- the agency's answer -------------------------------------------------------------------
    def recognise(self, path: Path) -> ReturnedPack | None:
        """The request a returned file answers, read with the template's columns; None for a
        file that is not one of this review's templates (read it the ordinary way)."""
        from reviewer_app.importers.pack_return import pack_reference, preview_pack_return

        reference = pack_reference(path)
        if reference is None:
            return None
        request = next((r for r in self._repository.requests() if r.reference == reference), None)
        if request is None:
            return None
        agency = next(a for a in self._chronology.agencies() if a.id == request.agency_id)
        return ReturnedPack(request, agency, preview_pack_return(path))

    @writes(Part.CHRONOLOGY)
    def import_returned(
        self, returned: ReturnedPack, *, replaces: int | None = None
    ) -> ImportResult:
        """Import the agency's answer as its batch, and mark the request received."""
        result = self._chronology.commit_import(
            returned.preview, returned.agency, replaces=replaces
        )
        assert result.batch.id is not None
        self._received(returned.request, result.batch.id)
        return result

    @writes(Part.CHRONOLOGY)
    def received_from_file(self, path: Path, batch_id: int) -> bool:
        """After an import from `path`: if it was the completed template of one of this
        review's requests still waiting, mark that request received by this import."""
        from reviewer_app.importers.pack_return import pack_reference

        try:
            reference = pack_reference(path)
        except Exception:  # the file went away or changed since: it was imported all the same
            return False
        waiting = {r.reference: r for r in self._repository.requests() if r.received_on is None}
        if reference not in waiting:
            return False
        self._received(waiting[reference], batch_id)
        return True


def check_agency(returned: ReturnedPack, agency_name: str | None) -> None:
    """A file sent back by one agency is not imported as another's."""
    if agency_name and agency_name.strip().casefold() != returned.agency.name.casefold():
        raise InvalidInputError(
            f"This file is the chronology template sent to {returned.agency.name} (request "
            f"{returned.request.reference}), not to {agency_name.strip()}. Import it for "
            f"{returned.agency.name}. Nothing was imported."
        )
