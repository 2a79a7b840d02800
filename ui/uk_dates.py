"""Dates typed into forms, the UK way (dd/mm/yyyy)."""

from __future__ import annotations

import datetime as dt

from reviewer_app.errors import InvalidInputError


def uk(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def parse_day(text: str, what: str) -> dt.date | None:
    """A dd/mm/yyyy date, or None for an empty field; a plain message otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise InvalidInputError(
            f"The {what} '{text}' is not a date. Write it as dd/mm/yyyy, e.g. 03/02/2015."
        ) from None
