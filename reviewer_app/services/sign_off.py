"""Use cases of sign-off and publication: who signed the report off and when, the final gate,
and the publication step.

The final gate is everything that must be right before the report is published: the panel's
and the partners' sign-off, and the readiness check (which holds the anonymisation gate's
findings and any comment on a draft still without a response). The publication step
(`publish_file`) runs the gate, then writes the publication file through the writer it is
handed (the accessible publication export, `exporters.report.service.ReportService` with
`for_publication=True`, given by the composition root or the window), then records the
publication and marks the timetable's publication milestone done, in that order: if the gate
finds anything or the export fails, nothing is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

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
from reviewer_app.wording import plural

#: The command that runs the publication step (the final gate, the export, the record).
PUBLICATION_COMMAND = "reviewer-app publish FILE --out REPORT.pdf --where TEXT"


class WrittenPublication(Protocol):
    """What writing the publication file gives back (`exporters.api.ExportResult` has it)."""

    @property
    def path(self) -> Path: ...
    @property
    def version(self) -> int | None: ...


def gate_refusal(blocking: Sequence[Problem], after: str = "") -> InvalidInputError:
    """The error saying what the final gate found (the first ten, and how many more), with
    `after` (what was not done) on a line of its own."""
    listed = "\n  ".join(p.line() for p in blocking[:10])
    more = f"\n  … and {len(blocking) - 10} more" if len(blocking) > 10 else ""
    return InvalidInputError(
        f"The report cannot be published yet: the final gate found "
        f"{plural(len(blocking), 'thing')} to put right first:\n  {listed}{more}"
        + (f"\n{after}" if after else "")
    )


class SignOffService:
    def __init__(
        self,
        repository: SignOffRepository,
        changes: ChangeBus | None = None,
        *,
        gate: Callable[[], Sequence[Problem]] = tuple,
        publication_done: Callable[[MilestoneRecord], None] | None = None,
        milestone: Callable[[MilestoneKind], MilestoneRecord] | None = None,
    ) -> None:
        self.changes = changes or ChangeBus()
        self._repository = repository
        self._gate = gate
        self._publication_done = publication_done
        self._milestone = milestone

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

    def publication_milestone(self) -> MilestoneRecord | None:
        """The timetable's publication milestone as it stands (None: not known here)."""
        return None if self._milestone is None else self._milestone(MilestoneKind.PUBLICATION)

    def _refuse_if_blocked(self, after: str) -> None:
        blocking = self.final_gate()
        if blocking:
            raise gate_refusal(blocking, after)

    @writes(Part.DRAFTS)
    def publish(self, publication: Publication) -> Publication:
        """Record the publication, after the final gate; the timetable's publication milestone
        is marked done on that date."""
        self._refuse_if_blocked("The publication was not recorded.")
        return self._record(publication)

    @writes(Part.DRAFTS)
    def publish_file(
        self,
        write: Callable[[], WrittenPublication],
        published_on: dt.date,
        where: str = "",
    ) -> Publication:
        """The publication step: the final gate, then `write()` (the accessible publication
        export, which refuses any anonymisation finding and has no override), then the record
        of the file it wrote and its version. A refusal or a failed export records nothing."""
        self._refuse_if_blocked("Nothing was written or recorded.")
        written = write()
        return self._record(
            Publication(published_on, written.path.name, where.strip(), written.version)
        )

    def _record(self, publication: Publication) -> Publication:
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
    def withdraw_publication(self, milestone: MilestoneRecord | None = None) -> None:
        """Undo a publication recorded by mistake: the record goes, and the publication
        milestone is put back as `milestone` (as it was before; None: it keeps its date). The
        file written is not deleted."""
        self._repository.save_publication(None)
        if milestone is not None and self._publication_done is not None:
            self._publication_done(milestone)
