"""Learning datasets written as JSON/CSV through the gate, and briefings as DOCX/PDF."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pypdf
import pytest

from exporters.briefing import briefing_report, export_briefing
from exporters.learning_dataset import export_learning_dataset
from exporters.report_model import text_pieces
from reviewer_app.errors import FileAlreadyThereError
from reviewer_app.learning.collation import Collation, briefing_for
from reviewer_app.learning.dataset import read_datasets
from reviewer_app.paths import AppPaths
from reviewer_app.services.learning import DatasetBlockedError
from tests.helpers.platforms import assert_owner_only
from tests.helpers.reviews import demo_services
from tests.reviewer_app.learning.test_collation import synthetic


@pytest.mark.parametrize("file_format", ["json", "csv"])
def test_dataset_file_is_written_owner_only_and_reads_back(
    tmp_path: Path, app_paths: AppPaths, file_format: str
) -> None:
    review = demo_services(tmp_path / "demo.review", app_paths, 40)
    out = tmp_path / f"learning.{file_format}"
    dataset = export_learning_dataset(review.dataset, out, file_format)  # type: ignore[arg-type]
    assert_owner_only(out)
    assert read_datasets(out.read_bytes().decode("utf-8"), out.name) == [dataset]
    text = out.read_text("utf-8")
    assert "Ashworth" not in text and "Mia" not in text and "Northshire" not in text
    with pytest.raises(FileAlreadyThereError):
        export_learning_dataset(review.dataset, out, file_format)  # type: ignore[arg-type]
    review.close()


def test_blocked_dataset_writes_nothing(tmp_path: Path, app_paths: AppPaths) -> None:
    review = demo_services(tmp_path / "demo.review", app_paths, 40)
    first = review.analysis.findings()[0]
    review.analysis.save_finding(first.with_changes(theme="Ashworth household"))
    out = tmp_path / "learning.json"
    with pytest.raises(DatasetBlockedError):
        export_learning_dataset(review.dataset, out, "json")
    assert not out.exists()
    assert review.exports is not None  # the window's route: the same gate, nothing written
    with pytest.raises(DatasetBlockedError):
        review.exports.write_learning_dataset(out, "json")
    assert not out.exists()
    review.close()


def _theme_briefing() -> object:
    collation = Collation(synthetic(24))
    group = collation.theme_group("Strategy discussions")
    assert group is not None
    return briefing_for(group)


def test_briefing_has_the_lipp_parts_in_both_formats(tmp_path: Path) -> None:
    briefing = _theme_briefing()
    report = briefing_report(briefing)  # type: ignore[arg-type]
    titles = [h.text for h in report.headings() if h.level == 1]
    assert titles == [
        "1. The issue",
        "2. How it shows up",
        "3. Why it happens",
        "4. Questions for local self-assessment",
    ]
    word = export_briefing(briefing, "docx", tmp_path / "b.docx")  # type: ignore[arg-type]
    document = docx.Document(str(word))
    styles = {p.style.name for p in document.paragraphs if p.text.startswith("1. The issue")}
    assert styles == {"Heading 1"}
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Strategy discussions" in body and "Question" in body
    pdf = export_briefing(briefing, "pdf", tmp_path / "b.pdf")  # type: ignore[arg-type]
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Why it happens" in text and "Questions for local self-assessment" in text
    assert reader.outline  # bookmarks for navigation


def test_a_briefing_with_a_name_is_refused_naming_the_dataset_file(tmp_path: Path) -> None:
    """The second line of defence: a dataset held without the import gate (as an older app
    version held them) with a name in a question blocks the briefing, and the message names
    the dataset's file, never the name."""
    from dataclasses import replace

    from exporters.briefing import BriefingBlockedError, export_briefing
    from reviewer_app.learning.collation import HeldDataset

    clean = synthetic(6)
    leaky = replace(
        clean[0],
        findings=tuple(
            replace(
                f, theme="Strategy discussions", board_questions=("Why was Jayden Smith not seen?",)
            )
            for f in clean[0].findings[:1]
        ),
    )
    collation = Collation([HeldDataset(leaky, file_name="given-to-me.json"), *clean[1:]])
    group = collation.theme_group("Strategy discussions")
    assert group is not None
    for file_format in ("docx", "pdf"):
        target = tmp_path / f"briefing.{file_format}"
        with pytest.raises(BriefingBlockedError) as caught:
            export_briefing(briefing_for(group), file_format, target)
        assert "given-to-me.json" in str(caught.value)
        assert "Jayden" not in str(caught.value) and "override" not in str(caught.value)
        assert not target.exists()


def test_a_briefing_says_how_many_published_reviews_carry_its_theme() -> None:
    collation = Collation(synthetic(12))
    group = collation.theme_group("Strategy discussions")
    assert group is not None
    text = "\n".join(
        piece.text
        for piece in text_pieces(briefing_report(briefing_for(group, published_reviews=3)))
    )
    assert "3 published case reviews in the reviewer's library carry the same theme." in text
    plain = "\n".join(piece.text for piece in text_pieces(briefing_report(briefing_for(group))))
    assert "published case review" not in plain
