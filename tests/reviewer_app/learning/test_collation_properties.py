"""Properties of collation over generated datasets (Hypothesis): counts equal the generator's
truth, a theme's variants land in one group once the suggested merges are accepted, and no
identifying string planted anywhere in a dataset (any of its strings) reaches a briefing, a
table, the summary or the list of refusals."""

from __future__ import annotations

import io
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporters.briefing import briefing_report
from exporters.collation_table import collation_csv, collation_workbook
from exporters.report_model import text_pieces
from reviewer_app.learning.collation import Collation, Dimension, briefing_for
from reviewer_app.learning.dataset import DatasetFinding, LearningDataset, to_json
from reviewer_app.learning.themes import theme_key
from reviewer_app.services.collation import CollationService, refusals_csv

THEMES = (
    "Bruising in non-mobile babies",
    "Strategy discussions",
    "Invisible men",
    "Escalation of concerns",
    "Parental mental health",
    "Information sharing",
    "Safe sleeping",
    "Neglect",
)
CATEGORIES = ("tools", "human-reasoning", "multi-agency-incidents", "management-systems", "")
STAGES = ("referral", "assessment", "strategy-discussion", "")


@st.composite
def variant(draw: st.DrawFn, theme: str) -> str:
    """The theme as another reviewer might type it."""
    words = theme.split()
    kind = draw(st.sampled_from(("case", "space", "stop", "hyphen", "plural", "typo", "same")))
    if kind == "case":
        return theme.upper() if draw(st.booleans()) else theme.lower()
    if kind == "space":
        return "  " + "   ".join(words) + " "
    if kind == "stop":
        return theme + "."
    if kind == "hyphen":
        return theme.replace("-", " ") if "-" in theme else "-".join(words)
    if kind == "plural":
        last = words[-1]
        words[-1] = last[:-1] if last.endswith("s") else last + "s"
        return " ".join(words)
    if kind == "typo":
        long = [n for n, w in enumerate(words) if len(w) >= 6]
        if not long:
            return theme
        n = draw(st.sampled_from(long))
        word = words[n]
        at = draw(st.integers(1, len(word) - 3))
        words[n] = word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # two letters swapped
        return " ".join(words)
    return theme


@st.composite
def datasets(draw: st.DrawFn) -> tuple[list[LearningDataset], list[str]]:
    """Datasets and, per finding in order, the true theme it was written from."""
    made: list[LearningDataset] = []
    truth: list[str] = []
    for i in range(draw(st.integers(1, 25))):
        findings = []
        for k in range(1, draw(st.integers(1, 5)) + 1):
            true = draw(st.sampled_from(THEMES))
            truth.append(true)
            findings.append(
                DatasetFinding(
                    k,
                    draw(st.sampled_from(CATEGORIES)),
                    draw(variant(true)),
                    draw(st.sampled_from(STAGES)),
                    tuple(draw(st.sets(st.sampled_from(("gp", "police", "school")), max_size=2))),
                    (f"Question {k} for review {i}?",),
                )
            )
        made.append(
            LearningDataset(
                f"{i:020x}",
                draw(st.sampled_from(("lcspr", "scr"))),
                draw(st.integers(2015, 2026)),
                "1–4",
                ("gp", "police"),
                tuple(findings),
            )
        )
    return made, truth


@settings(max_examples=25, deadline=None)
@given(datasets())
def test_counts_equal_the_generators_truth(made: tuple[list[LearningDataset], list[str]]) -> None:
    sets, _truth = made
    collation = Collation(sets)
    findings = [f for d in sets for f in d.findings]
    for dimension, keys in (
        (Dimension.CATEGORY, lambda f: [f.category]),
        (Dimension.JOURNEY_STAGE, lambda f: [f.journey_stage]),
        (Dimension.AGENCY_TYPE, lambda f: list(f.agency_types) or [""]),
    ):
        expected = Counter(k for f in findings for k in keys(f))
        assert Counter({g.key: g.count for g in collation.groups(dimension)}) == expected
    assert sum(g.count for g in collation.groups(Dimension.THEME)) == len(findings)


