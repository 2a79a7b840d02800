"""Collation over many synthetic learning datasets counts every finding where it belongs."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from reviewer_app.learning.collation import (
    NO_AGENCY,
    NOT_RECORDED,
    Collation,
    Dimension,
    briefing_for,
)
from reviewer_app.learning.dataset import DatasetFinding, LearningDataset, to_csv, to_json
from reviewer_app.services.learning import CollationService

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
                dataset_id=f"dataset-{i:03}",
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
    themes = _expected(datasets, lambda f: [" ".join(f.theme.split()).casefold()])
    assert counts(Dimension.THEME) == themes
    assert sum(g.count for g in collation.groups(Dimension.CATEGORY)) == total
    # labels: the typology's words, the usual spelling of a theme, and plain words for blanks
    labels = {g.key: g.label for g in collation.groups(Dimension.THEME)}
    assert labels["bruising in non-mobile babies"] == "Bruising in non-mobile babies"
    assert labels[""] == NOT_RECORDED
    agency_labels = {g.key: g.label for g in collation.groups(Dimension.AGENCY_TYPE)}
    assert agency_labels["gp"] == "General practice" and agency_labels[""] == NO_AGENCY
    # journey stages keep the child's journey's order
    assert [g.key for g in collation.groups(Dimension.JOURNEY_STAGE)] == list(STAGES)
    # the findings behind a group are one call away, and count reviews once each
    group = collation.group(Dimension.THEME, "strategy discussions")
    assert group is not None
    assert group.review_count == len({f.dataset_id for f in group.findings})
    assert all(
        " ".join(f.finding.theme.split()).casefold() == "strategy discussions"
        for f in group.findings
    )


def test_reimporting_a_dataset_replaces_it() -> None:
    datasets = synthetic(20)
    collation = Collation(datasets)
    before = len(collation.findings())
    assert collation.add(datasets[:5]) == (0, 5)
    assert len(collation.findings()) == before


def test_briefing_for_a_theme_tallies_its_findings() -> None:
    collation = Collation(synthetic(30))
    group = collation.group(Dimension.THEME, "bruising in non-mobile babies")
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
    assert (result.added, result.replaced) == (22, 0)
    assert len(result.refused) == 1 and "notes.txt" in result.refused[0]
    assert Collation(datasets).groups(Dimension.CATEGORY) == service.collation.groups(
        Dimension.CATEGORY
    )


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
