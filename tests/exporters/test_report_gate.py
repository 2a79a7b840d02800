"""The anonymisation gate on a real review file, and the metadata of what is written."""

from __future__ import annotations

import getpass
import socket
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from exporters.report import ExportBlockedError, check_review, export_report
from reviewer_app.anonymisation import HitKind
from reviewer_app.chronology.entry import Flag
from reviewer_app.demo import build_demo
from reviewer_app.paths import AppPaths
from reviewer_app.reporting.inputs import ReportInputs
from reviewer_app.reporting.log import OVERRIDE_KIND
from reviewer_app.services.transfer import fill_review, take_snapshot
from storage.library import StoredReview
from storage.reporting_repository import SqlReviewLog
from tests.exporters.report_fixtures import (
    REAL_WORDS,
    REGISTER,
    MemoryLog,
    conversation,
    demo_inputs,
    feedback,
    finding,
    with_analysis,
)
from tests.helpers.reviews import new_review

# A name part shared by two people (the family surname) and a date of birth cannot be resolved
# by the register automatically, so each of these must block the export.
PLANTS = {
    "entry": "Quartermaine was seen at the door",
    "comment": "Ms QUARTERMAINE appeared withdrawn",
    "terms": "the Quartermaine’s views will be sought",
    "finding": "practitioners relied on Mrs Quartermaine's account",
    "feedback": "Added that (born 07/03/1994) was rarely seen",
}


@pytest.fixture
def planted(tmp_path: Path, app_paths: AppPaths) -> StoredReview:
    review = new_review(tmp_path / "planted.review", app_paths)
    fill_review(review, build_demo(120))
    entries = review.chronology.entries()
    first, second = entries[10], entries[20]
    significant = frozenset({Flag.SIGNIFICANT})
    review.chronology.update(
        first.with_changes(event=f"{first.event} {PLANTS['entry']}.", flags=significant)
    )
    review.chronology.update(second.with_changes(comment=PLANTS["comment"], flags=significant))
    details = review.details.load()
    review.details.save(
        details.with_changes(
            terms_of_reference=f"{details.terms_of_reference}\n\n{PLANTS['terms']}."
        )
    )
    return review


def inputs_for(review: StoredReview, *, fixed: bool = False) -> ReportInputs:
    snapshot = take_snapshot(review)
    finding_text = "practitioners relied on Mother's account" if fixed else PLANTS["finding"]
    how_used = "Added that Mother was rarely seen" if fixed else PLANTS["feedback"]
    inputs = ReportInputs(snapshot)
    # The involvement log is printed (what the family's comments changed); conversation notes,
    # the reviewer's private record, are not: a name there cannot reach the report.
    return with_analysis(
        inputs,
        findings=(finding(finding_text),),
        conversations=(conversation("Notes on Ms Quartermaine (born 07/03/1994)"),),
        involvement=(*snapshot.analysis.involvement, feedback(inputs, how_used)),
    )


def fix_the_file(review: StoredReview) -> None:
    for entry in review.chronology.entries():
        event = entry.event.replace(PLANTS["entry"], "Mother was seen at the door")
        comment = entry.comment.replace(PLANTS["comment"], "Mother appeared withdrawn")
        if (event, comment) != (entry.event, entry.comment):
            review.chronology.update(entry.with_changes(event=event, comment=comment))
    details = review.details.load()
    review.details.save(
        details.with_changes(
            terms_of_reference=details.terms_of_reference.replace(
                PLANTS["terms"], "the family’s views will be sought"
            )
        )
    )


def test_every_planted_name_blocks_the_export_and_is_listed(
    planted: StoredReview, tmp_path: Path
) -> None:
    for fmt in ("docx", "pdf"):
        target = tmp_path / f"report.{fmt}"
        with pytest.raises(ExportBlockedError) as blocked:
            export_report(
                inputs_for(planted),
                fmt,
                target,
                register=REGISTER,  # type: ignore[arg-type]
            )
        assert not target.exists()
        hits = blocked.value.hits
        assert {h.kind for h in hits} == {HitKind.NAME, HitKind.DATE_OF_BIRTH}
        where = [(h.section, h.block, h.context) for h in hits]
        # Each plant once, and the finding's statement again where it titles the finding
        # and in the executive summary's list of findings.
        assert len(hits) == len(PLANTS) + 2
        assert all(h.actions and h.form for h in hits)
        assert any(
            s.startswith("Appendix A") and "What happened" in b and "Quartermaine was seen" in c
            for s, b, c in where
        )
        assert any("Reviewer’s comment" in b and "QUARTERMAINE appeared" in c for s, b, c in where)
        assert any(s.startswith("3. Terms") and "Quartermaine’s views" in c for s, b, c in where)
        assert any(
            s.startswith("10. Findings") and "Quartermaine's account" in c for s, b, c in where
        )
        assert any(s.startswith("5. Family") and "07/03/1994" in c for s, b, c in where)
        message = str(blocked.value)
        assert f"found {len(hits)} things" in message
        for word in REAL_WORDS:  # the message may be printed: it never repeats the names
            assert word.lower() not in message.lower()
    assert len(check_review(inputs_for(planted), REGISTER)) >= len(PLANTS)


