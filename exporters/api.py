"""What the window may use of the exporters: this module, never their insides.

The report page shows the report model and the export's outcome; the import wizard writes a
validation report; the collation window writes a briefing. Everything else the exporters do
reaches the window through the services the composition root builds.
"""

from __future__ import annotations

from exporters.action_plan import ActionPlanWritten, PlanFormat, export_action_plan
from exporters.briefing import export_briefing
from exporters.collation_table import TableFormat, write_collation_table
from exporters.rapid_review import RapidReviewWritten, export_rapid_review
from exporters.report.context import ChronologyMode
from exporters.report.control import DocumentStatus
from exporters.report.export import ExportBlockedError, ExportResult, Format, Progress
from exporters.report.service import Preview
from exporters.report.templates import ReportTemplate, TemplateSection, written_sections
from exporters.report_model import (
    BulletList,
    Contents,
    Heading,
    Note,
    NoteKind,
    Paragraph,
    Section,
    Table,
    TitlePage,
)
from exporters.request_pack import WrittenPack, write_request_pack
from exporters.validation_report import (
    MUST_CORRECT,
    PLEASE_CHECK,
    report_lines,
    write_validation_report,
)

__all__ = [
    "MUST_CORRECT",
    "PLEASE_CHECK",
    "ActionPlanWritten",
    "BulletList",
    "ChronologyMode",
    "Contents",
    "DocumentStatus",
    "ExportBlockedError",
    "ExportResult",
    "Format",
    "Heading",
    "Note",
    "NoteKind",
    "Paragraph",
    "PlanFormat",
    "Preview",
    "Progress",
    "RapidReviewWritten",
    "ReportTemplate",
    "Section",
    "Table",
    "TableFormat",
    "TemplateSection",
    "TitlePage",
    "WrittenPack",
    "export_action_plan",
    "export_briefing",
    "export_rapid_review",
    "report_lines",
    "write_collation_table",
    "write_request_pack",
    "write_validation_report",
    "written_sections",
]
