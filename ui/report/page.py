"""The Report page: choose a template, see the outline and a preview, export DOCX or PDF
(the draft), or the final version for publication (an accessible, tagged PDF).

Building the preview and exporting run in the worker (`TaskRunner`); the page polls the
export's stage from a timer. When the anonymisation check blocks an export, every finding is
listed (where, what, the form found, the text around it, and the actions offered) and the
reviewer fixes the text, or chooses an action for the selected finding ("Replace with
pseudonym", "Add to register", "Not a name": the decision is kept in the review and the preview
is checked again), or, for an internal working draft only, ticks the override, which the export
records in the review's log. The report for publication is never exported over a finding.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
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

from exporters.api import (
    ChronologyMode,
    DocumentStatus,
    ExportBlockedError,
    ExportResult,
    Format,
    Preview,
    Progress,
    ReportTemplate,
)
from reviewer_app.anonymisation.scan import Action, Hit
from ui.errors import show_error
from ui.report.preview import section_html
from ui.report.section_editor import SectionEditor, SectionWriting, asking_for_text
from ui.style import heading, inline_error_label, plain_label, wrap_list_items
from ui.tasks import TaskRunner

POLL_MS = 100
#: How long after the reviewer's text is saved the preview is built again (typing on waits).
PREVIEW_AFTER_SAVE_MS = 700
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
        for_publication: bool = False,
        status: DocumentStatus = DocumentStatus.PANEL,
    ) -> ExportResult: ...


class HitActions(Protocol):
    """What the page does with a finding (`reviewer_app.anonymisation.GateDecisions`)."""

    def not_a_name(self, hit: Hit) -> object: ...
    def replace_with(self, hit: Hit, pseudonym: str) -> object: ...
    def add_to_register(self, hit: Hit, pseudonym: str) -> None: ...


PUBLICATION_NAME = "Report for publication.pdf"
HIT_COLUMNS = ["Where", "What", "Found", "Text around it", "Form found", "Action offered"]


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
    what = "the report for publication" if suggested == PUBLICATION_NAME else "the draft report"
    name, _ = QFileDialog.getSaveFileName(
        parent, f"Export {what} as {file_format.upper()}", suggested, kinds[file_format]
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == f".{file_format}" else path.with_suffix(f".{file_format}")


class ReportPage(QWidget):
    #: Emitted with the result after a successful export.
    exported = Signal(object)

    def __init__(
        self,
        actions: ReportActions,
        runner: TaskRunner,
        decisions: HitActions | None = None,
        *,
        writing: SectionWriting | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__()
        self.report_actions = actions
        self.runner = runner
        self.decisions = decisions
        #: Where the reviewer writes the narrative sections (None: this page only shows them).
        self.editor: SectionEditor | None = None
        if writing is not None:
            self.editor = SectionEditor(writing, undo_stack or QUndoStack(self), runner, self)
        self.shown_hits: list[Hit] = []
        self.preview_data: Preview | None = None
        self.stage: _Stage | None = None
        self.publishing = False  # whether the export under way is the one for publication
        #: Replaced in tests; the real one asks with a save dialog (which confirms replacing).
        self.choose_path: Callable[[Format, str], Path | None] = lambda fmt, name: ask_for_path(
            self, fmt, name
        )
        #: Replaced in tests; the real ones ask with a small dialog.
        self.choose_pseudonym: Callable[[tuple[str, ...]], str | None] = self._choose_pseudonym
        self.ask_new_pseudonym: Callable[[str], str | None] = self._ask_new_pseudonym

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
        self.document_status = QComboBox()
        self.document_status.setObjectName("reportStatus")
        self.document_status.setAccessibleName("Status of the report")
        self.document_status.setToolTip(
            "What the exported report says it is, on its title page, in every header and in "
            "its watermark: an internal working draft is marked not for circulation; a final "
            "report for publication has no draft watermark."
        )
        for status in DocumentStatus:
            self.document_status.addItem(status.label, status.value)
        self.document_status.setCurrentIndex(
            self.document_status.findData(DocumentStatus.PANEL.value)
        )
        self.refresh = QPushButton("&Refresh preview")
        self.refresh.setObjectName("refreshPreview")
        self.refresh.clicked.connect(self.build_preview)
        self.template.currentIndexChanged.connect(self._template_chosen)
        self.chronology.currentIndexChanged.connect(self.build_preview)

        form = QFormLayout()
        form.addRow("&Template:", self.template)
        form.addRow("&Chronology appendix:", self.chronology)
        form.addRow("Stat&us of the report:", self.document_status)

        self.outline = wrap_list_items(QListWidget())
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
        if self.editor is not None:
            split.addWidget(self.editor)
            split.setStretchFactor(2, 3)
            split.setSizes([240, 480, 480])
            self.editor.section_list.currentRowChanged.connect(lambda _row: self._follow_editor())
            self.editor.saved.connect(self._text_saved)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_AFTER_SAVE_MS)
        self.preview_timer.timeout.connect(self.build_preview)
        self._preview_stale = False  # text saved while the page was hidden

        self.summary = plain_label()
        self.summary.setObjectName("reportSummary")
        self.export_docx = QPushButton("Export &Word document…")
        self.export_docx.setObjectName("exportDocx")
        self.export_docx.clicked.connect(lambda: self.begin_export("docx"))
        self.export_pdf = QPushButton("Export &PDF…")
        self.export_pdf.setObjectName("exportPdf")
        self.export_pdf.clicked.connect(lambda: self.begin_export("pdf"))
        self.export_publication = QPushButton("Export PDF for p&ublication…")
        self.export_publication.setObjectName("exportPublication")
        self.export_publication.setToolTip(
            "The final version as an accessible (tagged) PDF: no draft marks, no prompts, "
            "never exported over the anonymisation check"
        )
        self.export_publication.clicked.connect(
            lambda: self.begin_export("pdf", for_publication=True)
        )
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
        self.hits.setHeaderLabels(HIT_COLUMNS)
        self.hits.setRootIsDecorated(False)
        self.hits.setColumnWidth(0, 260)
        self.hits.setColumnWidth(1, 220)
        self.hits.setColumnWidth(2, 120)
        self.hits.setColumnWidth(3, 300)
        self.hits.setColumnWidth(4, 200)
        self.hits.currentItemChanged.connect(lambda *_: self._offer_actions())
        self.hits.hide()
        self.hits_heading = QLabel("The anonymisation check found:")
        self.hits_heading.hide()
        self.replace_button = QPushButton("Replace with p&seudonym…")
        self.replace_button.setObjectName("hitReplace")
        self.replace_button.clicked.connect(self._replace)
        self.register_button = QPushButton("&Add to register…")
        self.register_button.setObjectName("hitAddToRegister")
        self.register_button.clicked.connect(self._add_to_register)
        self.not_name_button = QPushButton("&Not a name")
        self.not_name_button.setObjectName("hitNotAName")
        self.not_name_button.clicked.connect(self._not_a_name)
        self.hit_buttons = QWidget()
        row = QHBoxLayout(self.hit_buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("For the selected finding:"))
        for button in (self.replace_button, self.register_button, self.not_name_button):
            row.addWidget(button)
        row.addStretch(1)
        self.hit_buttons.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh)
        buttons.addStretch(1)
        buttons.addWidget(self.export_docx)
        buttons.addWidget(self.export_pdf)
        buttons.addWidget(self.export_publication)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(heading("Report"))
        layout.addWidget(
            plain_label(
                "The draft report for the panel, built from what the review holds and what you "
                "write here. Choose a section to write on the right: it is saved as you type, "
                "and the preview follows. Sections you have not written yet show a prompt. "
                "Every export passes the anonymisation check first. The PDF for publication is "
                "the final version, accessible to screen readers, without draft marks or "
                "prompts."
            )
        )
        layout.addLayout(form)
        layout.addWidget(split, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.hits_heading)
        layout.addWidget(self.hits, 1)
        layout.addWidget(self.hit_buttons)
        layout.addWidget(self.override)
        layout.addLayout(buttons)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        if self.editor is not None:
            self.editor.set_template(self._chosen_template())
            self.editor.reload()
        self.build_preview()

    # -- preview -------------------------------------------------------------------------------
    def _template_id(self) -> str:
        return str(self.template.currentData())

    def _chronology(self) -> ChronologyMode:
        value: ChronologyMode = self.chronology.currentData()
        return value

    def _chosen_template(self) -> ReportTemplate:
        chosen = self._template_id()
        templates = self.report_actions.templates()
        return next((t for t in templates if t.id == chosen), templates[0])

    def _template_chosen(self) -> None:
        if self.editor is not None:
            self.editor.set_template(self._chosen_template())
        self.build_preview()

    def _text_saved(self) -> None:
        if not self.isVisible():
            self._preview_stale = True  # built again when the page is next shown
            return
        self.summary.setText("Your text is saved; the preview follows in a moment…")
        self.preview_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        if self.editor is not None:
            self.editor.flush()  # leaving the page keeps what was typed
        if self.preview_timer.isActive():
            self.preview_timer.stop()
            self._preview_stale = True
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._preview_stale:
            self._preview_stale = False
            self.build_preview()

    def _follow_editor(self) -> None:
        """Show the section being written in the preview."""
        if self.editor is not None:
            self._select_in_outline(self.editor.current_key())

    def _select_in_outline(self, key: str) -> bool:
        if self.preview_data is None or not key:
            return False
        keys = [s.key for s in self.preview_data.report.sections]
        if key not in keys:
            return False
        self.outline.setCurrentRow(keys.index(key))
        return True

    def flush(self) -> bool:
        """Save what is typed but not yet saved (before locking or closing)."""
        return self.editor.flush() if self.editor is not None else True

    def clear(self) -> None:
        """Blank what shows the case (the review is locking): typing is saved first."""
        self.preview_timer.stop()
        if self.editor is not None:
            self.editor.clear()
        self.preview_data = None
        self.outline.clear()
        self.preview.clear()
        self.summary.clear()
        self.show_hits([], blocking=False)

    def build_preview(self) -> None:
        self.preview_timer.stop()
        self._preview_stale = False
        self.summary.setText("Building the preview…")
        template_id, chronology = self._template_id(), self._chronology()
        self.runner.start(
            lambda: self.report_actions.preview(template_id, chronology),
            self._previewed,
            self._failed,
        )

    def _previewed(self, preview: Preview) -> None:
        shown = self.outline.currentRow()
        before = self.preview_data.report.sections if self.preview_data is not None else ()
        shown_key = before[shown].key if 0 <= shown < len(before) else ""
        if not shown_key and self.editor is not None:
            shown_key = self.editor.current_key()  # at first, the section being written
        self.preview_data = preview
        self.outline.clear()
        needed = asking_for_text(preview.report.sections)
        for section in preview.report.sections:
            title = section.title or "Title page"
            state = "" if section.key not in needed else "to write"
            if state and section.has_content:
                state = "part to write"  # the review fills some of it; a note asks for the rest
            item = QListWidgetItem(f"{title} ({state})" if state else title)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"{title}, {state}" if state else title
            )
            self.outline.addItem(item)
        if not self._select_in_outline(shown_key):
            self.outline.setCurrentRow(0)
        to_write = len(needed)
        if self.editor is not None:
            self.editor.set_needed(needed)
        lines = [
            f"{len(preview.report.sections)} sections, {to_write} with something still to write."
        ]
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
    def begin_export(self, file_format: Format, *, for_publication: bool = False) -> None:
        if self.stage is not None:
            return
        suggested = PUBLICATION_NAME if for_publication else f"Draft report.{file_format}"
        path = self.choose_path(file_format, suggested)
        if path is None:
            return
        stage = _Stage()
        self.stage = stage
        self.publishing = for_publication
        template_id, chronology = self._template_id(), self._chronology()
        override = (
            not for_publication and not self.override.isHidden() and self.override.isChecked()
        )
        status = DocumentStatus(self.document_status.currentData())
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
                for_publication=for_publication,
                status=status,
            ),
            self._exported,
            self._export_failed,
        )

    def _busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        exports = (self.export_docx, self.export_pdf, self.export_publication)
        for widget in (*exports, self.refresh, self.template, self.document_status):
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
        version = f", version {result.version}" if result.version else ""
        extra = ""
        if result.status == "internal":
            extra = (
                " It is an internal working draft, marked INTERNAL WORKING DRAFT – NOT "
                "ANONYMISED – NOT FOR CIRCULATION on the title page, the watermark and every "
                "footer"
                + (
                    f": {_details(result.overridden)} left in, and the override is recorded "
                    "in the review's log."
                    if result.overridden
                    else "."
                )
            )
        if result.status == "final":
            extra = " It is the final version for publication: an accessible, tagged PDF."
            if result.unfinished:
                count = len(result.unfinished)
                extra += (
                    f" {count} part{'' if count == 1 else 's'} had nothing written yet, so "
                    "only the heading and what the app wrote are there: "
                    + ", ".join(result.unfinished)
                    + ". Write them before the report is published."
                )
        self.status.setText(f"Exported '{result.path.name}'{version}.{extra}")
        if not result.overridden:
            self.show_hits([], blocking=False)
        self.override.setChecked(False)
        self.exported.emit(result)

    def _export_failed(self, error: Exception) -> None:
        self._busy(False)
        if isinstance(error, ExportBlockedError):
            never = (
                " A report for publication cannot be exported over them." if self.publishing else ""
            )
            self.status.setText(
                f"Not exported: the anonymisation check found {_details(len(error.hits))}. "
                f"Fix them (pseudonyms or the text), then export again.{never}"
            )
            self.show_hits(error.hits, blocking=not self.publishing)
            return
        self.status.setText("Not exported.")
        self._failed(error)

    def _failed(self, error: Exception) -> None:
        show_error(self, error)

    def show_hits(self, hits: list[Hit], *, blocking: bool) -> None:
        self.hits.clear()
        self.shown_hits = list(hits)
        for hit in hits:
            columns = [hit.where, hit.what, hit.found, hit.context, hit.form, hit.offered()]
            item = QTreeWidgetItem(columns)
            for column in range(len(columns)):
                item.setToolTip(column, item.text(column))
            self.hits.addTopLevelItem(item)
        shown = bool(hits)
        self.hits.setVisible(shown)
        self.hits_heading.setVisible(shown)
        self.hit_buttons.setVisible(shown and self.decisions is not None)
        self.override.setVisible(shown and (blocking or not self.override.isHidden()))
        first = self.hits.topLevelItem(0)
        if first is not None:
            self.hits.setCurrentItem(first)
        self._offer_actions()

    # -- what the reviewer does about a finding -------------------------------------------------
    def selected_hit(self) -> Hit | None:
        current = self.hits.currentItem()
        row = self.hits.indexOfTopLevelItem(current) if current is not None else -1
        return self.shown_hits[row] if 0 <= row < len(self.shown_hits) else None

    def _offer_actions(self) -> None:
        hit = self.selected_hit()
        offered = hit.actions if hit is not None and self.decisions is not None else ()
        self.replace_button.setEnabled(Action.REPLACE in offered and bool(hit and hit.pseudonyms))
        self.register_button.setEnabled(Action.ADD_TO_REGISTER in offered)
        self.not_name_button.setEnabled(Action.NOT_A_NAME in offered)

    def _choose_pseudonym(self, pseudonyms: tuple[str, ...]) -> str | None:
        if len(pseudonyms) == 1:
            return pseudonyms[0]
        chosen, ok = QInputDialog.getItem(
            self, "Replace with pseudonym", "Whom does this name?", list(pseudonyms), 0, False
        )
        return chosen if ok else None

    def _ask_new_pseudonym(self, found: str) -> str | None:
        text, ok = QInputDialog.getText(
            self,
            "Add to register",
            f"A pseudonym for '{found}' (such as 'Health Visitor 2' or 'Uncle'):",
        )
        return text if ok and text.strip() else None

    def _decided(self, work: Callable[[], object]) -> None:
        try:
            work()
        except Exception as error:  # shown to the reviewer, as every error is
            self._failed(error)
            return
        self.status.setText("Decision kept in the review; checking the report again…")
        self.build_preview()

    def _replace(self) -> None:
        hit = self.selected_hit()
        if hit is None or self.decisions is None:
            return
        pseudonym = self.choose_pseudonym(hit.pseudonyms)
        if pseudonym:
            decisions = self.decisions
            self._decided(lambda: decisions.replace_with(hit, pseudonym))

    def _add_to_register(self) -> None:
        hit = self.selected_hit()
        if hit is None or self.decisions is None:
            return
        pseudonym = self.ask_new_pseudonym(hit.found)
        if pseudonym:
            decisions = self.decisions
            self._decided(lambda: decisions.add_to_register(hit, pseudonym))

    def _not_a_name(self) -> None:
        hit = self.selected_hit()
        if hit is not None and self.decisions is not None:
            decisions = self.decisions
            self._decided(lambda: decisions.not_a_name(hit))
