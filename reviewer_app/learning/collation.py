"""Learning across reviews: many learning datasets, their findings counted along four lines.

After the Learning into Practice Project's collation, which organised practice issues along the
child's journey through services. Datasets are told apart by what they hold (a content hash)
as well as their id: the same content twice is counted once, whatever its id; an id reused with
other findings is kept as a second, flagged dataset, never silently replacing the first.
Themes group by `themes.theme_key` and the collator's merges.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from reviewer_app.analysis.reference import journey_stages, typology
from reviewer_app.chronology.entry import AgencyType
from reviewer_app.learning.dataset import AGE_BANDS, DatasetFinding, LearningDataset, to_dict
from reviewer_app.learning.themes import (
    MergeSuggestion,
    ThemeMerges,
    suggest_merges,
    theme_key,
    tidy,
    vocabulary_theme,
)
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


UNKNOWN_VALUE = "(a value this app does not use)"


def category_label(key: str) -> str:
    if not key:
        return NOT_RECORDED
    return next((c.label for c in typology() if c.key == key), UNKNOWN_VALUE)


def stage_label(key: str) -> str:
    if not key:
        return NOT_RECORDED
    return next((s.label for s in journey_stages() if s.key == key), UNKNOWN_VALUE)


def agency_label(key: str) -> str:
    try:
        return AgencyType(key).label
    except ValueError:
        return UNKNOWN_VALUE if key else NO_AGENCY


def review_type_label(key: str) -> str:
    try:
        return ReviewType(key).label
    except ValueError:
        return UNKNOWN_VALUE if key else NOT_RECORDED


def content_hash(dataset: LearningDataset) -> str:
    """What the dataset says, without its id: the same review exported again under another id
    has the same hash, and a reused id with other findings does not."""
    body = to_dict(dataset)
    body.pop("dataset_id", None)
    body.pop("schema_version", None)
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class HeldDataset:
    """One collated dataset with where it came from. `key` is its content hash: two datasets
    with the same id but different findings are two held datasets."""

    dataset: LearningDataset
    file_name: str = ""
    imported_at: str = ""  # ISO 8601, UTC
    flag: str = ""  # why the collator should look at it ("reuses the id of …")
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", content_hash(self.dataset))


@dataclass(frozen=True, slots=True)
class Added:
    """What adding datasets did: how many were new, which were skipped as duplicates (the same
    content already held) and which were kept but flagged (an id already used by another)."""

    added: tuple[HeldDataset, ...] = ()
    duplicates: tuple[tuple[HeldDataset, HeldDataset], ...] = ()  # (skipped, already held)
    flagged: tuple[HeldDataset, ...] = ()


@dataclass(frozen=True, slots=True)
class CollationFilter:
    """Which datasets and findings are counted (empty: no limit)."""

    year_from: int | None = None
    year_to: int | None = None
    review_types: frozenset[str] = frozenset()
    age_bands: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()

    def admits(self, dataset: LearningDataset) -> bool:
        year = dataset.review_year
        if self.year_from is not None and (year is None or year < self.year_from):
            return False
        if self.year_to is not None and (year is None or year > self.year_to):
            return False
        return (
            (not self.review_types or dataset.review_type in self.review_types)
            and (not self.age_bands or dataset.age_band in self.age_bands)
            and (not self.regions or dataset.region in self.regions)
        )

    def admits_finding(self, finding: DatasetFinding) -> bool:
        return not self.stages or finding.journey_stage in self.stages

    @property
    def active(self) -> bool:
        return self != CollationFilter()


@dataclass(frozen=True, slots=True)
class CollatedFinding:
    dataset_id: str
    review_type: str
    review_year: int | None
    age_band: str
    finding: DatasetFinding
    held: str = ""  # the held dataset's key: reviews are counted by it
    file_name: str = ""
    region: str = ""


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
        return len({f.held or f.dataset_id for f in self.findings})


class Collation:
    """The collated datasets and the findings they hold, counted by any dimension, with the
    collator's theme merges and filter."""

    def __init__(
        self,
        datasets: Iterable[LearningDataset | HeldDataset] = (),
        *,
        merges: ThemeMerges | None = None,
    ) -> None:
        self._held: dict[str, HeldDataset] = {}
        self._by_id: dict[str, HeldDataset] = {}  # the first held dataset with each id
        self.merges = merges if merges is not None else ThemeMerges()
        self.filter = CollationFilter()
        self._version = 0  # counts changes to what is held, for the groups remembered
        self._groups: dict[Dimension, list[Group]] = {}
        self._groups_of: tuple[object, ...] = ()
        self.add(datasets)

    def add(self, datasets: Iterable[LearningDataset | HeldDataset]) -> Added:
        """Hold each dataset unless the same content is already held (a duplicate, skipped);
        one whose id another held dataset already uses is held too, and flagged."""
        added: list[HeldDataset] = []
        duplicates: list[tuple[HeldDataset, HeldDataset]] = []
        flagged: list[HeldDataset] = []
        for item in datasets:
            held = item if isinstance(item, HeldDataset) else HeldDataset(item)
            if held.key in self._held:
                duplicates.append((held, self._held[held.key]))
                continue
            if not held.flag:
                other = self._by_id.get(held.dataset.dataset_id)
                if other is not None:
                    source = f" from '{other.file_name}'" if other.file_name else ""
                    held = replace(
                        held, flag=f"reuses the id of another dataset{source}, with other findings"
                    )
                    flagged.append(held)
            self._held[held.key] = held
            self._by_id.setdefault(held.dataset.dataset_id, held)
            added.append(held)
        self._version += 1
        return Added(tuple(added), tuple(duplicates), tuple(flagged))

    def remove(self, key: str) -> HeldDataset | None:
        removed = self._held.pop(key, None)
        self._version += 1
        if removed is not None and self._by_id.get(removed.dataset.dataset_id) is removed:
            del self._by_id[removed.dataset.dataset_id]
            for h in self._held.values():
                if h.dataset.dataset_id == removed.dataset.dataset_id:
                    self._by_id[h.dataset.dataset_id] = h
                    break
        return removed

    def clear(self) -> None:
        self._held.clear()
        self._by_id.clear()
        self._version += 1

    @property
    def held(self) -> tuple[HeldDataset, ...]:
        return tuple(self._held.values())

    @property
    def datasets(self) -> tuple[LearningDataset, ...]:
        return tuple(h.dataset for h in self._held.values())

    def counted(self) -> tuple[HeldDataset, ...]:
        """The held datasets the filter admits."""
        return tuple(h for h in self._held.values() if self.filter.admits(h.dataset))

    def findings(self) -> list[CollatedFinding]:
        return [
            CollatedFinding(
                d.dataset_id,
                d.review_type,
                d.review_year,
                d.age_band,
                f,
                h.key,
                h.file_name,
                d.region,
            )
            for h in self.counted()
            for d in (h.dataset,)
            for f in d.findings
            if self.filter.admits_finding(f)
        ]

    def theme_group_key(self, theme: str) -> str:
        return self.merges.resolve(theme_key(theme))

    def _keys(self, dimension: Dimension, finding: DatasetFinding) -> tuple[str, ...]:
        if dimension is Dimension.CATEGORY:
            return (finding.category,)
        if dimension is Dimension.THEME:
            return (self.theme_group_key(finding.theme),)
        if dimension is Dimension.JOURNEY_STAGE:
            return (finding.journey_stage,)
        return finding.agency_types or ("",)

    def groups(self, dimension: Dimension) -> list[Group]:
        """One group per value; a finding evidenced by several agency types counts in each.
        Journey stages keep the journey's order; the rest go largest first. Remembered until
        what is held, the filter or the merges change (a window asks for them often)."""
        state = (self._version, self.filter, id(self.merges), tuple(self.merges.items()))
        if state != self._groups_of:
            self._groups, self._groups_of = {}, state
        if dimension not in self._groups:
            self._groups[dimension] = self._grouped(dimension)
        return list(self._groups[dimension])

    def _grouped(self, dimension: Dimension) -> list[Group]:
        members: dict[str, list[CollatedFinding]] = {}
        spellings: dict[str, Counter[str]] = {}
        for item in self.findings():
            for key in self._keys(dimension, item.finding):
                members.setdefault(key, []).append(item)
                if dimension is Dimension.THEME:
                    spellings.setdefault(key, Counter())[tidy(item.finding.theme)] += 1
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
        ranked = sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))
        for spelling, _n in ranked:  # a common theme's own label, if any spelling is it
            theme = vocabulary_theme(theme_key(spelling))
            if theme is not None and theme.key == theme_key(spelling):
                return theme.label
        theme = vocabulary_theme(key)
        if theme is not None and theme.key == key:
            return theme.label
        return ranked[0][0]

    def group(self, dimension: Dimension, key: str) -> Group | None:
        return next((g for g in self.groups(dimension) if g.key == key), None)

    def theme_group(self, theme: str) -> Group | None:
        """The theme group a theme as typed (any spelling, or its label) counts in."""
        return self.group(Dimension.THEME, self.theme_group_key(theme))

    def merge_suggestions(self, dismissed: Iterable[tuple[str, str]] = ()) -> list[MergeSuggestion]:
        """Suggested merges for the theme groups as they stand; a suggestion into a theme
        already merged elsewhere points at where it went, and none undoes a merge."""
        groups = [(g.key, g.label, g.count) for g in self.groups(Dimension.THEME)]
        kept = []
        for suggestion in suggest_merges(groups, dismissed=dismissed):
            into = self.merges.resolve(suggestion.into)
            if into != suggestion.variant:
                kept.append(
                    replace(suggestion, into=into) if into != suggestion.into else suggestion
                )
        return kept


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
    #: per question, the files of the datasets that asked it (to name them if one is refused)
    question_sources: tuple[tuple[str, ...], ...] = ()
    #: how many published reviews in the reviewer's library carry this theme (0: none, or no
    #: library open)
    published_reviews: int = 0


