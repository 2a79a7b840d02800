"""What the Report page (and any other caller) is handed: one object over the review's data.

The composition root wires it with callables that read the open review, so building a preview
or exporting always uses the current data, and the window never sees storage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from exporters.report.build import build_report
from exporters.report.context import ChronologyMode, ReportOptions
from exporters.report.control import DocumentStatus
from exporters.report.export import ExportResult, Format, Progress, check_report, export_report
from exporters.report.templates import (
    ReportTemplate,
    available_templates,
    template_by_id,
    template_for,
)
from exporters.report_model import Report
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.scan import Hit
from reviewer_app.reporting.inputs import ReportInputs, register_for
from reviewer_app.reporting.log import ReviewLog
from reviewer_app.review import Methodology


@dataclass(frozen=True, slots=True)
class Preview:
    report: Report
    hits: list[Hit]


class ReportService:
    def __init__(
        self,
        inputs: Callable[[], ReportInputs],
        register: Callable[[], PseudonymRegister] | None = None,
        log: ReviewLog | None = None,
        methodology: Callable[[], Methodology] | None = None,
    ) -> None:
        self._inputs = inputs
        self._register = register or PseudonymRegister
        self.log = log
        #: The review's methodology read alone (`inputs` loads every chronology entry)
        self._methodology = methodology or (lambda: inputs().snapshot.details.methodology)

    def templates(self) -> tuple[ReportTemplate, ...]:
        return available_templates()

    def suggested_template(self) -> ReportTemplate:
        return template_for(self._methodology())

    def preview(self, template_id: str, chronology: ChronologyMode = "template") -> Preview:
        """The report model and its anonymisation hits (runs in a worker)."""
        inputs = self._inputs()
        register = register_for(inputs.snapshot, self._register())
        report = build_report(
            inputs, template_by_id(template_id), register, ReportOptions(chronology=chronology)
        )
        return Preview(report, check_report(report, register))

    def export(
        self,
        template_id: str,
        file_format: Format,
        path: Path,
        *,
        chronology: ChronologyMode = "template",
        override: bool = False,
        overwrite: bool = False,
        progress: Progress | None = None,
        lead_reviewer: str = "",
        for_publication: bool = False,
        status: DocumentStatus = DocumentStatus.PANEL,
    ) -> ExportResult:
        """Write the report marked with `status` (`override`: as an internal working draft,
        over any hits; `for_publication`: the final version as an accessible PDF, never over
        hits). `lead_reviewer`: a name over the one in the review's details."""
        return export_report(
            self._inputs(),
            file_format,
            path,
            template=template_by_id(template_id),
            register=self._register(),
            options=ReportOptions(
                chronology=chronology, status=status, lead_reviewer=lead_reviewer
            ),
            override=override,
            log=self.log,
            overwrite=overwrite,
            progress=progress,
            for_publication=for_publication,
        )
