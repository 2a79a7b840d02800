"""Every report export goes through here: build, pseudonymise, scan, render, scan again, write.

The gate scans the report model (every block, with where it is and which words the reviewer
wrote) and then, as a second stage, what was actually rendered, read back from the bytes about
to be written: every part of the DOCX zip, and for the PDF every page's text, the document
information and the bookmarks (pypdf reads the file's structure, `pdf_text` its pages' text:
an independent reading of the file, not of what the renderer meant to draw). Any hit blocks
the export and nothing is written. Only an internal working draft may be exported over hits,
by explicit override, which is recorded in the review's log (date, format and count, never
what was found) and printed on every page of the draft. The report for publication
(`publication=True`: the final version, a tagged PDF/UA-1 file, `exporters/publication_pdf.py`)
never may: it is refused over any hit, in the model or in the file.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pypdf import PdfReader

from exporters.docx_renderer import docx_bytes
from exporters.pdf_renderer import pdf_bytes
from exporters.publication_pdf import publication_pdf_bytes
from exporters.report import control, publication
from exporters.report.build import build_report
from exporters.report.context import ReportOptions
from exporters.report.control import DocumentStatus
from exporters.report.docx_text import XML_TEXT, docx_texts
from exporters.report.judged import Judged
from exporters.report.pdf_text import pages_text
from exporters.report.templates import ReportTemplate
from exporters.report_model import Report, text_pieces
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.scan import Hit, LeakScanner, TextPiece
from reviewer_app.errors import FileAlreadyThereError, UserFacingError
from reviewer_app.new_files import write_new_atomic
from reviewer_app.reporting.inputs import ReportInputs, register_for
from reviewer_app.reporting.log import ReviewLog, override_entry

Format = Literal["docx", "pdf"]
FORMATS: tuple[Format, ...] = ("docx", "pdf")
Progress = Callable[[str], None]
_LISTED = 25


class ExportBlockedError(UserFacingError):
    """The anonymisation check found identifying details; nothing was written.

    `hits` holds every finding with the text around it, for the window's list. The message
    itself names only where each is and what kind it is, never the found text, because
    messages may be printed where case text must not go.
    """

    title = "The report was not exported"

    def __init__(self, hits: list[Hit], *, for_publication: bool = False) -> None:
        self.hits = hits
        count = len(hits)
        lines = [h.describe(with_text=False) for h in hits[:_LISTED]]
        if count > _LISTED:
            lines.append(f"… and {count - _LISTED} more")
        noun = "thing" if count == 1 else "things"
        override = (
            "a report for publication is never exported over them"
            if for_publication
            else "an internal working draft may be exported with the override"
        )
        super().__init__(
            f"The anonymisation check found {count} {noun} that could identify the family, so "
            "nothing was exported. Apply pseudonyms or change the text, then export again "
            f"({override}):\n  " + "\n  ".join(lines)
        )


class NoReviewLogError(UserFacingError):
    title = "The override could not be recorded"


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    file_format: Format
    overridden: int  # hits exported anyway in an internal working draft (0 normally)
    size: int
    status: DocumentStatus = DocumentStatus.PANEL  # what the file is marked as
    version: int | None = None  # its version (None: exported without the review's log)
    #: For publication: the sections whose prompts for the reviewer were left out, because
    #: nothing is written there yet (by their numbered titles, the template's words).
    unfinished: tuple[str, ...] = ()


def check_report(
    report: Report, register: PseudonymRegister, pieces: list[TextPiece] | None = None
) -> list[Hit]:
    """Hits in the report model itself, with the section and item of each.

    Every registered form, date of birth, address, postcode, phone and NHS number anywhere;
    names that are everyday words and possible names not in the register only in what the
    reviewer wrote (`Report.written`). `pieces`: the report's `text_pieces`, if to hand."""
    read = pieces if pieces is not None else list(text_pieces(report))
    return LeakScanner(register, unregistered=True).scan_pieces(read)