def _tally(
    counter: Counter[str], label: Callable[[str], str], order: list[str] | None = None
) -> tuple[Tally, ...]:
    rank = {key: n for n, key in enumerate(order or [])}
    keys = sorted(counter, key=lambda k: (rank.get(k, len(rank)), -counter[k], k))
    return tuple(Tally(label(k) or NOT_RECORDED, counter[k]) for k in keys)


def briefing_for(group: Group, *, published_reviews: int = 0) -> ThemeBriefing:
    stages: Counter[str] = Counter()
    agencies: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    review_types: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    questions: dict[str, str] = {}
    sources: dict[str, dict[str, None]] = {}
    seen_reviews: set[str] = set()
    for item in group.findings:
        f = item.finding
        stages[f.journey_stage] += 1
        categories[f.category] += 1
        for kind in f.agency_types or ("",):
            agencies[kind] += 1
        if (item.held or item.dataset_id) not in seen_reviews:
            seen_reviews.add(item.held or item.dataset_id)
            review_types[item.review_type] += 1
            ages[item.age_band] += 1
        for question in f.board_questions:
            key = " ".join(question.split()).casefold()
            questions.setdefault(key, question.strip())
            sources.setdefault(key, {})[item.file_name or item.dataset_id] = None
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
        published_reviews=published_reviews,
        question_sources=tuple(tuple(sources[k]) for k in questions),
    )
