"""Rich text for comparing agencies' versions of one event, and for an imported row.

Every piece of case text is HTML-escaped before it goes into the markup. Words that differ are
marked three ways at once (a palette-derived background, bold, underline), so the difference
never rests on colour alone and still shows in a dark theme or high contrast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from reviewer_app.chronology.entry import ChronologyEntry
from reviewer_app.chronology.importing import CORRECTED_PREFIX
from reviewer_app.chronology.same_event import differing_fields, word_diff
from ui.chronology.text import date_text, escape, time_text

ROWS = (
    ("agency", "Agency"),
    ("date", "Date"),
    ("time", "Time"),
    ("source", "Source"),
    ("practitioner", "Practitioner"),
    ("event", "Event"),
    ("outcome", "Outcome"),
)
_WORDED = ("source", "practitioner", "event", "outcome")
LEGEND = "Words that differ between the versions are in bold and underlined."


@dataclass(frozen=True, slots=True)
class Marks:
    """How a difference looks: a background blended from the palette, text in the palette's."""

    background: str
    text: str

    @classmethod
    def from_palette(cls, palette: QPalette) -> Marks:
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        mix = 0.35
        blended = QColor(
            round(base.red() + (accent.red() - base.red()) * mix),
            round(base.green() + (accent.green() - base.green()) * mix),
            round(base.blue() + (accent.blue() - base.blue()) * mix),
        )
        return cls(blended.name(), palette.color(QPalette.ColorRole.Text).name())

    def wrap(self, html_text: str) -> str:
        return (
            f'<span style="background-color:{self.background}; color:{self.text}; '
            f'font-weight:bold; text-decoration:underline;">{html_text}</span>'
        )


def marked_words(mine: str, others: Sequence[str]) -> list[tuple[str, bool]]:
    """`mine` as runs of words, each marked if it is not shared with every other version."""
    words = mine.split()
    differs = [False] * len(words)
    for other in others:
        position = 0
        for run, changed in word_diff(mine, other).runs:
            count = len(run.split())
            if changed:
                for n in range(position, min(position + count, len(words))):
                    differs[n] = True
            position += count
    runs: list[tuple[str, bool]] = []
    for word, changed in zip(words, differs, strict=True):
        if runs and runs[-1][1] == changed:
            runs[-1] = (f"{runs[-1][0]} {word}", changed)
        else:
            runs.append((word, changed))
    return runs


def _words_html(mine: str, others: Sequence[str], marks: Marks) -> str:
    parts = [
        marks.wrap(escape(text)) if changed else escape(text)
        for text, changed in marked_words(mine, others)
    ]
    return " ".join(parts) if parts else "<i>(blank)</i>"


def _value(entry: ChronologyEntry, name: str, agencies: Mapping[int, str]) -> str:
    if name == "agency":
        return agencies.get(entry.agency_id, "Unknown agency")
    if name == "date":
        return date_text(entry.date)
    if name == "time":
        return time_text(entry.date.time) or "none given"
    text: str = getattr(entry, name)
    return text


def side_by_side_html(
    versions: Sequence[ChronologyEntry],
    agencies: Mapping[int, str],
    palette: QPalette,
    *,
    first_is_selected: bool = True,
) -> str:
    """A table with one column per agency's version, differences marked (first = selected,
    unless `first_is_selected` is False: the same-event queue shows a pair, not an entry)."""
    marks = Marks.from_palette(palette)
    header_bg = palette.color(QPalette.ColorRole.AlternateBase).name()
    differing = set(differing_fields(versions))
    cells: list[str] = [f'<th bgcolor="{header_bg}"></th>']
    for n, entry in enumerate(versions):
        name = escape(agencies.get(entry.agency_id, "Unknown agency"))
        label = f"{name}<br><i>(this entry)</i>" if n == 0 and first_is_selected else name
        cells.append(f'<th align="left" valign="top" bgcolor="{header_bg}">{label}</th>')
    rows = ["<tr>" + "".join(cells) + "</tr>"]
    for name, title in ROWS:
        if name == "agency":
            continue
        row = [f'<th align="left" valign="top" nowrap>{title}</th>']
        for entry in versions:
            value = _value(entry, name, agencies)
            if name in _WORDED:
                others = [_value(o, name, agencies) for o in versions if o is not entry]
                shown = _words_html(value, others, marks)
            elif name in differing:
                shown = marks.wrap(escape(value))
            else:
                shown = escape(value)
            row.append(f'<td valign="top">{shown}</td>')
        rows.append("<tr>" + "".join(row) + "</tr>")
    summary = (
        "Differs in: " + ", ".join(title.lower() for name, title in ROWS if name in differing)
        if differing
        else "The versions agree on every field compared"
    )
    return (
        f'<table width="100%" cellspacing="0" cellpadding="4">{"".join(rows)}</table>'
        f"<p>{escape(summary)}. {escape(LEGEND)}</p>"
    )


def original_row_html(cells: Sequence[tuple[str, str]], palette: QPalette) -> str:
    """The agency's row as they wrote it: heading and cell text, both escaped."""
    if not cells:
        return "<p><i>No original row was kept for this entry.</i></p>"
    header_bg = palette.color(QPalette.ColorRole.AlternateBase).name()
    rows = [
        f'<tr><th align="left" valign="top" bgcolor="{header_bg}">{escape(heading)}</th>'
        f'<td valign="top">{escape(text) if text.strip() else "<i>(blank)</i>"}</td></tr>'
        for heading, text in cells
        if not heading.startswith(CORRECTED_PREFIX)
    ]
    # What the reviewer corrected in the import wizard, apart from the agency's cells.
    rows += [
        f'<tr><th align="left" valign="top"><i>{escape(heading)}</i></th>'
        f'<td valign="top"><i>{escape(text) or "(blank)"}</i></td></tr>'
        for heading, text in cells
        if heading.startswith(CORRECTED_PREFIX)
    ]
    return f'<table width="100%" cellspacing="0" cellpadding="4">{"".join(rows)}</table>'


__all__ = [
    "LEGEND",
    "Marks",
    "marked_words",
    "original_row_html",
    "side_by_side_html",
]
