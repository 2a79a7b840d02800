"""Use cases of sign-off and publication: who signed the report off and when, the final gate,
and the publication step.

The final gate is everything that must be right before the report is published: the panel's
and the partners' sign-off, and the readiness check (which holds the anonymisation gate's
findings and any comment on a draft still without a response). The publication file itself is
the accessible publication export (`reviewer-app export FILE --format pdf --publication`,
`exporters.report.service.ReportService`); this service records that it was published.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reviewer_app.drafts.sign_off import (
    Publication,
    SignOff,
    SignOffRepository,
    missing_sign_offs,
)
from reviewer_app.errors import InvalidInputError
from reviewer_app.problems import Category, Problem
from reviewer_app.services.changes import ChangeBus, Part, writes
from reviewer_app.timetable.rules import MilestoneKind
from reviewer_app.timetable.schedule import MilestoneRecord

#: The command that writes the publication file (the export service's publication choice).
PUBLICATION_EXPORT = "reviewer-app export FILE --format pdf --publication --out FILE.pdf"


class SignOffService:
    def __init__(
        self,
        repository: SignOffRepository,
        changes: ChangeBus | None = None,
        *,
        gate: Callable[[], Sequence[Problem]] = tuple,
        publication_done: Callable[[MilestoneRecord], None] | None = None,
    ) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository
        self._gate = gate
        self._publication_done = publication_done

    def sign_offs(self) -> list[SignOff]:
        return self._repository.sign_offs()

    @writes(Part.DRAFTS)
    def add_sign_off(self, sign_off: SignOff) -> SignOff:
        return self._repository.add_sign_off(sign_off)

    @writes(Part.DRAFTS)
    def remove_sign_off(self, sign_off: SignOff) -> None:
        if sign_off.id is not None:
            self._repository.remove_sign_off(sign_off.id)

    def publication(self) -> Publication | None:
        return self._repository.publication()

    def final_gate(self) -> list[Problem]:
        """What stands between the report and publication (empty: it may be published)."""
        found = [
            Problem(Category.SIGN_OFF, f"{who.label} has not signed the report off.", "timetable")
            for who in missing_sign_offs(self._repository.sign_offs())
        ]
        return [*found, *self._gate()]

    @writes(Part.DRAFTS)
    def publish(self, publication: Publication) -> Publication:
        """Record the publication, after the final gate; the timetable's publication milestone
        is marked done on that date."""
        blocking = self.final_gate()
        if blocking:
            listed = "\n  ".join(p.line() for p in blocking[:10])
            more = f"\n  … and {len(blocking) - 10} more" if len(blocking) > 10 else ""
            raise InvalidInputError(
                f"The report cannot be recorded as published: the final gate found "
                f"{len(blocking)} thing(s) to put right first:\n  {listed}{more}"
            )
        self._repository.save_publication(publication)
        if self._publication_done is not None:
            self._publication_done(
                MilestoneRecord(
                    MilestoneKind.PUBLICATION,
                    done_on=publication.published_on,
                    note=f"Published: {publication.file_name}",
                )
            )
        return publication

    @writes(Part.DRAFTS)
    def withdraw_publication(self) -> None:
        """Undo a publication recorded by mistake (the milestone keeps its date)."""
        self._repository.save_publication(None)
