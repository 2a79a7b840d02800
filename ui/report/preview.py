"""The report model as simple HTML for the page's preview (pure: tested without widgets)."""

from __future__ import annotations

from html import escape

from exporters.api import (
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

PREVIEW_ROWS = 40  # a long chronology is previewed by its first rows; the export has them all


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def section_html(section: Section) -> str:
    out: list[str] = []
    for block in section.blocks:
        if isinstance(block, TitlePage):
            out.append(f"<p align='center'><b>{_text(block.marking)}</b></p>")
            out.append(f"<h1 align='center' style='color:#b42b2b'>{_text(block.status)}</h1>")
            out.append(f"<h2 align='center'>{_text(block.title)}</h2>")
            out += [f"<p align='center'>{_text(line)}</p>" for line in block.lines]
        elif isinstance(block, Contents):
            out.append(
                f"<h2>{_text(block.title)}</h2><p><i>Filled in by Word and in the PDF.</i></p>"
            )
        elif isinstance(block, Heading):
            level = min(block.level + 1, 4)
            out.append(f"<h{level}>{_text(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            label = f"<b>{_text(block.label)}</b> " if block.label else ""
            out.append(f"<p>{label}{_text(block.text)}</p>")
        elif isinstance(block, Note):
            if block.kind is NoteKind.PROMPT:
                out.append(
                    "<table width='100%' cellpadding='6'><tr><td bgcolor='#fff4ce'>"
                    f"<i>{_text(block.text)}</i></td></tr></table>"
                )
            else:
                out.append(f"<p><i>{_text(block.text)}</i></p>")
        elif isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{_text(item)}</li>" for item in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, Table):
            out.append(_table(block))
    return "\n".join(out)


def _table(block: Table) -> str:
    head = "".join(
        f"<th align='left' bgcolor='#dce3ec'>{_text(c.title)}</th>" for c in block.columns
    )
    rows = [
        "<tr>" + "".join(f"<td valign='top'>{_text(cell)}</td>" for cell in row) + "</tr>"
        for row in block.rows[:PREVIEW_ROWS]
    ]
    more = ""
    if len(block.rows) > PREVIEW_ROWS:
        more = (
            f"<p><i>… and {len(block.rows) - PREVIEW_ROWS:,} more rows in the exported "
            "report.</i></p>"
        )
    caption = f"<p><b>{_text(block.caption)}</b></p>" if block.caption else ""
    return (
        f"{caption}<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<tr>{head}</tr>{''.join(rows)}</table>{more}"
    )
