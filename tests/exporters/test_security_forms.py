"""The security review's test 7, end to end: 33 forms planted in a finding, DOCX and PDF.

Before issue 13, 7 of the 33 reached both files. Now every form that names someone in part, and
every recorded detail, blocks the export (nothing is written), and every whole name is replaced:
the files exported from the whole names alone hold no part of any real name.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters.report import ExportBlockedError, export_report
from reviewer_app.anonymisation.normalise import key_of
from tests.exporters.report_fixtures import demo_inputs, finding, with_analysis
from tests.reviewer_app.anonymisation.test_gate import (
    BLOCKED,
    LOOKALIKE_BLOCKED,
    LOOKALIKE_REPLACED,
    MONTH_FIRST,
    REGISTER,
    REPLACED,
)

#: The 33 forms, and those found since (look-alike letters, dates of birth month first).
ALL_BLOCKED = BLOCKED + LOOKALIKE_BLOCKED + MONTH_FIRST
ALL_REPLACED = REPLACED + LOOKALIKE_REPLACED

REAL = ("jane", "smith", "jones", "mary", "ann", "brien", "pike", "kieran", "berg", "priya")


def planted(forms: list[str]):  # type: ignore[no-untyped-def]
    statement = "\n\n".join(f"Note {n}: {form} was seen." for n, form in enumerate(forms))
    return with_analysis(demo_inputs(40), findings=(finding(statement),))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_partial_form_and_detail_blocks_and_each_is_listed(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"r.{fmt}"
    with pytest.raises(ExportBlockedError) as blocked:
        export_report(planted(ALL_BLOCKED), fmt, target, register=REGISTER)  # type: ignore[arg-type]
    assert not target.exists()
    hits = [h for h in blocked.value.hits if "The finding" in h.section]
    contexts = {re.match(r"Note (\d+)", h.context).group(1) for h in hits}  # type: ignore[union-attr]
    assert contexts == {str(n) for n in range(len(ALL_BLOCKED))}
    assert all(h.where and h.form and h.offered() for h in hits)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_whole_names_in_every_form_leave_no_trace_in_the_file(fmt: str, tmp_path: Path) -> None:
    path = export_report(
        planted([form for form, _ in ALL_REPLACED]), fmt, tmp_path / f"r.{fmt}", register=REGISTER
    ).path
    if fmt == "docx":
        with zipfile.ZipFile(path) as archive:
            text = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        text = re.sub(r"<[^>]+>", "", text)
    else:
        text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    plain = key_of(text.replace("\u200b", ""))
    assert "note 3: child m was seen." in plain
    for word in REAL:
        assert not re.search(rf"\b{word}\b", plain), word
