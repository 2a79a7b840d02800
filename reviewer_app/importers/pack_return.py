"""Recognising a request pack's template when an agency sends it back, and reading it exactly.

The template workbook carries its reference as a defined name (`SCRReviewerRequest`) and as the
document's identifier property; the Word table version carries the identifier. A file with a
reference is read with the template's own columns (no guessing), and the template's example
rows are left out. If the agency has changed the columns, the file is still read, by its
headings, like any other file, and the preview says so.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

from reviewer_app.chronology.importing import ImportPreview
from reviewer_app.chronology.requests import (
    REFERENCE_NAME,
    TEMPLATE_COLUMNS,
    TEMPLATE_SHEET,
    is_example,
)
from reviewer_app.importers.formats import detect_format
from reviewer_app.importers.headers import heading_key
from reviewer_app.importers.limits import Limits
from reviewer_app.importers.preview import DEFAULT_LIMITS, preview_file, read_bytes
from reviewer_app.importers.xml_parts import OFFICE_DOCUMENT, Package, elements, release
from reviewer_app.importers.zip_safety import inspect_zip

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DEFINED_NAME = f"{_MAIN}definedName"
_CORE = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties"
_IDENTIFIER = "{http://purl.org/dc/elements/1.1/}identifier"
_REFERENCE = re.compile(r"CR-[A-Z0-9]{4}-[A-Z0-9]{4}")
_SAID = re.compile(r"Template reference: (CR-[A-Z0-9]{4}-[A-Z0-9]{4})\b")
_HEAD_BYTES = 64 * 1024


def pack_reference(path: Path, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """The request reference a returned template carries, or None (any other file).

    Unsafe or broken files are refused here as they would be by `preview_file`."""
    data = read_bytes(path, limits)
    if detect_format(data, path.suffix) != "zip":
        return None
    file_format = inspect_zip(data, limits)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        package = Package(archive)
        found = _defined_name(package) if file_format == "xlsx" else None
        found = found or _identifier(package)
        if found is None and file_format == "docx":
            found = _said_at_the_top(package)
        return found


def _defined_name(package: Package) -> str | None:
    workbook = package.related("", OFFICE_DOCUMENT) or "xl/workbook.xml"
    if not package.has(workbook):
        return None
    with package.open(workbook) as stream:
        for element in elements(stream, _DEFINED_NAME, f"{_MAIN}workbook"):
            if element.get("name") == REFERENCE_NAME:
                return _checked((element.text or "").strip().strip('"'))
            release(element)
    return None


def _identifier(package: Package) -> str | None:
    if not package.has("docProps/core.xml"):
        return None
    with package.open("docProps/core.xml") as stream:
        for element in elements(stream, _IDENTIFIER, _CORE):
            return _checked((element.text or "").strip())
    return None


def _said_at_the_top(package: Package) -> str | None:
    """The Word table's opening line says "Template reference: CR-…": a word processor that does not
    keep the identifier property still keeps that (read from the start of the document only)."""
    if not package.has("word/document.xml"):
        return None
    with package.open("word/document.xml") as stream:
        head = stream.read(_HEAD_BYTES).decode("utf-8", "replace")
    match = _SAID.search(head)
    return match.group(1) if match else None


def _checked(text: str) -> str | None:
    return text if _REFERENCE.fullmatch(text) else None


def preview_pack_return(path: Path, limits: Limits = DEFAULT_LIMITS) -> ImportPreview:
    """A returned template read with the template's columns, without its example rows."""
    first = preview_file(path, limits=limits)
    sheet = TEMPLATE_SHEET if TEMPLATE_SHEET in first.sheets else first.sheet
    if first.file_format == "xlsx" and sheet != first.sheet:
        first = preview_file(path, sheet=sheet, limits=limits)
    wanted = [heading_key(column.heading) for column in TEMPLATE_COLUMNS]
    found = [heading_key(text) for text in first.headers]
    if found[: len(wanted)] == wanted and not any(found[len(wanted) :]):
        mapping = {index: column.field for index, column in enumerate(TEMPLATE_COLUMNS)}
        preview = preview_file(path, sheet=first.sheet, mapping=mapping, limits=limits)
        notes = ["This is the request pack's template: its columns were read as sent."]
    else:
        preview = first
        notes = [
            "This is the request pack's template, but its columns have been changed, so they "
            "were matched by their headings. Check the columns before importing."
        ]
    return without_examples(preview, notes)


def without_examples(preview: ImportPreview, notes: list[str]) -> ImportPreview:
    examples = {row.row_number for row in preview.rows if is_example(row.source, row.event)}
    if examples:
        notes.append(
            f"{len(examples)} example row{'s' if len(examples) != 1 else ''} from the template "
            f"{'was' if len(examples) == 1 else 'were'} left out."
        )
    return dataclasses.replace(
        preview,
        rows=tuple(row for row in preview.rows if row.row_number not in examples),
        problems=tuple(p for p in preview.problems if p.row_number not in examples),
        skipped_rows=preview.skipped_rows + len(examples),
        notes=(*notes, *preview.notes),
    )
