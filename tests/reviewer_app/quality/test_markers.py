"""The NSPCC/SCIE 2016 marker set loads as DOMAIN.md describes it."""

from __future__ import annotations

import pytest

from reviewer_app.errors import InvalidInputError
from reviewer_app.quality.markers import (
    DEFAULT_SET,
    available_sets,
    default_set_for,
    load_marker_set,
)
from reviewer_app.review import ReviewType

EXPECTED = [
    (1, "setting-up", "Referral"),
    (2, "setting-up", "Decision making"),
    (3, "setting-up", "Advising board members"),
    (4, "setting-up", "Informing the family"),
    (5, "setting-up", "Clarity of purpose"),
    (6, "running", "Commissioning"),
    (7, "running", "Governance"),
    (8, "running", "Review management"),
    (9, "running", "Parallel processes"),
    (10, "running", "Assembling information"),
    (11, "running", "Practitioner involvement"),
    (12, "running", "Family involvement"),
    (13, "running", "Analysis"),
    (14, "outputs", "The report"),
    (15, "outputs", "Improvement action"),
    (16, "outputs", "Board written response"),
    (17, "outputs", "Publication"),
    (18, "outputs", "Implementation and evaluation"),
]


def test_the_eighteen_markers_have_the_right_numbers_stages_and_titles() -> None:
    markers = load_marker_set("nspcc-scie-2016").markers
    assert [(m.number, m.stage, m.title) for m in markers] == EXPECTED


def test_every_marker_has_a_summary_and_at_least_one_prompt_with_unique_keys() -> None:
    for marker in load_marker_set().markers:
        assert marker.summary.strip()
        assert len(marker.prompts) >= 1
        assert all(p.text.strip().endswith("?") for p in marker.prompts)
        assert len({p.key for p in marker.prompts}) == len(marker.prompts)


def test_the_set_credits_and_links_its_source_and_names_three_stages() -> None:
    marker_set = load_marker_set()
    assert "NSPCC/SCIE (2016)" in marker_set.credit
    assert "own wording" in marker_set.credit
    assert any("nspcc.org.uk" in link for link in marker_set.links)
    assert all(link.startswith("https://") for link in marker_set.links)
    assert [s.title for s in marker_set.stages] == [
        "Setting up the review",
        "Running the review",
        "Outputs of the review",
    ]
    assert [m.number for m in marker_set.in_stage("outputs")] == [14, 15, 16, 17, 18]


def test_only_the_markers_after_the_panel_are_left_out_of_the_readiness_check() -> None:
    after = [m.number for m in load_marker_set().markers if not m.before_panel]
    assert after == [15, 16, 17, 18]


def test_sets_are_versioned_data_chosen_by_key() -> None:
    assert DEFAULT_SET in available_sets()
    assert load_marker_set().version >= 1
    assert default_set_for(ReviewType.LCSPR) == "nspcc-scie-2016"
    # no adult set ships yet: an SAR falls back to the default until one is added
    assert default_set_for(ReviewType.SAR) == DEFAULT_SET
    with pytest.raises(InvalidInputError, match="does not know the marker set"):
        load_marker_set("sar-2022")
