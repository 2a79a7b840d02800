"""How chronology values are written on screen: one-line cells, tooltips and safe rich text.

Case text can contain anything an agency typed, including ``<`` and ``&``. Qt guesses whether a
tooltip or label is rich text, so every piece of case text that reaches rich text goes through
`escape` here first, and tooltips are always built as (escaped) rich text so the guess is never
made on raw case text.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable

from reviewer_app.chronology.dates import FuzzyDate, Precision, format_uk_date
from reviewer_app.chronology.entry import Flag

PARAGRAPH_MARK = " ¶ "
NO_TIME = ""


def one_line(text: str) -> str:
    """A cell's text on one line: paragraphs joined with a pilcrow, spaces evened out."""
    paragraphs = [" ".join(p.split()) for p in text.splitlines()]
    return PARAGRAPH_MARK.join(p for p in paragraphs if p)


def escape(text: str) -> str:
    """Case text made safe for Qt rich text, keeping its line breaks."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def rich_paragraph(text: str) -> str:
    """A tooltip or label body that Qt always treats as (escaped, word-wrapped) rich text."""
    return f"<p>{escape(text)}</p>"


def time_text(time: dt.time | None) -> str:
    return time.strftime("%H:%M") if time is not None else NO_TIME


def date_text(date: FuzzyDate) -> str:
    return format_uk_date(date)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: dt.date) -> str:
    """One day as a reviewer writes it (not locale-dependent): '3 Feb 2015'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def date_span_text(date: FuzzyDate) -> str:
    """The days a date covers, in words: 'from 1 Jul 2014 to 10 Jul 2014 (10 days)'."""
    if date.start is None or date.end is None or date.precision is Precision.UNKNOWN:
        return "no known date"
    if date.start == date.end:
        return day_text(date.start)
    days = (date.end - date.start).days + 1
    return f"from {day_text(date.start)} to {day_text(date.end)} ({days} days)"


def flags_text(flags: Iterable[Flag]) -> str:
    """Flag labels in a fixed order (the order `Flag` lists them), comma separated."""
    chosen = set(flags)
    return ", ".join(flag.label for flag in Flag if flag in chosen)


def uk_count(number: int) -> str:
    return f"{number:,}"


def entries_shown_text(shown: int, total: int) -> str:
    if total == 0:
        return "No entries yet"
    noun = "entry" if total == 1 else "entries"
    return f"{uk_count(shown)} of {uk_count(total)} {noun}"