def check_review(
    inputs: ReportInputs,
    register: PseudonymRegister | None = None,
    template: ReportTemplate | None = None,
) -> list[Hit]:
    """What `reviewer-app check` reports: hits in the report with the full chronology."""
    full = register_for(inputs.snapshot, register or PseudonymRegister())
    report = build_report(inputs, template, full, ReportOptions(chronology="full"))
    return check_report(report, full)


def pdf_texts(data: bytes) -> list[TextPiece]:
    """What a PDF says, read back from its bytes: each page's text (`pdf_text`: pypdf for the
    file's structure, the content streams read in one pass each), the document information,
    the bookmarks (outline), the descriptions of links (a tagged PDF gives each one) and the
    XMP metadata (a tagged PDF repeats its title there)."""
    reader = PdfReader(io.BytesIO(data))
    pieces = [
        TextPiece("The PDF file", f"page {n}", text, written=())
        for n, text in enumerate(pages_text(reader.pages), start=1)
    ]
    info: dict[str, Any] = dict(reader.metadata or {})
    pieces.append(
        TextPiece(
            "The PDF file",
            "document properties",
            "\n".join(str(v) for v in info.values()),
            written=(),
        )
    )
    pieces.append(
        TextPiece("The PDF file", "bookmarks", "\n".join(_outline(reader.outline)), written=())
    )
    links = "\n".join(_annotations(reader))
    if links:  # (the draft's links have no descriptions)
        pieces.append(TextPiece("The PDF file", "link descriptions", links, written=()))
    xmp = reader.root_object.get("/Metadata")
    if xmp is not None:
        packet = xmp.get_object().get_data()
        text = html.unescape(b" ".join(XML_TEXT.findall(packet)).decode("utf-8", "replace"))
        pieces.append(TextPiece("The PDF file", "XMP metadata", text, written=()))
    return pieces


def _annotations(reader: PdfReader) -> Iterator[str]:
    """The descriptions of links and other annotations (a tagged PDF gives each link one)."""
    for page in reader.pages:
        for annotation in page.get("/Annots") or ():
            contents = annotation.get_object().get("/Contents")
            if contents:
                yield str(contents)


def _outline(items: Iterable[Any]) -> Iterator[str]:
    for item in items:
        if isinstance(item, list):
            yield from _outline(item)
        else:
            yield str(getattr(item, "title", "") or "")


def rendered_pieces(
    data: bytes, file_format: Format, report: Report | None = None
) -> list[TextPiece]:
    """Every text of the written file, as the second stage of the check reads it. None of it
    counts as the reviewer's: the words the reviewer wrote were judged in the report model,
    so here only what cannot be an everyday word is looked for. (`report` is not needed: what
    the PDF draws beyond the model is read back from the file itself.)"""
    if file_format == "docx":
        return docx_texts(data)
    return pdf_texts(data)


def check_written(
    data: bytes,
    file_format: Format,
    register: PseudonymRegister,
    scanned: frozenset[str] = frozenset(),
) -> list[Hit]:
    """The second stage: the file as written, read back, scanned for every registered form.

    `scanned` holds the lines of the report model that the first stage has just read; a line
    of the file that is exactly one of them (or, in a PDF, lines that are one of them wrapped)
    has been judged (with what the reviewer wrote read more strictly than here), so only the
    file's other lines are read again: what the renderer added, and anything it changed
    (`judged`). The generic shapes (postcodes, phone numbers)
    were checked in the model; in a file's XML they would match style ids and colours, so the
    file is checked for the register's terms.
    """
    pieces = rendered_pieces(data, file_format)
    if scanned:
        judged = Judged(scanned, wrapped=file_format == "pdf")
        pieces = [replace(piece, text=judged.unread(piece.text)) for piece in pieces]
    return LeakScanner(register, generic=False).scan_pieces(pieces)