@settings(max_examples=60, deadline=None)
@given(datasets())
def test_variants_land_in_one_group_once_suggested_merges_are_accepted(
    made: tuple[list[LearningDataset], list[str]],
) -> None:
    sets, truth = made
    service = CollationService()
    service.add(sets)
    for _ in range(100):  # accept every suggestion, as a collator clicking "Merge" would
        suggestions = service.suggestions()
        if not suggestions:
            break
        service.merge(suggestions[0].variant, suggestions[0].into)
    groups = service.collation.groups(Dimension.THEME)
    assert len(groups) == len(set(truth))
    by_group = {g.key: Counter() for g in groups}
    true_of = iter(truth)
    for d in sets:
        for f in d.findings:
            by_group[service.collation.theme_group_key(f.theme)][next(true_of)] += 1
    for counts in by_group.values():
        assert len(counts) == 1  # no two true themes were merged
    for true in set(truth):
        group = service.collation.theme_group(true)
        assert group is not None and group.count == truth.count(true)


NAMES = ("Jayden Smith", "Kayleigh Brown", "Liam Carter", "Tyler Jones")
SHAPES = ("14 February 2019", "03/03/2019", "SW1A 1AA", "14 Elm Road", "07700 900123")
DATASET_FIELDS = {
    "dataset id": "dataset_id",
    "review type": "review_type",
    "age band": "age_band",
    "region": "region",
}
WHERE = (
    "theme",
    "question",
    "category",
    "agency",
    "stage",
    "dataset id",
    "review type",
    "age band",
    "region",
    "review agency",
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    datasets(),
    st.sampled_from(NAMES + SHAPES + ("Oakfield Primary School",)),
    st.sampled_from(WHERE),
    st.data(),
)
def test_no_planted_identifying_string_reaches_a_briefing(
    tmp_path: Path,
    made: tuple[list[LearningDataset], list[str]],
    planted: str,
    where: str,
    data: st.DataObject,
) -> None:
    sets, _truth = made
    victim_index = data.draw(st.integers(0, len(sets) - 1))
    victim = sets[victim_index]
    first = victim.findings[0]
    text = f"Why was {planted} not seen" if where in ("theme", "question") else planted
    changed = {
        "theme": lambda f: DatasetFinding(
            f.number, f.category, text, f.journey_stage, f.agency_types, f.board_questions
        ),
        "question": lambda f: DatasetFinding(
            f.number, f.category, f.theme, f.journey_stage, f.agency_types, (text,)
        ),
        "category": lambda f: DatasetFinding(
            f.number, text, f.theme, f.journey_stage, f.agency_types, f.board_questions
        ),
        "agency": lambda f: DatasetFinding(
            f.number, f.category, f.theme, f.journey_stage, (text,), f.board_questions
        ),
        "stage": lambda f: DatasetFinding(
            f.number, f.category, f.theme, text, f.agency_types, f.board_questions
        ),
    }.get(where, lambda f: f)(first)
    leaky = replace(victim, findings=(changed, *victim.findings[1:]))
    if where in DATASET_FIELDS:
        leaky = replace(victim, **{DATASET_FIELDS[where]: text})
    elif where == "review agency":
        leaky = replace(victim, agency_types=(*victim.agency_types, text))
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    paths = []
    for n, d in enumerate([*sets[:victim_index], leaky, *sets[victim_index + 1 :]]):
        paths.append(folder / f"{n}.json")
        paths[-1].write_text(to_json(d), "utf-8")
    service = CollationService()
    result = service.import_files(paths)
    assert [r.file_name for r in result.refused] == [f"{victim_index}.json"]
    for group in service.collation.groups(Dimension.THEME):
        report = briefing_report(briefing_for(group))
        written = "\n".join(piece.text for piece in text_pieces(report))
        assert planted not in written
    for dimension in Dimension:
        assert all(planted not in g.label for g in service.collation.groups(dimension))
    assert planted not in "\n".join(result.lines()) + result.summary
    assert planted not in refusals_csv(result.refused)
    for dimension in Dimension:
        assert planted not in collation_csv(service.collation, dimension)
    book = openpyxl.load_workbook(io.BytesIO(collation_workbook(service.collation)))
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
             for c in row]  # fmt: skip
    assert not any(planted in cell for cell in cells)
    assert theme_key(planted)  # the strings are real text, not empty
