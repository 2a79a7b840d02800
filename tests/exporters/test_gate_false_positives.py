"""A review whose people are named after ordinary words exports cleanly.

Practitioners called Mark, Hope, Grace and Will, a child called Faith Brown: the app's own
prompts ("Mark them in the Chronology…"), headings and notes are never read for them, and the
reviewer's ordinary words ("staff will hope to mark…") are not their names. Where the reviewer
does write one of them as a name mid-sentence, it is replaced by the pseudonym.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader

from exporters.report import ReportOptions, build_report, export_report
from exporters.report.export import check_report
from exporters.report_model import text_pieces
from reviewer_app.anonymisation import KnownIdentity, PseudonymRegister
from reviewer_app.chronology.entry import Flag
from reviewer_app.demo import build_demo
from reviewer_app.reporting.inputs import ReportInputs

REGISTER = PseudonymRegister(
    (
        KnownIdentity("Social Worker 1", "Mark Stone"),
        KnownIdentity("Health Visitor 1", "Hope Green"),
        KnownIdentity("Teacher 1", "Grace Hall"),
        KnownIdentity("GP 1", "Will Price"),
        KnownIdentity("Child F", "Faith Brown"),
        KnownIdentity("Sibling", "June Young"),
    )
)
WRITTEN = (
    "Staff will hope to mark the grace period in June. The plan was brown and white, "
    "young staff had faith in it, and the price of a long stone wall was noted.\n\n"
    "At the meeting, Mark said the visit would happen; later Faith told Hope about it."
)


def inputs() -> ReportInputs:
    snapshot = build_demo(60)
    plain = tuple(e.with_changes(flags=e.flags - {Flag.SIGNIFICANT}) for e in snapshot.entries)
    return ReportInputs(replace(snapshot, entries=plain), section_text={"conclusions": WRITTEN})


def test_the_apps_prompts_carry_the_ordinary_words() -> None:
    report = build_report(inputs(), None, REGISTER, ReportOptions(chronology="significant"))
    app_words = "\n".join(p.text for p in text_pieces(report) if not p.written)
    assert "Mark them in the Chronology" in app_words


def test_people_named_after_ordinary_words_export_cleanly(tmp_path: Path) -> None:
    options = ReportOptions(chronology="significant")
    report = build_report(inputs(), None, REGISTER, options)
    assert check_report(report, REGISTER) == []
    for fmt in ("docx", "pdf"):
        result = export_report(
            inputs(), fmt, tmp_path / f"r.{fmt}", register=REGISTER, options=options
        )
        assert result.overridden == 0
    pdf = " ".join(p.extract_text() for p in PdfReader(str(tmp_path / "r.pdf")).pages)
    pdf = " ".join(pdf.split())
    assert "Staff will hope to mark the grace period in June." in pdf
    assert "Mark them in the Chronology" in pdf
    # Mid-sentence, with their capitals, the names are names, and are replaced.
    model = "\n".join(p.text for p in text_pieces(report))
    assert "At the meeting, Social Worker 1 said" in model
    assert "later Child F told Health Visitor 1 about it" in model