def model_lines(pieces: Iterable[TextPiece]) -> frozenset[str]:
    """Every line of the report model's texts, as the first stage read them."""
    texts = {piece.text for piece in pieces}
    return frozenset(line.strip() for text in texts for line in text.split("\n"))


def render(report: Report, file_format: Format) -> bytes:
    return docx_bytes(report) if file_format == "docx" else pdf_bytes(report)


def _write_new(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write through a private temporary file in the same folder, then move into place
    (`reviewer_app.new_files.write_new_atomic`): never half-written, never over a file unless
    `overwrite`."""
    try:
        write_new_atomic(path, data, replace=overwrite)
    except FileAlreadyThereError as exc:
        if not os.path.lexists(path):
            raise
        raise FileAlreadyThereError(
            f"'{path.name}' already exists, so the report was not written. Choose another "
            "name, or confirm that the old file should be replaced."
        ) from exc


def export_report(
    inputs: ReportInputs,
    file_format: Format,
    path: Path,
    *,
    template: ReportTemplate | None = None,
    register: PseudonymRegister | None = None,
    options: ReportOptions | None = None,
    override: bool = False,
    log: ReviewLog | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    for_publication: bool = False,
) -> ExportResult:
    """Export the draft report, or raise `ExportBlockedError` listing every hit.

    `override=True` makes an internal working draft, marked "INTERNAL WORKING DRAFT – NOT
    ANONYMISED – NOT FOR CIRCULATION" on the title page, the watermark and every footer,
    whether or not the check finds anything; only then may the export go ahead over hits,
    which is recorded in `log` (required then). With a `log`, the export's version is taken
    from it and the export recorded there (`control`: counts and a digest, never text).

    `for_publication=True` writes the final version as a tagged PDF/UA-1 file: marked final,
    without the prompts for the reviewer (`ExportResult.unfinished` names where they were),
    and refused over any hit: it cannot be overridden.
    """
    if file_format not in FORMATS:
        raise UserFacingError(f"Reports can be exported as DOCX or PDF, not '{file_format}'.")
    step = progress or (lambda _stage: None)
    options = options or ReportOptions()
    if for_publication:
        if override:
            raise publication.refuse_override()
        if file_format != "pdf":
            raise publication.refuse_format(file_format)
        options = replace(options, status=DocumentStatus.FINAL)
    if override:
        options = replace(options, status=DocumentStatus.INTERNAL)
    full = register_for(inputs.snapshot, register or PseudonymRegister())
    step("Building the report")
    report = build_report(inputs, template, full, options)
    unfinished: tuple[str, ...] = ()
    if for_publication:
        unfinished = publication.unfinished_sections(report)
        report = publication.for_publication(report)
    step("Checking anonymisation")
    # Each distinct text once; only if something is found, every place it is, for the list.
    pieces = list(text_pieces(report, distinct=True))
    hits = check_report(report, full, pieces)
    if hits:
        hits = check_report(report, full)
    if hits and not override:
        raise ExportBlockedError(hits, for_publication=for_publication)
    if for_publication:
        publication.require_typesettable(report)
    if hits and log is None:
        raise NoReviewLogError(
            "An override must be recorded in the review's log, which is not available here. "
            "Nothing was exported."
        )
    at = now()
    document = control.control_for(report, options.status, log, at.date())
    report = control.with_control(report, document)
    step(f"Writing the {file_format.upper()}")
    data = publication_pdf_bytes(report) if for_publication else render(report, file_format)
    step("Checking the written file")
    rendered = check_written(data, file_format, full, model_lines(pieces))
    if rendered and not override:
        raise ExportBlockedError(rendered, for_publication=for_publication)
    overridden = len(hits) + len(rendered)
    if overridden and log is not None:
        log.record(override_entry(file_format, overridden, at))
    _write_new(path, data, overwrite=overwrite)
    if log is not None:
        control.record(log, document, file_format, at)
    step("Done")
    version = document.version.number if document.version else None
    return ExportResult(
        path, file_format, overridden, len(data), options.status, version, unfinished
    )
