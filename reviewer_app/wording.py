"""Small pieces of wording used wherever the app counts things for a reader."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 row', '2 rows', '10,000 entries'."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"
