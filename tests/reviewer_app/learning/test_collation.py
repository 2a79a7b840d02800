"""Collation over many synthetic learning datasets counts every finding where it belongs."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer_app.learning.collation import (
    NO_AGENCY,
    NOT_RECORDED,
    Collation,
    CollationFilter,
    Dimension,
    HeldDataset,
    briefing_for,
)
from reviewer_app.learning.dataset import DatasetFinding, LearningDataset, to_csv, to_json
from reviewer_app.learning.themes import theme_key
from reviewer_app.services.collation import CollationService

CATEGORIES = ("tools", "human-reasoning", "multi-agency-incidents", "management-systems")
STAGES = ("universal-services", "referral", "strategy-discussion", "assessment")
AGENCIES = ("police", "gp", "health-visiting", "childrens-social-care")
THEMES = ("Bruising in non-mobile babies", "Strategy discussions", "Contacts and referrals")


def synthetic(n: int, seed: int = 3) -> list[LearningDataset]:
    rng = random.Random(seed)
    made = []
    for i in range(n):
        findings = []
        for k in range(1, rng.randint(0, 5) + 1):
            theme = rng.choice(THEMES)
            if rng.random() < 0.3:  # the same theme written differently
                theme = f"  {theme.upper()} "
            findings.append(
                DatasetFinding(
                    number=k,
                    category=rng.choice((*CATEGORIES, "")),
                    theme=theme if rng.random() > 0.1 else "",
                    journey_stage=rng.choice(STAGES),
                    agency_types=tuple(sorted(rng.sample(AGENCIES, rng.randint(0, 2)))),
                    board_questions=(f"Question {k} of review {i}?",),
                )
            )
        made.append(
            LearningDataset(
                dataset_id=f"d{i:07x}",
                review_type=rng.choice(("lcspr", "scr", "rapid-review")),
                review_year=rng.randint(2015, 2026),
                age_band=rng.choice(("under 1", "1–4", "11–15")),
                agency_types=AGENCIES,
                findings=tuple(findings),
            )
        )
    return made


def _expected(datasets: list[LearningDataset], key: object) -> Counter[str]:
    counts: Counter[str] = Counter()
    for d in datasets:
        for f in d.findings:
            for k in key(f):  # type: ignore[operator]
                counts[k] += 1
    return counts


def test_counts_over_25_datasets_are_right() -> None:
    datasets = synthetic(25)
    total = sum(len(d.findings) for d in datasets)
    assert total > 40
    collation = Collation(datasets)
    assert len(collation.findings()) == total

    def counts(dimension: Dimension) -> Counter[str]:
        return Counter({g.key: g.count for g in collation.groups(dimension)})

    assert counts(Dimension.CATEGORY) == _expected(datasets, lambda f: [f.category])
    assert counts(Dimension.JOURNEY_STAGE) == _expected(datasets, lambda f: [f.journey_stage])
    assert counts(Dimension.AGENCY_TYPE) == _expected(datasets, lambda f: f.agency_types or [""])
    themes = _expected(datasets, lambda f: [theme_key(f.theme)])
    assert counts(Dimension.THEME) == themes
    assert sum(g.count for g in collation.groups(Dimension.CATEGORY)) == total
    # labels: the typology's words, the usual spelling of a theme, and plain words for blanks
    labels = {g.key: g.label for g in collation.groups(Dimension.THEME)}
    assert labels[theme_key("Bruising in non-mobile babies")] == "Bruising in non-mobile babies"
    assert labels[""] == NOT_RECORDED
    agency_labels = {g.key: g.label for g in collation.groups(Dimension.AGENCY_TYPE)}
    assert agency_labels["gp"] == "General practice" and agency_labels[""] == NO_AGENCY
    # journey stages keep the child's journey's order
    assert [g.key for g in collation.groups(Dimension.JOURNEY_STAGE)] == list(STAGES)
    # the findings behind a group are one call away, and count reviews once each
    group = collation.theme_group("strategy  DISCUSSION.")
    assert group is not None
    assert group.review_count == len({f.dataset_id for f in group.findings})
    assert all(theme_key(f.finding.theme) == "strategi discuss" for f in group.findings)


def test_the_same_content_is_counted_once_whatever_its_id() -> None:
    datasets = synthetic(20)
    collation = Collation(datasets)
    before = len(collation.findings())
    again = collation.add(datasets[:5])
    assert (len(again.added), len(again.duplicates)) == (0, 5)
    renamed = [replace(d, dataset_id=f"e{n:07x}") for n, d in enumerate(datasets[5:8])]
    assert len(collation.add(renamed).duplicates) == 3
    assert len(collation.findings()) == before


def test_a_reused_id_with_other_findings_is_kept_and_flagged() -> None:
    first, second = synthetic(2)
    collation = Collation([HeldDataset(first, file_name="a.json")])
    imposter = replace(second, dataset_id=first.dataset_id)
    result = collation.add([HeldDataset(imposter, file_name="b.json")])
    assert len(result.added) == 1 and len(result.flagged) == 1
    assert "reuses the id" in result.flagged[0].flag and "a.json" in result.flagged[0].flag
    assert len(collation.held) == 2
    assert len(collation.findings()) == len(first.findings) + len(second.findings)


def test_briefing_for_a_theme_tallies_its_findings() -> None:
    collation = Collation(synthetic(30))
    group = collation.theme_group("Bruising in non-mobile babies")
    assert group is not None
    briefing = briefing_for(group)
    assert briefing.theme == "Bruising in non-mobile babies"
    assert briefing.finding_count == group.count
    assert sum(t.count for t in briefing.stages) == group.count
    assert sum(t.count for t in briefing.categories) == group.count
    assert sum(t.count for t in briefing.review_types) == group.review_count
    assert len(briefing.questions) == group.count  # every question here is distinct


def test_import_files_of_both_kinds_and_name_bad_ones(tmp_path: Path) -> None:
    datasets = synthetic(22)
    paths = []
    for d in datasets[:11]:
        paths.append(tmp_path / f"{d.dataset_id}.json")
        paths[-1].write_text(to_json(d), "utf-8")
    for d in datasets[11:]:
        paths.append(tmp_path / f"{d.dataset_id}.csv")
        paths[-1].write_text(to_csv(d), "utf-8")
    bad = tmp_path / "notes.txt"
    bad.write_text("not a dataset", "utf-8")
    service = CollationService()
    result = service.import_files([*paths, bad])
    assert result.added == 22 and not result.duplicates
    assert len(result.refused) == 1 and result.refused[0].file_name == "notes.txt"
    for dimension in Dimension:
        expected = Collation(datasets).groups(dimension)
        found = service.collation.groups(dimension)
        assert [(g.key, g.count, g.review_count) for g in found] == [
            (g.key, g.count, g.review_count) for g in expected
        ]
    assert {h.file_name for h in service.collation.held} == {p.name for p in paths}


@pytest.mark.parametrize(
    "text",
    [
        '{"schema": "other"}',
        '{"schema": "scr-reviewer/learning-dataset", "schema_version": 9, '
        '"review": {}, "findings": []}',
    ],
)
def test_foreign_or_newer_json_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(text, "utf-8")
    result = CollationService().import_files([path])
    assert result.added == 0 and len(result.refused) == 1


def test_published_reviews_are_counted_beside_each_theme() -> None:
    """The library's published reviews per theme, lined up with the collated theme groups
    (the same key, merges followed)."""
    service = CollationService(
        published=lambda chosen: Counter(
            {"Strategy discussions": 3, "Neglect": 2, "Safe sleeping": 1}
        )
    )
    service.add(synthetic(12))
    service.merge(theme_key("Neglect"), theme_key("Strategy discussions"))
    counts = service.published_by_theme()
    assert counts is not None
    assert counts[theme_key("Strategy discussions")] == 5
    assert counts[theme_key("Safe sleeping")] == 1
    assert CollationService().published_by_theme() is None


def test_remembered_groups_follow_every_change() -> None:
    datasets = [d for d in synthetic(30, seed=12) if d.findings]
    collation = Collation(datasets[:10])
    by_theme = collation.groups(Dimension.THEME)
    assert collation.groups(Dimension.THEME) == by_theme  # remembered
    collation.add(datasets[10:])
    assert sum(g.count for g in collation.groups(Dimension.THEME)) == sum(
        len(d.findings) for d in datasets
    )
    first, second = [g.key for g in collation.groups(Dimension.THEME) if g.key][:2]
    before = len(collation.groups(Dimension.THEME))
    collation.merges.merge(second, first)  # changed in place
    assert len(collation.groups(Dimension.THEME)) == before - 1
    collation.filter = CollationFilter(year_from=2030)
    assert collation.groups(Dimension.CATEGORY) == []
    collation.filter = CollationFilter()
    collation.remove(collation.held[0].key)
    assert sum(g.count for g in collation.groups(Dimension.JOURNEY_STAGE)) == sum(
        len(h.dataset.findings) for h in collation.held
    )
    collation.clear()
    assert collation.groups(Dimension.AGENCY_TYPE) == []
