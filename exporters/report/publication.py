"""The report made the version for publication: final, without prompts, never overridden.

The publication PDF (`exporters/publication_pdf.py`) is the version a partnership puts on its
website. It is always marked final (no draft watermark or draft line), it always goes through
the anonymisation gate with no override, and the prompts for the reviewer ("For the reviewer:
…") are left out: a part not yet written is published as its heading only, and the export
names those parts so the reviewer can write them first.
"""

from __future__ import annotations

from dataclasses import replace

from exporters.publication_pdf import font_coverage, printable
from exporters.report_model import Block, Heading, Note, NoteKind, Report, text_pieces
from reviewer_app.errors import UserFacingError

_LISTED = 10  # places named in a message; the rest are counted


class PublicationRefusedError(UserFacingError):
    """A report for publication was asked for in a way it cannot be made; nothing was written."""

    title = "The report for publication was not exported"


def refuse_override() -> PublicationRefusedError:
    return PublicationRefusedError(
        "A report for publication cannot be exported over the anonymisation check: only an "
        "internal working draft can. Nothing was exported."
    )


def refuse_format(file_format: str) -> PublicationRefusedError:
    return PublicationRefusedError(
        f"The report for publication is written as an accessible PDF only, not as "
        f"{file_format.upper()}. Nothing was exported."
    )


def unfinished_sections(report: Report) -> tuple[str, ...]:
    """The sections (by their numbered title) that still show a prompt for the reviewer."""
    found: list[str] = []
    for section in report.sections:
        if any(_is_prompt(b) for b in section.blocks):
            heading = next((b.text for b in section.blocks if isinstance(b, Heading)), "")
            found.append(section.title or heading or section.key)
    return tuple(found)


def for_publication(report: Report) -> Report:
    """The report without the prompts for the reviewer: what is written is published, and
    a part not yet written keeps its heading only (the export says which)."""
    sections = tuple(
        replace(section, blocks=tuple(b for b in section.blocks if not _is_prompt(b)))
        for section in report.sections
    )
    return replace(report, sections=sections)


def _is_prompt(block: Block) -> bool:
    return isinstance(block, Note) and block.kind is NoteKind.PROMPT


def require_typesettable(report: Report) -> None:
    """Raise `PublicationRefusedError` naming where the report has characters the bundled
    font cannot show (Chinese, Japanese or Korean writing, some symbols): PDF/UA-1 allows no
    text that is not shown as itself. The places are named, never the text."""
    covered = font_coverage()
    pieces = list(text_pieces(report))
    if set("".join(printable(p.text) for p in pieces)) <= covered:
        return
    places: list[str] = []
    for piece in pieces:
        if not set(printable(piece.text)) <= covered:
            place = f"{piece.section}, {piece.block}" if piece.block else piece.section
            if place not in places:
                places.append(place)
    listed = "\n  ".join(places[:_LISTED])
    if len(places) > _LISTED:
        listed += f"\n  … and {len(places) - _LISTED} more"
    raise PublicationRefusedError(
        "The report has characters that its font cannot show (such as Chinese, Japanese or "
        "Korean writing, or some symbols and emoji), which an accessible PDF may not hold. "
        "Write them another way (in English, or describe the symbol in words), then export "
        f"again. Nothing was exported. They are in:\n  {listed}"
    )
