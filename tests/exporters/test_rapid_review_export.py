"""The rapid review as Word for the national Panel, and the terms of reference it seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from exporters.api import ExportBlockedError
from exporters.rapid_review import export_rapid_review
from reviewer_app.errors import InvalidInputError
from reviewer_app.paths import AppPaths
from reviewer_app.timetable.rapid_review import Decision, RapidReview
from tests.helpers.reviews import demo_services, new_services


def test_the_rapid_review_goes_to_the_panel_under_its_headings(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = demo_services(tmp_path / "r.review", app_paths, entries=30)
    try:
        record = services.rapid_review.record()
        out = tmp_path / "rapid.docx"
        written = export_rapid_review(
            record, services.snapshot(), out, register=services.pseudonym_register()
        )
        assert written.missing == ()
        document = Document(str(out))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings[:6] == [
            "1. The facts of the case",
            "2. Immediate safeguarding action taken",
            "3. What the agencies have learned so far",
            "4. Whether the criteria for a local child safeguarding practice review are met",
            "5. The decision and the reasons for it",
            "6. Whether the case may be of national importance",
        ]
        text = "\n".join(p.text for p in document.paragraphs)
        assert "Hold a local child safeguarding practice review" in text
        assert "Sent to the Panel: 30/01/2026" in text
        assert "subdural haemorrhage" in text

        named = RapidReview(facts="Mia Ashworth was admitted.", decision=Decision.LCSPR)
        with pytest.raises(ExportBlockedError):
            export_rapid_review(named, services.snapshot(), tmp_path / "leak.docx")
        assert not (tmp_path / "leak.docx").exists()
        half = export_rapid_review(
            named, services.snapshot(), tmp_path / "half.docx",
            register=services.pseudonym_register(),
        )  # fmt: skip
        assert "the decision" not in half.missing and "the reasons for the decision" in half.missing
        assert "Child M was admitted." in "\n".join(
            p.text for p in Document(str(tmp_path / "half.docx")).paragraphs
        )
    finally:
        services.close()


def test_the_terms_of_reference_start_from_the_rapid_review(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    services = new_services(tmp_path / "r.review", app_paths)
    try:
        with pytest.raises(InvalidInputError, match="has not decided to hold an LCSPR"):
            services.rapid_review.seed_terms_of_reference()
        services.rapid_review.save(
            RapidReview(
                facts="Child admitted with a head injury.",
                agency_learning="A bruise at 4 months was not referred.",
                decision=Decision.LCSPR,
                decision_reasons="Serious harm; agencies' work together in question.",
            )
        )
        terms = services.rapid_review.seed_terms_of_reference()
        assert services.details.load().details.terms_of_reference == terms
        assert terms.startswith("Why this review is held:\nSerious harm;")
        assert "A bruise at 4 months was not referred." in terms
        assert "Key lines of enquiry:" in terms
        with pytest.raises(InvalidInputError, match="written already"):
            services.rapid_review.seed_terms_of_reference()
    finally:
        services.close()
