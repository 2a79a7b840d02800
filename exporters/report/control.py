"""Document control: the version, date, status, lead reviewer and circulation of a report.

The version is kept in the review's own log (`reviewer_app.reporting.log`): every export of a
report records an entry holding the version number, the status and a fingerprint of the
report's content (a digest, never its text). An export whose content matches an earlier
version's fingerprint is that version again, with that version's date, so the same inputs
and the same version give the same bytes; any change to the content makes a new version,
dated the day it is first exported. The DOCX and PDF of one draft share a version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from enum import StrEnum

from exporters.report_model import Block, Column, Report, Table, TitlePage, text_pieces
from reviewer_app.reporting.log import (
    EXPORT_KIND,
    ReviewLog,
    export_entry,
    exported_version,
)

INTERNAL_MARK = "INTERNAL WORKING DRAFT – NOT ANONYMISED – NOT FOR CIRCULATION"
UNNUMBERED = "Version: not numbered (exported without the review’s log)"
PLACEHOLDER = "Version: given when the report is exported"


class DocumentStatus(StrEnum):
    """Where a report is in its life: each says so on its title page, watermark and footer."""

    INTERNAL = "internal"
    PANEL = "panel"
    FINAL = "final"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def mark(self) -> str:
        """The large word on the title page and the status in every page header."""
        return _MARKS[self]

    @property
    def watermark(self) -> str:
        return _MARKS[self] if self is not DocumentStatus.FINAL else ""

    @property
    def header(self) -> str:
        """The status in every page header (the footer of an internal draft says the rest)."""
        return (
            "INTERNAL WORKING DRAFT – NOT ANONYMISED"
            if self is DocumentStatus.INTERNAL
            else self.mark
        )

    @property
    def footer(self) -> str:
        """A line above the page number in every footer ("" for none)."""
        return INTERNAL_MARK if self is DocumentStatus.INTERNAL else ""

    @property
    def circulation(self) -> str:
        return _CIRCULATION[self]


_LABELS = {
    DocumentStatus.INTERNAL: "Internal working draft",
    DocumentStatus.PANEL: "Draft for the review panel",
    DocumentStatus.FINAL: "Final for publication",
}
_MARKS = {
    DocumentStatus.INTERNAL: INTERNAL_MARK,
    DocumentStatus.PANEL: "DRAFT",
    DocumentStatus.FINAL: "FINAL",
}
_CIRCULATION = {
    DocumentStatus.INTERNAL: "The lead reviewer only: not anonymised, not for circulation",
    DocumentStatus.PANEL: "Members of the review panel, in confidence; not for onward sharing",
    DocumentStatus.FINAL: "For publication by the safeguarding partners",
}
CONTROL_COLUMNS = (
    Column("Version", 0.12),
    Column("Date", 0.22),
    Column("Status", 0.27),
    Column("Circulation", 0.39),
)


@dataclass(frozen=True, slots=True)
class Version:
    number: int
    date: dt.date
    status: DocumentStatus


@dataclass(frozen=True, slots=True)
class DocumentControl:
    """This export's place in the report's history (`history` ends with this version)."""

    version: Version | None  # None: exported without the review's log
    history: tuple[Version, ...] = ()
    fingerprint: str = ""
    new: bool = False  # a version not exported before


def uk_date(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def fingerprint(report: Report) -> str:
    """A digest of everything the report says (before its version is filled in), the same
    for the DOCX and the PDF of one draft."""
    digest = hashlib.sha256(report.template.encode("utf-8"))
    for piece in text_pieces(report):
        where = f"{piece.section}\x01{piece.block}\x01"
        digest.update(f"\x00{where}{piece.text}".encode())
    return digest.hexdigest()[:16]


def versions(log: ReviewLog) -> list[tuple[Version, str]]:
    """Every version exported so far, with its fingerprint, oldest first (one per number)."""
    found: dict[int, tuple[Version, str]] = {}
    for entry in log.entries(EXPORT_KIND):
        parsed = exported_version(entry)
        if parsed is None or entry.count in found:
            continue
        status, digest = parsed
        try:
            state = DocumentStatus(status)
        except ValueError:
            continue
        found[entry.count] = (Version(entry.count, entry.at.date(), state), digest)
    return [found[n] for n in sorted(found)]


def control_for(
    report: Report, status: DocumentStatus, log: ReviewLog | None, today: dt.date
) -> DocumentControl:
    """This export's version: the earlier version with the same content, or the next one."""
    digest = fingerprint(report)
    if log is None:
        return DocumentControl(None, fingerprint=digest)
    known = versions(log)
    for version, seen in known:
        if seen == digest:
            history = tuple(v for v, _ in known if v.number <= version.number)
            return DocumentControl(version, history, digest)
    number = max((v.number for v, _ in known), default=0) + 1
    version = Version(number, today, status)
    return DocumentControl(version, (*(v for v, _ in known), version), digest, new=True)


def record(log: ReviewLog, control: DocumentControl, file_format: str, at: dt.datetime) -> None:
    """The export in the review's log: version number, status and fingerprint only."""
    if control.version is None:
        return
    version = control.version
    log.record(
        export_entry(
            file_format,
            version.number,
            version.status.value,
            version.status.label,
            control.fingerprint,
            at,
        )
    )


def version_line(control: DocumentControl) -> str:
    if control.version is None:
        return UNNUMBERED
    return f"Version {control.version.number}, {uk_date(control.version.date)}"


def control_table(control: DocumentControl) -> Table:
    rows = tuple(
        (str(v.number), uk_date(v.date), v.status.label, v.status.circulation)
        for v in control.history
    )
    return Table(CONTROL_COLUMNS, rows, caption="Document control", row_name=(0,))


def with_control(report: Report, control: DocumentControl) -> Report:
    """The report with its version on the title page and the document-control table."""
    sections = []
    for section in report.sections:
        blocks: list[Block] = []
        for block in section.blocks:
            if isinstance(block, TitlePage):
                lines = tuple(
                    version_line(control) if line == PLACEHOLDER else line for line in block.lines
                )
                blocks.append(replace(block, lines=lines))
                if control.history:
                    blocks.append(control_table(control))
            else:
                blocks.append(block)
        sections.append(replace(section, blocks=tuple(blocks)))
    return replace(report, sections=tuple(sections))


def placeholder_line() -> str:
    """The title page's version line before the version is known (as the preview shows it)."""
    return PLACEHOLDER
