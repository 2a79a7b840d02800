"""The Report page: choose a template, see the outline and a preview, export DOCX or PDF.

Building the preview and exporting run in the worker (`TaskRunner`); the page polls the
export's stage from a timer. When the anonymisation check blocks an export, every finding is
listed (where, what, the text around it) and the reviewer fixes them, or, for an internal
working draft only, ticks the override, which the export records in the review's log.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exporters.report.context import ChronologyMode
from exporters.report.export import ExportBlockedError, ExportResult, Format, Progress
from exporters.report.service import Preview
from exporters.report.templates import ReportTemplate
from reviewer_app.anonymisation.scan import Hit
from ui.errors import show_error
from ui.report.preview import section_html
from ui.style import heading, inline_error_label, plain_label
from ui.tasks import TaskRunner

POLL_MS = 100
CHRONOLOGY_CHOICES: tuple[tuple[str, ChronologyMode], ...] = (
    ("As the template says", "template"),
    ("Significant entries only", "significant"),
    ("The full chronology", "full"),
)


class ReportActions(Protocol):
    """What the page needs (`exporters.report.service.ReportService` provides it)."""

    def templates(self) -> tuple[ReportTemplate, ...]: ...
    def suggested_template(self) -> ReportTemplate: ...
    def preview(self, template_id: str, chronology: ChronologyMode = "template") -> Preview: ...
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
    ) -> ExportResult: ...


def _details(count: int) -> str:
    return f"{count} identifying detail{'' if count == 1 else 's'}"


class _Stage:
    """The export's current stage, written by the worker and read by the page's timer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._text = ""

    def __call__(self, text: str) -> None:
        with self._lock:
            self._text = text

    def seen(self) -> str:
        with self._lock:
            return self._text