def test_full_names_are_replaced_by_pseudonyms_without_blocking(tmp_path: Path) -> None:
    text = "Philippa Quartermaine and TOBIAS QUARTERMAINE; Philippa’s son Tobias."
    inputs = replace(demo_inputs(), section_text={"conclusions": text})
    path = export_report(inputs, "pdf", tmp_path / "r.pdf", register=REGISTER).path
    text = "".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert "Mother and Child M; Mother’s son Child M." in text


def test_after_fixing_no_name_appears_anywhere_in_either_file(
    planted: StoredReview, tmp_path: Path
) -> None:
    fix_the_file(planted)
    inputs = inputs_for(planted, fixed=True)
    docx_path = export_report(inputs, "docx", tmp_path / "r.docx", register=REGISTER).path
    pdf_path = export_report(inputs, "pdf", tmp_path / "r.pdf", register=REGISTER).path
    with zipfile.ZipFile(docx_path) as archive:
        parts = {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
    assert "Mother was seen at the door" in parts["word/document.xml"]
    reader = PdfReader(str(pdf_path))
    pdf_text = "\n".join(page.extract_text() for page in reader.pages)
    # (A table cell may wrap the sentence onto two lines of the PDF's text.)
    assert "Mother was seen at the door" in " ".join(pdf_text.split())
    outline = "\n".join(str(i.title) for i in reader.outline if not isinstance(i, list))
    everything = [
        *parts.values(),
        pdf_text,
        str(reader.metadata),
        outline,
        pdf_path.read_bytes().decode("latin-1"),
    ]
    for word in REAL_WORDS:
        for text in everything:
            assert word.lower() not in text.lower()


def test_an_override_is_for_a_working_draft_and_is_recorded_without_names(
    planted: StoredReview, tmp_path: Path
) -> None:
    log = SqlReviewLog(lambda: planted.file.engine)
    result = export_report(
        inputs_for(planted),
        "pdf",
        tmp_path / "draft.pdf",
        register=REGISTER,
        override=True,
        log=log,
    )
    assert result.overridden >= len(PLANTS)
    first = PdfReader(str(result.path)).pages[0].extract_text()
    assert "INTERNAL WORKING DRAFT – NOT ANONYMISED – NOT FOR CIRCULATION" in first
    (entry,) = log.entries(OVERRIDE_KIND)
    assert entry.count == result.overridden and entry.at.tzinfo is not None
    assert "PDF" in entry.summary
    for word in REAL_WORDS:
        assert word.lower() not in entry.summary.lower()


def test_an_override_without_a_log_is_refused(planted: StoredReview, tmp_path: Path) -> None:
    from exporters.report.export import NoReviewLogError

    with pytest.raises(NoReviewLogError):
        export_report(
            inputs_for(planted), "docx", tmp_path / "d.docx", register=REGISTER, override=True
        )
    assert not (tmp_path / "d.docx").exists()
    memory = MemoryLog()
    export_report(demo_inputs(), "docx", tmp_path / "clean.docx", override=True, log=memory)
    assert memory.entries(OVERRIDE_KIND) == []  # nothing was overridden, so nothing to record


def machine_details(tmp_path: Path) -> list[str]:
    # Very short user or host names ("vm") would match by chance inside XML; longer ones not.
    names = [n for n in (getpass.getuser(), socket.gethostname()) if len(n) >= 4]
    return [*names, str(Path.home()), str(tmp_path)]


def test_the_docx_holds_only_neutral_metadata(tmp_path: Path) -> None:
    path = export_report(demo_inputs(), "docx", tmp_path / "r.docx").path
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        infos = archive.infolist()
        parts = {n: archive.read(n).decode("utf-8", "replace") for n in names}
    assert names[0] == "[Content_Types].xml"
    assert not [
        n
        for n in names
        if "thumbnail" in n or n.startswith("customXml") or "comments" in n or "people" in n
    ]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    core = parts["docProps/core.xml"]
    assert "<dc:creator></dc:creator>" in core and "<cp:lastModifiedBy></cp:lastModifiedBy>" in core
    assert "2000-01-01T00:00:00Z" in core
    everything = "\n".join(parts.values())
    for revealing in ("python-docx", "Macintosh", "Normal.dotm", "w:ins ", "w:del ", "thumbnail"):
        assert revealing not in everything
    for revealing in machine_details(tmp_path):
        assert revealing not in everything


def test_the_pdf_holds_only_neutral_metadata(tmp_path: Path) -> None:
    path = export_report(demo_inputs(), "pdf", tmp_path / "r.pdf").path
    reader = PdfReader(str(path))
    info = {k: str(v) for k, v in (reader.metadata or {}).items()}
    assert info["/Title"] == "Draft report"
    assert info["/Creator"] == info["/Producer"] == "SCR Reviewer"
    assert info.get("/Author", "") == "" and info.get("/Subject", "") == ""
    assert info["/CreationDate"].startswith("D:20000101000000")
    raw = path.read_bytes()
    assert b"/Metadata" not in raw  # no XMP stream at all
    for revealing in ["ReportLab", "reportlab", *machine_details(tmp_path)]:
        assert revealing.encode() not in raw
