"""Published reviews linked to a finding as evidence that it is systemic: kept in the review
file as copies, counted, carried by the JSON interchange, cited in the draft report."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from exporters.report.build import build_report
from exporters.report_model import text_pieces
from reviewer_app.analysis.published_evidence import PublishedEvidence
from reviewer_app.errors import InvalidInputError
from reviewer_app.interchange import from_document, to_document
from reviewer_app.paths import AppPaths
from reviewer_app.services.changes import Part
from reviewer_app.services.finding_evidence import evidence_from_hit, theme_count
from reviewer_app.services.open_review import ReviewServices
from reviewer_app.services.published import PublishedLibrary
from reviewer_app.services.transfer import fill_review, take_snapshot
from reviewer_app.wiring import open_services
from storage.learning_library import StoredLearningLibrary
from tests.exporters.report_fixtures import REGISTER
from tests.helpers.reviews import new_review, review_files
from tests.helpers.secrets_watch import PASSPHRASE
from tests.reviewer_app.published.corpus import Made
from tests.reviewer_app.published.evidence_fixtures import (
    access,
    bruising_finding,
    corpus,
    library,
    services,
    with_theme,
)

__all__ = ["access", "corpus", "library", "services"]  # fixtures


def _link_theme_hits(
    services: ReviewServices, library: PublishedLibrary, finding_id: int
) -> list[PublishedEvidence]:
    hits = library.search("bruising non-mobile", theme="")
    assert hits
    return [services.finding_evidence.link(evidence_from_hit(library, finding_id, h)) for h in hits]


def test_linking_copies_the_passage_into_the_review_file(
    services: ReviewServices,
    library: PublishedLibrary,
    corpus: list[Made],
    access: StoredLearningLibrary,
    app_paths: AppPaths,
) -> None:
    finding = bruising_finding(services)
    assert finding.id is not None
    heard: list[Part] = []
    services.changes.subscribe(heard.append)
    [hit] = library.search(with_theme(corpus)[0].phrase)  # the summary of one planted report
    linked = services.finding_evidence.link(evidence_from_hit(library, finding.id, hit))
    assert heard == [Part.ANALYSIS]
    made = with_theme(corpus)[0]
    assert (linked.title, linked.year, linked.partnership) == (
        made.title,
        made.year,
        made.partnership,
    )
    assert linked.review_type == made.review_type and linked.page == hit.page
    assert linked.section == "summary" and made.phrase in linked.passage
    assert (linked.library_report_id, linked.library_passage_id) == (hit.report_id, hit.passage_id)
    # linking the same passage again keeps the one copy
    again = services.finding_evidence.link(evidence_from_hit(library, finding.id, hit))
    assert again == linked and len(services.finding_evidence.evidence()) == 1

    # the copy stays when the library goes: the review is complete without it
    access.close()
    path = services.path
    services.close()
    opened = open_services(review_files(app_paths).open(path, passphrase=PASSPHRASE))
    try:
        [kept] = opened.finding_evidence.evidence_for(finding.id)
        assert kept == linked
    finally:
        opened.close()


def test_unlink_and_put_back_keep_the_same_id(
    services: ReviewServices, library: PublishedLibrary
) -> None:
    finding = bruising_finding(services)
    assert finding.id is not None
    first, *_rest = _link_theme_hits(services, library, finding.id)
    removed = services.finding_evidence.unlink(first)
    assert first not in services.finding_evidence.evidence()
    with pytest.raises(InvalidInputError, match="no longer linked"):
        services.finding_evidence.unlink(first)
    services.finding_evidence.put_back(removed)
    assert first in services.finding_evidence.evidence()


def test_a_link_goes_with_its_finding(services: ReviewServices, library: PublishedLibrary) -> None:
    finding = bruising_finding(services)
    assert finding.id is not None
    _link_theme_hits(services, library, finding.id)
    services.analysis.delete(finding)
    assert services.finding_evidence.evidence() == []


def test_how_many_other_reviews_found_the_same(
    services: ReviewServices, library: PublishedLibrary, corpus: list[Made]
) -> None:
    finding = bruising_finding(services)
    assert finding.id is not None
    planted = len(with_theme(corpus))
    assert planted >= 2
    # the library's count matches the theme by its key, whatever the wording's case or plural
    assert theme_count(library, "bruising in NON-MOBILE baby") == planted
    assert theme_count(library, "") is None
    none_yet = services.finding_evidence.others_found(finding, library)
    assert (none_yet.linked, none_yet.with_theme) == (0, planted)
    assert none_yet.text == (
        f"No published reviews linked yet; {planted} published reviews carry this theme in "
        "your library."
    )
    linked = _link_theme_hits(services, library, finding.id)
    reports = {e.library_report_id for e in linked}
    assert len(linked) > len(reports)  # several passages of one report count it once
    found = services.finding_evidence.others_found(finding, library)
    assert found.linked == len(reports)
    locked = services.finding_evidence.others_found(finding, None)
    assert locked.with_theme is None and locked.text.endswith("linked.")


def test_json_interchange_carries_the_links_losslessly(
    services: ReviewServices, library: PublishedLibrary, tmp_path: Path, app_paths: AppPaths
) -> None:
    finding = bruising_finding(services)
    assert finding.id is not None
    _link_theme_hits(services, library, finding.id)
    document = to_document(services.snapshot())
    assert document["published_evidence"][0]["finding"] == 1
    text = json.dumps(document, ensure_ascii=False)

    second = new_review(tmp_path / "two.review", app_paths, title="placeholder")
    try:
        fill_review(second, from_document(json.loads(text)))
        again = to_document(take_snapshot(second))
    finally:
        second.close()
    assert again == document

    broken = copy.deepcopy(document)
    broken["published_evidence"][0]["finding"] = 99
    with pytest.raises(InvalidInputError, match=r"published_evidence\[0\].finding"):
        from_document(broken)
    broken = copy.deepcopy(document)
    broken["published_evidence"][0]["passage"] = " "
    with pytest.raises(InvalidInputError, match=r"published_evidence\[0\]"):
        from_document(broken)
    older = copy.deepcopy(document)
    del older["published_evidence"]  # a document from before the links: still read
    assert from_document(older).analysis.published_evidence == ()


def test_the_draft_report_cites_linked_reports_through_the_gate(
    services: ReviewServices, library: PublishedLibrary
) -> None:
    finding = bruising_finding(services)
    assert finding.id is not None
    linked = _link_theme_hits(services, library, finding.id)
    # a passage whose copy names the family (made up here) must not reach the report as it is
    named = services.finding_evidence.link(
        linked[0].with_changes(
            title="Philippa Quartermaine review", library_passage_id=None, passage="x"
        )
    )
    report = build_report(services.report_inputs(), register=REGISTER)
    texts = [p.text for p in text_pieces(report)]
    whole = "\n".join(texts)
    assert "Quartermaine" not in whole
    assert "Mother review" in whole  # pseudonymised, still cited
    [others] = [t for t in texts if t.startswith("Other reviews that found this: ")]
    assert "Mother review (" in others  # the line under the finding names every linked report
    first = linked[0]
    assert f"{first.title} ({first.partnership}, {first.year})" in others
    reference = f"{first.title} ({first.year}). {first.partnership}. As published."
    assert reference in whole
    reports = {e.report_key for e in (*linked, named)}
    assert whole.count("As published.") == len(reports)
