"""The reviewer's corrections to an import, made in the wizard before anything is saved.

A correction replaces what one field of one row was read as (a date that does not exist, an
empty event) and the row is checked again at once, by the same rules as when the file was
read. The agency's cells are never changed: each corrected row keeps them in its `original`,
followed by one pair per corrected field headed `CORRECTED_PREFIX` + the field's name, and that
is what the entry's provenance stores. So an entry always shows what the agency wrote and what
the reviewer changed.

Also here: the source for rows the agency gave none for, which the reviewer may change at
any time, and laying both again over a fresh reading of the file (after a column change).
"""

from __future__ import annotations

import dataclasses

from reviewer_app.chronology.importing import (
    CORRECTED_PREFIX,
    DraftEntry,
    Field,
    ImportPreview,
    ProblemKind,
    RowProblem,
)
from reviewer_app.importers.rows import UNKNOWN_DATE, content_problems, made_source, read_row_date

#: The fields a reviewer can correct in the preview, in the order corrections are recorded.
EDITABLE = (Field.DATE, Field.SOURCE, Field.EVENT, Field.OUTCOME)
# Problems that come from reading the date; kept as they were when the date is not corrected.
_DATE_KINDS = frozenset(
    {
        ProblemKind.UNREADABLE_DATE,
        ProblemKind.IMPOSSIBLE_DATE,
        ProblemKind.BAD_TIME,
        ProblemKind.OUT_OF_ORDER,
    }
)


def agency_values(preview: ImportPreview, draft: DraftEntry) -> dict[Field, str]:
    """What the agency's row gives for each field, as the reading of the file mapped it."""
    cells = [text for _, text in draft.original[: len(preview.headers)]]
    values: dict[Field, str] = {}
    for index, target in sorted(preview.mapping.items()):
        if target is Field.IGNORE or index >= len(cells) or not cells[index]:
            continue
        values[target] = f"{values[target]}\n{cells[index]}" if target in values else cells[index]
    return values


def correct(preview: ImportPreview, row_number: int, target: Field, text: str) -> ImportPreview:
    """The preview with `target` of row `row_number` read as `text`, and the row checked again.

    Giving back the agency's own text undoes the correction. Whether the row now goes back in
    time against its neighbours is not checked again (that is a warning only).
    """
    if target not in EDITABLE:
        raise ValueError(f"{target.label} cannot be corrected in the preview")
    position = next((i for i, row in enumerate(preview.rows) if row.row_number == row_number), None)
    if position is None:
        raise ValueError(f"there is no row {row_number} in the preview")
    draft = preview.rows[position]
    agency = agency_values(preview, draft)
    fixes = dict(preview.corrections.get(row_number, {}))
    text = text.strip()
    if text == agency.get(target, "").strip():
        fixes.pop(target, None)
    else:
        fixes[target] = text
    values = {**agency, **fixes}
    before = [p for p in preview.problems if p.row_number == row_number]
    reread = target is Field.DATE or Field.DATE in fixes
    new_draft, problems = _checked(preview, draft, values, fixes, before, reread_date=reread)

    corrections = {k: v for k, v in preview.corrections.items() if k != row_number}
    if fixes:
        corrections[row_number] = fixes
    rows = (*preview.rows[:position], new_draft, *preview.rows[position + 1 :])
    others = [p for p in preview.problems if p.row_number != row_number]
    merged = sorted([*others, *problems], key=lambda problem: problem.row_number)
    return dataclasses.replace(preview, rows=rows, problems=tuple(merged), corrections=corrections)


def _checked(
    preview: ImportPreview,
    draft: DraftEntry,
    values: dict[Field, str],
    fixes: dict[Field, str],
    before: list[RowProblem],
    *,
    reread_date: bool,
) -> tuple[DraftEntry, list[RowProblem]]:
    number = draft.row_number
    split = [p for p in before if p.kind is ProblemKind.SPLIT_ROW]
    problems: list[RowProblem]
    if split and not fixes.get(Field.DATE) and not fixes.get(Field.SOURCE):
        problems, date = split, None  # still the rest of the row above
    else:
        if reread_date or split:
            problems = []
            date = read_row_date(number, values, None, None, problems)
        else:
            problems = [p for p in before if p.kind in _DATE_KINDS]
            date = draft.date if values.get(Field.DATE) else None
        problems.extend(content_problems(number, values, source_column=preview.source_column))
        if not values.get(Field.DATE) and values.get(Field.EVENT):
            date = UNKNOWN_DATE
    source = values.get(Field.SOURCE, "")
    width = len(preview.headers)
    corrected = tuple(
        (f"{CORRECTED_PREFIX}{field.label}", fixes[field]) for field in EDITABLE if field in fixes
    )
    new_draft = dataclasses.replace(
        draft,
        date=date,
        source=source or made_source(preview.file_name, preview.source_default, number),
        source_made=not source,
        event=values.get(Field.EVENT, ""),
        outcome=values.get(Field.OUTCOME, ""),
        original=draft.original[:width] + corrected,
    )
    return new_draft, problems


def with_source_default(preview: ImportPreview, text: str) -> ImportPreview:
    """The preview with `text` as the source of every row the agency gave none for (blank:
    the file name and row number)."""
    text = text.strip()
    if text == preview.source_default:
        return preview
    rows = tuple(
        dataclasses.replace(row, source=made_source(preview.file_name, text, row.row_number))
        if row.source_made
        else row
        for row in preview.rows
    )
    return dataclasses.replace(preview, rows=rows, source_default=text)


def reapply(preview: ImportPreview, earlier: ImportPreview) -> ImportPreview:
    """A fresh reading of the file with the source and the corrections of `earlier` laid over
    it again; corrections to rows the new reading does not have are dropped."""
    result = with_source_default(preview, earlier.source_default)
    numbers = {row.row_number for row in result.rows}
    for row_number, fixes in earlier.corrections.items():
        if row_number in numbers:
            for target, text in fixes.items():
                result = correct(result, row_number, target, text)
    return result


def corrected_text(preview: ImportPreview, row_number: int, target: Field) -> str | None:
    """The reviewer's text for that field of that row, if they corrected it."""
    return preview.corrections.get(row_number, {}).get(target)
