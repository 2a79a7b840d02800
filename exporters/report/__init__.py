"""The draft report: template -> `Report` model -> DOCX / PDF, through the anonymisation gate."""

from exporters.report.build import build_report
from exporters.report.context import ReportOptions
from exporters.report.export import (
    ExportBlockedError,
    ExportResult,
    check_report,
    check_review,
    export_report,
)
from exporters.report.templates import available_templates, template_by_id, template_for

__all__ = [
    "ExportBlockedError",
    "ExportResult",
    "ReportOptions",
    "available_templates",
    "build_report",
    "check_report",
    "check_review",
    "export_report",
    "template_by_id",
    "template_for",
]