def ask_for_path(parent: QWidget, file_format: Format, suggested: str) -> Path | None:
    kinds = {"docx": "Word document (*.docx)", "pdf": "PDF document (*.pdf)"}
    name, _ = QFileDialog.getSaveFileName(
        parent, f"Export the draft report as {file_format.upper()}", suggested, kinds[file_format]
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == f".{file_format}" else path.with_suffix(f".{file_format}")


class ReportPage(QWidget):
    #: Emitted with the result after a successful export.
    exported = Signal(object)

    def __init__(self, actions: ReportActions, runner: TaskRunner) -> None:
        super().__init__()
        self.report_actions = actions
        self.runner = runner
        self.preview_data: Preview | None = None
        self.stage: _Stage | None = None
        #: Replaced in tests; the real one asks with a save dialog (which confirms replacing).
        self.choose_path: Callable[[Format, str], Path | None] = lambda fmt, name: ask_for_path(
            self, fmt, name
        )

        self.template = QComboBox()
        self.template.setObjectName("reportTemplate")
        self.template.setAccessibleName("Report template")
        for template in actions.templates():
            self.template.addItem(template.name, template.id)
        suggested = actions.suggested_template()
        self.template.setCurrentIndex(max(0, self.template.findData(suggested.id)))
        self.chronology = QComboBox()
        self.chronology.setObjectName("reportChronology")
        self.chronology.setAccessibleName("Chronology appendix")
        for label, value in CHRONOLOGY_CHOICES:
            self.chronology.addItem(label, value)
        self.refresh = QPushButton("&Refresh preview")
        self.refresh.setObjectName("refreshPreview")
        self.refresh.clicked.connect(self.build_preview)
        self.template.currentIndexChanged.connect(self.build_preview)
        self.chronology.currentIndexChanged.connect(self.build_preview)

        form = QFormLayout()
        form.addRow("&Template:", self.template)
        form.addRow("&Chronology appendix:", self.chronology)

        self.outline = QListWidget()
        self.outline.setObjectName("reportOutline")
        self.outline.setAccessibleName("Sections of the report")
        self.outline.currentRowChanged.connect(self._show_section)
        self.preview = QTextBrowser()
        self.preview.setObjectName("reportPreview")
        self.preview.setAccessibleName("Preview of the section")
        self.preview.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.outline)
        split.addWidget(self.preview)
        split.setStretchFactor(1, 3)
        split.setSizes([330, 700])

        self.summary = plain_label()
        self.summary.setObjectName("reportSummary")
        self.export_docx = QPushButton("Export &Word document…")
        self.export_docx.setObjectName("exportDocx")
        self.export_docx.clicked.connect(lambda: self.begin_export("docx"))
        self.export_pdf = QPushButton("Export &PDF…")
        self.export_pdf.setObjectName("exportPdf")
        self.export_pdf.clicked.connect(lambda: self.begin_export("pdf"))
        self.override = QCheckBox(
            "Export anyway as an &internal working draft (not anonymised: marked on every page "
            "and recorded in the review's log)"
        )
        self.override.setObjectName("overrideCheck")
        self.override.hide()
        self.bar = QProgressBar()
        self.bar.setObjectName("exportProgress")
        self.bar.setAccessibleName("Export progress")
        self.bar.setRange(0, 0)
        self.bar.hide()
        self.status = plain_label()
        self.status.setObjectName("exportStatus")
        self.problem = inline_error_label()

        self.hits = QTreeWidget()
        self.hits.setObjectName("anonymisationHits")
        self.hits.setAccessibleName("What the anonymisation check found")
        self.hits.setHeaderLabels(["Where", "What", "Found", "Text around it"])
        self.hits.setRootIsDecorated(False)
        self.hits.setColumnWidth(0, 260)
        self.hits.setColumnWidth(1, 220)
        self.hits.setColumnWidth(2, 120)
        self.hits.hide()
        self.hits_heading = QLabel("The anonymisation check found:")
        self.hits_heading.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh)
        buttons.addStretch(1)
        buttons.addWidget(self.export_docx)
        buttons.addWidget(self.export_pdf)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading("Report"))
        layout.addWidget(
            plain_label(
                "The draft report for the panel, built from what the review holds. Sections "
                "you have not written yet show a prompt. Every export passes the anonymisation "
                "check first."
            )
        )
        layout.addLayout(form)
        layout.addWidget(split, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.hits_heading)
        layout.addWidget(self.hits, 1)
        layout.addWidget(self.override)
        layout.addLayout(buttons)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.build_preview()

    # -- preview -------------------------------------------------------------------------------
    def _template_id(self) -> str:
        return str(self.template.currentData())

    def _chronology(self) -> ChronologyMode:
        value: ChronologyMode = self.chronology.currentData()
        return value

    def build_preview(self) -> None:
        self.summary.setText("Building the preview…")
        template_id, chronology = self._template_id(), self._chronology()
        self.runner.start(
            lambda: self.report_actions.preview(template_id, chronology),
            self._previewed,
            self._failed,
        )

    def _previewed(self, preview: Preview) -> None:
        self.preview_data = preview
        self.outline.clear()
        for section in preview.report.sections:
            title = section.title or "Title page"
            item = QListWidgetItem(title if section.has_content else f"{title} (to write)")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
            self.outline.addItem(item)
        self.outline.setCurrentRow(0)
        to_write = sum(1 for s in preview.report.sections if not s.has_content)
        lines = [f"{len(preview.report.sections)} sections, {to_write} still to write."]
        if preview.hits:
            lines.append(
                f"The anonymisation check finds {_details(len(preview.hits))}: exports are "
                "blocked until they are fixed."
            )
        else:
            lines.append("The anonymisation check finds nothing identifying.")
        self.summary.setText(" ".join(lines))
        self.show_hits(preview.hits, blocking=False)

    def _show_section(self, row: int) -> None:
        if self.preview_data is None or row < 0:
            return
        sections = self.preview_data.report.sections
        if row < len(sections):
            self.preview.setHtml(section_html(sections[row]))

    # -- export --------------------------------------------------------------------------------
    def begin_export(self, file_format: Format) -> None:
        if self.stage is not None:
            return
        path = self.choose_path(file_format, f"Draft report.{file_format}")
        if path is None:
            return
        stage = _Stage()
        self.stage = stage
        template_id, chronology = self._template_id(), self._chronology()
        override = not self.override.isHidden() and self.override.isChecked()
        self.problem.hide()
        self._busy(True)
        self.runner.start(
            lambda: self.report_actions.export(
                template_id,
                file_format,
                path,
                chronology=chronology,
                override=override,
                overwrite=True,  # the save dialog has already asked about replacing
                progress=stage,
            ),
            self._exported,
            self._export_failed,
        )

    def _busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        for widget in (self.export_docx, self.export_pdf, self.refresh, self.template):
            widget.setEnabled(not busy)
        if busy:
            self.status.setText("Exporting…")
            self.timer.start()
        else:
            self.timer.stop()
            self.stage = None

    def _poll(self) -> None:
        if self.stage is not None and self.stage.seen():
            self.status.setText(f"{self.stage.seen()}…")

    def _exported(self, result: ExportResult) -> None:
        self._busy(False)
        extra = ""
        if result.overridden:
            extra = (
                f" It is an internal working draft: {_details(result.overridden)} left in, "
                "and the override is recorded in the review's log."
            )
        self.status.setText(f"Exported '{result.path.name}'.{extra}")
        if not result.overridden:
            self.show_hits([], blocking=False)
        self.override.setChecked(False)
        self.exported.emit(result)

    def _export_failed(self, error: Exception) -> None:
        self._busy(False)
        if isinstance(error, ExportBlockedError):
            self.status.setText(
                f"Not exported: the anonymisation check found {_details(len(error.hits))}. "
                "Fix them (pseudonyms or the text), then export again."
            )
            self.show_hits(error.hits, blocking=True)
            return
        self.status.setText("Not exported.")
        self._failed(error)

    def _failed(self, error: Exception) -> None:
        show_error(self, error)

    def show_hits(self, hits: list[Hit], *, blocking: bool) -> None:
        self.hits.clear()
        for hit in hits:
            where = f"{hit.section} — {hit.block}" if hit.block else hit.section
            item = QTreeWidgetItem([where, hit.what, hit.found, hit.context])
            for column in range(4):
                item.setToolTip(column, item.text(column))
            self.hits.addTopLevelItem(item)
        shown = bool(hits)
        self.hits.setVisible(shown)
        self.hits_heading.setVisible(shown)
        self.override.setVisible(shown and (blocking or not self.override.isHidden()))
