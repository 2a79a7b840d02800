"""Column choices given as text (`--column event="Incident / contact"` on the command line).

Each choice names a field and the heading of the file's column that holds it; it is laid over
the automatic mapping as the wizard's column combos are: the named column is read as that
field, and a column the automatic mapping had given the same field is no longer read as it.
A column without a heading is named by its place (`column 3`). A field or heading that does
not exist is refused with the ones that do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reviewer_app.chronology.importing import Field
from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.headers import heading_key

_NUMBERED = re.compile(r"^column (\d+)$")
ColumnChoice = tuple[Field, str]  # the field and the heading of the column that holds it


def field_names() -> str:
    return ", ".join(field.value for field in Field)


def parse_choice(text: str) -> ColumnChoice:
    """`FIELD=HEADING` (such as `event=Incident / contact`) as a field and a heading."""
    name, sep, heading = text.partition("=")
    if not sep or not heading.strip():
        raise ImportRefusedError(
            f"The column choice '{text}' is not written as FIELD=HEADING, for example "
            f'event="What happened". The fields are: {field_names()}.'
        )
    wanted = heading_key(name)
    for field in Field:
        if wanted in (heading_key(field.value), heading_key(field.label)):
            return field, heading.strip()
    raise ImportRefusedError(
        f"There is no field called '{name.strip()}'. The fields are: {field_names()}."
    )


def apply_choices(
    headers: Sequence[str], mapping: dict[int, Field], choices: Sequence[ColumnChoice]
) -> dict[int, Field]:
    """`mapping` with each chosen column read as its field (see the module's note)."""
    chosen: dict[int, Field] = {}
    for field, heading in choices:
        index = _column_of(headers, heading)
        if index in chosen and chosen[index] is not field:
            raise ImportRefusedError(
                f"The column '{headers[index]}' is chosen as both "
                f"{chosen[index].label.lower()} and {field.label.lower()}. Choose one."
            )
        chosen[index] = field
    fields = set(chosen.values())
    result = {
        index: Field.IGNORE if field in fields - {Field.IGNORE} else field
        for index, field in mapping.items()
    }
    result.update(chosen)
    return result


def _column_of(headers: Sequence[str], heading: str) -> int:
    """The column with that heading, or (for a column without one) `column N`, counted from 1."""
    wanted = heading_key(heading)
    for index, text in enumerate(headers):
        if text and heading_key(text) == wanted:
            return index
    if (numbered := _NUMBERED.match(wanted)) is not None and 1 <= int(numbered[1]) <= len(headers):
        return int(numbered[1]) - 1
    named = [text for text in headers if text]
    listed = ", ".join(f"'{' '.join(text.split())}'" for text in named) or "none"
    raise ImportRefusedError(
        f"There is no column headed '{heading}' in this file. Its headings are: {listed}; a "
        "column without a heading is named by its place, for example 'column 3'."
    )
