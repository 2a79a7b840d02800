"""Every report export goes through here: build, pseudonymise, scan, render, scan again, write.

The gate scans the report model (every block, with where it is) and then what was actually
rendered: every part of the DOCX zip, and for the PDF the drawn texts plus the strings stored
outside its content streams (information dictionary, bookmarks). Any hit blocks the export and
nothing is written. Only an internal working draft may be exported over hits, by explicit
override, which is recorded in the review's log (date, format and count, never what was found)
and printed on every page of the draft.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from exporters.docx_renderer import docx_bytes
from exporters.metadata import docx_parts_text
from exporters.pdf_renderer import furniture_texts, pdf_bytes
from exporters.report.build import as_working_draft, build_report
from exporters.report.context import ReportOptions
from exporters.report.templates import ReportTemplate
from exporters.report_model import Report, text_pieces
from reviewer_app.anonymisation.register import PseudonymRegister
from reviewer_app.anonymisation.scan import Hit, LeakScanner, TextPiece
from reviewer_app.errors import FileAlreadyThereError, UserFacingError
from reviewer_app.services.report import ReportInputs, ReviewLog, override_entry, register_for

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

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        count = len(hits)
        lines = [h.describe(with_text=False) for h in hits[:_LISTED]]
        if count > _LISTED:
            lines.append(f"… and {count - _LISTED} more")
        noun = "thing" if count == 1 else "things"
        super().__init__(
            f"The anonymisation check found {count} {noun} that could identify the family, so "
            "nothing was exported. Apply pseudonyms or change the text, then export again "
            "(an internal working draft may be exported with the override):\n  "
            + "\n  ".join(lines)
        )


class NoReviewLogError(UserFacingError):
    title = "The override could not be recorded"


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    file_format: Format
    overridden: int  # hits exported anyway in an internal working draft (0 normally)
    size: int


def check_report(report: Report, register: PseudonymRegister) -> list[Hit]:
    """Hits in the report model itself, with the section and block of each."""
    return LeakScanner(register).scan_pieces(list(text_pieces(report)))


def check_review(
    inputs: ReportInputs,
    register: PseudonymRegister | None = None,
    template: ReportTemplate | None = None,
) -> list[Hit]:
    """What `reviewer-app check` reports: hits in the report with the full chronology."""
    full = register_for(inputs.snapshot, register or PseudonymRegister())
    report = build_report(inputs, template, full, ReportOptions(chronology="full"))
    return check_report(report, full)


_PDF_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.S)
_PDF_STRING = re.compile(rb"\((?:\\.|[^\\)])*\)", re.S)
_PDF_HEX = re.compile(rb"<([0-9A-Fa-f\s]{4,})>")


def _pdf_string(raw: bytes) -> str:
    body = re.sub(rb"\\([nrtbf()\\])", lambda m: m.group(1), raw[1:-1])
    body = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8) & 0xFF]), body)
    if body.startswith(b"\xfe\xff"):
        return body[2:].decode("utf-16-be", "replace")
    return body.decode("latin-1")


def pdf_outside_streams(data: bytes) -> list[str]:
    """Strings a PDF keeps outside its content streams: info dictionary, bookmarks, links."""
    skeleton = _PDF_STREAM.sub(b"", data)
    texts = [_pdf_string(m.group(0)) for m in _PDF_STRING.finditer(skeleton)]
    for m in _PDF_HEX.finditer(skeleton):
        hexed = re.sub(rb"\s", b"", m.group(1))
        with contextlib.suppress(ValueError):
            raw = bytes.fromhex(hexed.decode())
            texts.append(
                raw[2:].decode("utf-16-be", "replace")
                if raw.startswith(b"\xfe\xff")
                else raw.decode("latin-1")
            )
    return texts


def rendered_pieces(data: bytes, file_format: Format, report: Report) -> list[TextPiece]:
    if file_format == "docx":
        return [
            TextPiece("The Word file", f"part {name}", text)
            for name, text in docx_parts_text(data).items()
        ]
    texts = [*furniture_texts(report), *pdf_outside_streams(data)]
    return [TextPiece("The PDF file", "page furniture and properties", "\n".join(texts))]


def render(report: Report, file_format: Format) -> bytes:
    return docx_bytes(report) if file_format == "docx" else pdf_bytes(report)


def _write_new(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write through a private temporary file in the same folder, then move into place."""
    if path.exists() and not overwrite:
        raise FileAlreadyThereError(
            f"'{path.name}' already exists, so the report was not written. Choose another "
            "name, or confirm that the old file should be replaced."
        )
    handle, temporary = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


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
) -> ExportResult:
    """Export the draft report, or raise `ExportBlockedError` listing every hit.

    `override=True` is for an internal working draft only: the export goes ahead over hits,
    marked "INTERNAL WORKING DRAFT — NOT ANONYMISED" on every page, and is recorded in `log`
    (required then).
    """
    if file_format not in FORMATS:
        raise UserFacingError(f"Reports can be exported as DOCX or PDF, not '{file_format}'.")
    step = progress or (lambda _stage: None)
    full = register_for(inputs.snapshot, register or PseudonymRegister())
    step("Building the report")
    report = build_report(inputs, template, full, options)
    step("Checking anonymisation")
    hits = check_report(report, full)
    if hits and not override:
        raise ExportBlockedError(hits)
    if hits and log is None:
        raise NoReviewLogError(
            "An override must be recorded in the review's log, which is not available here. "
            "Nothing was exported."
        )
    if hits:
        report = as_working_draft(report)
    step(f"Writing the {file_format.upper()}")
    data = render(report, file_format)
    step("Checking the written file")
    # The generic shapes (postcodes, phone numbers) were checked in the model; in the file's
    # XML they would match style ids and colours, so the file is checked for recorded terms.
    rendered = LeakScanner(full, generic=False).scan_pieces(
        rendered_pieces(data, file_format, report)
    )
    if rendered and not override:
        raise ExportBlockedError(rendered)
    overridden = len(hits) + len(rendered)
    if overridden and log is not None:
        log.record(override_entry(file_format, overridden, now()))
    _write_new(path, data, overwrite=overwrite)
    step("Done")
    return ExportResult(path, file_format, overridden, len(data))
