"""Learning across reviews: many learning datasets, their findings counted along four lines.

After the Learning into Practice Project's collation, which organised practice issues along the
child's journey through services. A dataset imported again (the same id) replaces the earlier
copy, so re-exporting a review never counts its findings twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from reviewer_app.analysis.reference import journey_stages, typology
from reviewer_app.chronology.entry import AgencyType
from reviewer_app.learning.dataset import AGE_BANDS, DatasetFinding, LearningDataset
from reviewer_app.review import ReviewType

NOT_RECORDED = "(not recorded)"
NO_AGENCY = "(no agency linked)"


class Dimension(StrEnum):
    CATEGORY = "category"
    THEME = "theme"
    JOURNEY_STAGE = "journey-stage"
    AGENCY_TYPE = "agency-type"

    @property
    def label(self) -> str:
        return {
            "category": "Category",
            "theme": "Practice-issue theme",
            "journey-stage": "Stage of the child's journey",
            "agency-type": "Agency type",
        }[self.value]


def category_label(key: str) -> str:
    return next((c.label for c in typology() if c.key == key), key) if key else NOT_RECORDED


def stage_label(key: str) -> str:
    return next((s.label for s in journey_stages() if s.key == key), key) if key else NOT_RECORDED


def agency_label(key: str) -> str:
    try:
        return AgencyType(key).label
    except ValueError:
        return key or NO_AGENCY


def review_type_label(key: str) -> str:
    try:
        return ReviewType(key).label
    except ValueError:
        return key or NOT_RECORDED


def theme_key(theme: str) -> str:
    return " ".join(theme.split()).casefold()


@dataclass(frozen=True, slots=True)
class CollatedFinding:
    dataset_id: str
    review_type: str
    review_year: int | None
    age_band: str
    finding: DatasetFinding


@dataclass(frozen=True, slots=True)
class Group:
    key: str
    label: str
    findings: tuple[CollatedFinding, ...]

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def review_count(self) -> int:
        return len({f.dataset_id for f in self.findings})


def _keys(dimension: Dimension, finding: DatasetFinding) -> tuple[str, ...]:
    if dimension is Dimension.CATEGORY:
        return (finding.category,)
    if dimension is Dimension.THEME:
        return (theme_key(finding.theme),)
    if dimension is Dimension.JOURNEY_STAGE:
        return (finding.journey_stage,)
    return finding.agency_types or ("",)


class Collation:
    """The imported datasets and the findings they hold, counted by any dimension."""

    def __init__(self, datasets: Iterable[LearningDataset] = ()) -> None:
        self._datasets: dict[str, LearningDataset] = {}
        self.add(datasets)

    def add(self, datasets: Iterable[LearningDataset]) -> tuple[int, int]:
        """Add datasets; returns how many were new and how many replaced an earlier import."""
        added = replaced = 0
        for dataset in datasets:
            if dataset.dataset_id in self._datasets:
                replaced += 1
            else:
                added += 1
            self._datasets[dataset.dataset_id] = dataset
        return added, replaced

    def remove(self, dataset_id: str) -> LearningDataset | None:
        return self._datasets.pop(dataset_id, None)

    def clear(self) -> None:
        self._datasets.clear()

    @property
    def datasets(self) -> tuple[LearningDataset, ...]:
        return tuple(self._datasets.values())

    def findings(self) -> list[CollatedFinding]:
        return [
            CollatedFinding(d.dataset_id, d.review_type, d.review_year, d.age_band, f)
            for d in self._datasets.values()
            for f in d.findings
        ]

    def groups(self, dimension: Dimension) -> list[Group]:
        """One group per value; a finding evidenced by several agency types counts in each.
        Journey stages keep the journey's order; the rest go largest first."""
        members: dict[str, list[CollatedFinding]] = {}
        spellings: dict[str, Counter[str]] = {}
        for item in self.findings():
            for key in _keys(dimension, item.finding):
                members.setdefault(key, []).append(item)
                if dimension is Dimension.THEME:
                    spellings.setdefault(key, Counter())[" ".join(item.finding.theme.split())] += 1
        groups = [
            Group(key, self._label(dimension, key, spellings.get(key)), tuple(found))
            for key, found in members.items()
        ]
        if dimension is Dimension.JOURNEY_STAGE:
            order = {s.key: n for n, s in enumerate(journey_stages())}
            groups.sort(key=lambda g: (order.get(g.key, len(order)), g.label.casefold()))
        else:
            groups.sort(key=lambda g: (-g.count, g.key == "", g.label.casefold()))
        return groups

    @staticmethod
    def _label(dimension: Dimension, key: str, spellings: Counter[str] | None) -> str:
        if dimension is Dimension.CATEGORY:
            return category_label(key)
        if dimension is Dimension.JOURNEY_STAGE:
            return stage_label(key)
        if dimension is Dimension.AGENCY_TYPE:
            return agency_label(key)
        if not key or not spellings:
            return NOT_RECORDED
        return sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def group(self, dimension: Dimension, key: str) -> Group | None:
        return next((g for g in self.groups(dimension) if g.key == key), None)


# -- a briefing per theme, in the style of the LiPP briefings ----------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    label: str
    count: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class ThemeBriefing:
    """What a briefing on one practice issue says: the issue, how it shows up, why it happens,
    and questions for local self-assessment, drawn from every review that found it."""

    theme: str
    finding_count: int
    review_count: int
    stages: tuple[Tally, ...]  # how it shows up: where on the child's journey
    agency_types: tuple[Tally, ...]  # … and in whose records
    review_types: tuple[Tally, ...]
    age_bands: tuple[Tally, ...]
    categories: tuple[Tally, ...]  # why it happens: the typology's underlying patterns
    questions: tuple[str, ...]  # for local self-assessment


def _tally(
    counter: Counter[str], label: Callable[[str], str], order: list[str] | None = None
) -> tuple[Tally, ...]:
    rank = {key: n for n, key in enumerate(order or [])}
    keys = sorted(counter, key=lambda k: (rank.get(k, len(rank)), -counter[k], k))
    return tuple(Tally(label(k) or NOT_RECORDED, counter[k]) for k in keys)


def briefing_for(group: Group) -> ThemeBriefing:
    stages: Counter[str] = Counter()
    agencies: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    review_types: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    questions: dict[str, str] = {}
    seen_reviews: set[str] = set()
    for item in group.findings:
        f = item.finding
        stages[f.journey_stage] += 1
        categories[f.category] += 1
        for kind in f.agency_types or ("",):
            agencies[kind] += 1
        if item.dataset_id not in seen_reviews:
            seen_reviews.add(item.dataset_id)
            review_types[item.review_type] += 1
            ages[item.age_band] += 1
        for question in f.board_questions:
            questions.setdefault(" ".join(question.split()).casefold(), question.strip())
    descriptions = {c.key: c.description for c in typology()}
    stage_order = [s.key for s in journey_stages()]
    return ThemeBriefing(
        theme=group.label,
        finding_count=group.count,
        review_count=group.review_count,
        stages=_tally(stages, stage_label, stage_order),
        agency_types=_tally(agencies, agency_label),
        review_types=_tally(review_types, review_type_label),
        age_bands=_tally(ages, lambda k: k, list(AGE_BANDS)),
        categories=tuple(
            Tally(category_label(k), n, descriptions.get(k, ""))
            for k, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        questions=tuple(questions.values()),
    )
