"""Importing learning datasets is a gate: identifying text is kept out, one bad file never
costs the others, and identity holds (../shared/reviews/collation.md, issue 21)."""

from __future__ import annotations

import dataclasses
import io
import json
import random
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from exporters.collation_table import WITHHELD, collation_workbook
from reviewer_app.anonymisation.scan import TextPiece
from reviewer_app.learning.checks import dataset_problems
from reviewer_app.learning.collation import Dimension, briefing_for
from reviewer_app.learning.dataset import (
    CSV_COLUMNS,
    DatasetFinding,
    LearningDataset,
    from_json,
    to_csv,
    to_dict,
    to_json,
)
from reviewer_app.services.collation import CollationService, refusals_csv
from tests.reviewer_app.learning.test_collation import synthetic

CSV_HEADINGS = ",".join(CSV_COLUMNS) + "\r\n"

#: Synthetic identifying strings, as the collation review planted them.
PLANTED = (
    "Jayden Smith",
    "Liam Carter",
    "14 February 2019",
    "03/03/2019",
    "Oakfield Primary School",
)


def _leaky() -> LearningDataset:
    return LearningDataset(
        dataset_id="a1b2c3d4e5f6a7b8c9d0",
        review_type="lcspr",
        review_year=2024,
        age_band="1–4",
        agency_types=("police", "gp"),
        findings=(
            DatasetFinding(
                1,
                "Jayden Smith",
                "Strategy discussions",
                "referral",
                ("Oakfield Primary School",),
                (
                    "Why did no agency speak to Jayden Smith's stepfather Liam Carter?",
                    "Jayden Smith was seen on 14 February 2019 and 03/03/2019.",
                ),
            ),
        ),
    )


def test_a_dataset_with_identifying_text_is_quarantined_and_the_rest_import(
    tmp_path: Path,
) -> None:
    good = synthetic(30)
    paths = []
    for d in good:
        paths.append(tmp_path / f"{d.dataset_id}.json")
        paths[-1].write_text(to_json(d), "utf-8")
    leak = tmp_path / "given-to-me.json"
    leak.write_text(to_json(_leaky()), "utf-8")
    service = CollationService()
    result = service.import_files([*paths[:10], leak, *paths[10:]])
    assert result.added == 30
    assert len(result.refused) == 1
    refusal = result.refused[0]
    assert refusal.quarantined and refusal.file_name == "given-to-me.json"
    for where in ("Finding 1 — category", "Finding 1 — agency type", "question for the board 2"):
        assert where in refusal.reason
    text = "\n".join([refusal.describe(), *result.lines(), result.summary, refusals_csv([refusal])])
    for planted in PLANTED:
        assert planted not in text  # the message never repeats what it found
        for group in service.collation.groups(Dimension.THEME):
            briefing = briefing_for(group)
            assert planted not in json.dumps(briefing.__repr__())


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("theme", "Dr Okafor's strategy discussions", "name"),
        ("theme", "Neglect at 14 Elm Road", "street address"),
        ("question", "Was the child seen on 3 March 2019?", "an exact date"),
        ("question", "Was the child seen on 2019-03-03?", "an exact date"),
        ("question", "Was DOB 14/02/2019 recorded?", "an exact date"),
        ("question", "Did anyone visit SW1A 1AA?", "postcode"),
        ("question", "Was 07700 900123 called back?", "phone"),
        ("theme", "Neglect seen at Oakfield Primary School", "named school"),
        ("question", "How did Riverside Medical Centre respond?", "named school, surgery"),
    ],
)
def test_identifying_shapes_in_free_text_are_caught(field: str, value: str, reason: str) -> None:
    base = synthetic(1)[0]
    finding = DatasetFinding(1, "tools", "Neglect", "referral", ("gp",), ("A clean question?",))
    finding = (
        replace(finding, theme=value)
        if field == "theme"
        else replace(finding, board_questions=(value,))
    )
    problems = dataset_problems(replace(base, findings=(finding,)))
    assert problems and any(reason in p.reason for p in problems), problems
    assert all(value not in p.describe() for p in problems)


def test_a_clean_dataset_and_the_demo_wording_pass() -> None:
    for dataset in synthetic(40):
        assert dataset_problems(dataset) == []
    clean = DatasetFinding(
        1,
        "tools",
        "Bruising in non-mobile babies",
        "referral",
        ("gp", "health-visiting"),
        (
            "How can the board be assured that every agency applies the bruising protocol?",
            "What does Working Together 2023 ask of strategy discussions held by telephone?",
        ),
    )
    assert dataset_problems(replace(synthetic(1)[0], findings=(clean,))) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"review_year": 99999}, "review year"),
        ({"review_year": 1985}, "review year"),
        ({"dataset_id": ""}, "dataset id"),
        ({"dataset_id": "x" * 65}, "dataset id"),
        ({"review_type": "Riverside Partnership"}, "review type"),
        ({"age_band": "4 years 3 months"}, "age band"),
        ({"region": "Riverside"}, "region"),
    ],
)
def test_values_out_of_range_or_not_shipped_keys_are_refused(
    change: dict[str, object], field: str
) -> None:
    problems = dataset_problems(replace(synthetic(1)[0], **change))  # type: ignore[arg-type]
    assert [p.field for p in problems] == [field]


def test_absurd_sizes_are_refused() -> None:
    base = synthetic(1)[0]
    many = tuple(DatasetFinding(n, "tools", "Neglect", "referral") for n in range(1, 100_001))
    assert any(p.field == "findings" for p in dataset_problems(replace(base, findings=many)))
    long_theme = DatasetFinding(1, "tools", "Neglect " * 400, "referral")
    assert any(
        "longer than" in p.reason for p in dataset_problems(replace(base, findings=(long_theme,)))
    )


def _hostile(folder: Path) -> dict[str, str]:
    """One bad file of each kind the collation review tried, and the reason each must give."""
    good = to_dict(synthetic(1, seed=99)[0])
    files: dict[str, tuple[bytes, str]] = {
        "truncated.json": (to_json(synthetic(1, seed=98)[0])[:50].encode(), "not valid JSON"),
        "nested.json": (b"[" * 1_000_000, "nested too deeply"),
        "version-0.json": (
            json.dumps({**good, "schema_version": 0}).encode(),
            "not a number from 1 to 2",
        ),
        "name-as-version.json": (
            json.dumps({**good, "schema_version": "Jayden Smith"}).encode(),
            "not a number from 1 to 2",
        ),
        "name-as-id.json": (
            json.dumps({**good, "dataset_id": "JaydenSmith"}).encode(),
            "a dataset with an id this app does not write: The dataset — dataset id: not an id "
            "SCR Reviewer writes",
        ),
        "empty-list.json": (b"[]", "holds no learning dataset"),
        "findings-bomb.json": (
            json.dumps({**good, "findings": [{}] * 300_000}).encode(),
            "more than 200 findings",
        ),
        "questions-bomb.json": (
            json.dumps({**good, "findings": [{"board_questions": ["?"] * 100_000}]}).encode(),
            "more than 40 questions",
        ),
        "headings-only.csv": (CSV_HEADINGS.encode(), "holds no learning dataset"),
        "version-9.json": (json.dumps({**good, "schema_version": 9}).encode(), "newer"),
        "wrong-schema.json": (json.dumps({**good, "schema": "other"}).encode(), "does not say"),
        "binary.json": (bytes(range(256)) * 4, "not a UTF-8 text file"),
        "superscript.csv": (
            to_csv(synthetic(1, seed=97)[0]).replace(",2", ",²", 1).encode(),
            "not a number",
        ),
        "huge-cell.csv": (
            (to_csv(synthetic(1, seed=96)[0]).rstrip() + "x" * 200_000 + "\r\n").encode(),
            "not a CSV file this app can read",
        ),
        "wrong-types.json": (
            json.dumps({**good, "findings": [{"number": "one", "theme": 5}]}).encode(),
            "has no number",
        ),
        "list-with-bad.json": (
            json.dumps([good, {"schema": "other"}]).encode(),
            "does not say",
        ),
        "no-id.json": (json.dumps({**good, "dataset_id": ""}).encode(), "dataset id: missing"),
        "far-future.json": (
            json.dumps(
                {**good, "dataset_id": "far1", "review": {**good["review"], "year": 99999}}
            ).encode(),
            "review year",
        ),
    }
    for name, (data, _reason) in files.items():
        (folder / name).write_bytes(data)
    return {name: reason for name, (_data, reason) in files.items()}


def test_a_hostile_mix_inside_1000_good_files(tmp_path: Path) -> None:
    # Every good dataset holds findings (questions naming its own number), so none is another's
    # duplicate; reviews with no findings at all and the same details would be.
    good = [d for d in synthetic(1300, seed=5) if d.findings][:1000]
    assert len(good) == 1000
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for n, d in enumerate(good):
        path = folder / f"good-{n:04}.{'csv' if n % 5 == 0 else 'json'}"
        data = to_csv(d) if n % 5 == 0 else to_json(d)
        path.write_bytes((b"\xef\xbb\xbf" if n % 7 == 0 else b"") + data.encode("utf-8"))
        paths.append(path)
    reasons = _hostile(folder)
    duplicate = folder / "same-review-new-id.json"
    duplicate.write_text(to_json(replace(good[3], dataset_id="abcdef0123456789")), "utf-8")
    reused = folder / "reused-id.json"
    reused.write_text(to_json(replace(synthetic(1, seed=77)[0], dataset_id=good[4].dataset_id)))
    mixed = [*paths, *(folder / name for name in reasons), duplicate, reused]
    random.Random(1).shuffle(mixed)
    service = CollationService()
    result = service.import_files(mixed)
    refused = {r.file_name: r.reason for r in result.refused}
    assert set(refused) == set(reasons)
    for name, reason in reasons.items():
        assert reason in refused[name], (name, refused[name])
    assert result.added == 1000 + 1  # every good file, and the reused id kept apart
    assert len(result.duplicates) == 1 and "same-review-new-id.json" in result.duplicates[0]
    assert len(result.flagged) == 1 and "reused-id.json" in result.flagged[0]
    assert len(service.collation.held) == 1001
    assert result.lines()[-1].startswith("…and ") and len(result.lines()) == 9
    assert refusals_csv(result.refused).count("\r\n") == len(result.refused) + 1


def test_a_bom_is_accepted_and_version_1_is_still_read() -> None:
    dataset = synthetic(1)[0]
    body = to_dict(dataset)
    body["schema_version"] = 1
    read = from_json("\ufeff" + json.dumps(body), "v1.json")
    assert read.schema_version == 1 and read.region == "" and read.findings == dataset.findings


def _marked(cls: type, prefix: str, **given: object) -> tuple[object, list[str]]:
    """An instance of a dataset dataclass with a distinct marker in every string it holds."""
    values: dict[str, object] = {}
    markers: list[str] = []
    for field in dataclasses.fields(cls):
        if field.name in given:
            values[field.name] = given[field.name]
        elif field.type in ("str", str):
            values[field.name] = marker = f"{prefix}-{field.name}"
            markers.append(marker)
        elif field.type in ("tuple[str, ...]", tuple[str, ...]):
            values[field.name] = (marker := f"{prefix}-{field.name}",)
            markers.append(marker)
        elif field.type in ("int", "int | None"):
            values[field.name] = 1
    return cls(**values), markers


def test_the_gate_reads_every_string_a_dataset_holds() -> None:
    """`texts()` is what the gate reads: every string field, present or added later, is in it,
    and one not among the shipped keys or the id's shape is read as free text and can fail."""
    finding, finding_markers = _marked(DatasetFinding, "finding")
    dataset, markers = _marked(LearningDataset, "dataset", findings=(finding,))
    assert isinstance(dataset, LearningDataset)
    seen = {text for _where, _field, text in dataset.texts()}
    assert set(markers + finding_markers) <= seen
    planted = replace(dataset, region="Jayden Smith")
    assert any(p.field == "region" for p in dataset_problems(planted))


def test_a_file_name_that_may_identify_someone_is_withheld_from_the_workbook(
    tmp_path: Path,
) -> None:
    sets = [d for d in synthetic(12, seed=5) if d.findings][:3]
    names = ["Jayden Smith.json", "Oakfield Primary School.json", "lcspr-2023.json"]
    paths = []
    for name, d in zip(names, sets, strict=True):
        paths.append(tmp_path / name)
        paths[-1].write_text(to_json(d), "utf-8")
    reused = tmp_path / "reused.json"
    reused.write_text(to_json(replace(synthetic(1, seed=77)[0], dataset_id=sets[0].dataset_id)))
    service = CollationService()
    result = service.import_files([*paths, reused])
    assert result.added == 4 and len(result.flagged) == 1
    book = openpyxl.load_workbook(io.BytesIO(collation_workbook(service.collation)))
    rows = list(book["Datasets"].iter_rows(values_only=True))
    files = [row[0] for row in rows[1:]]
    assert files.count(WITHHELD) == 2 and "lcspr-2023.json" in files
    cells = " ".join(str(c) for row in rows for c in row)
    assert "Jayden" not in cells and "Oakfield" not in cells


def test_the_written_briefing_is_read_back_and_refused_if_anything_was_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check after rendering is a real one: text that appears only in the written file (a
    renderer's header, a property) stops the briefing, and nothing is written."""
    from exporters import briefing as briefing_module
    from exporters.report_model import Report, text_pieces

    service = CollationService()
    service.add([d for d in synthetic(20, seed=4) if d.findings])
    group = service.collation.groups(Dimension.THEME)[0]

    def with_a_header(data: bytes, file_format: str, report: Report) -> list[TextPiece]:
        return [*text_pieces(report), TextPiece("Header", "header", "DOB 03/03/2019")]

    monkeypatch.setattr(briefing_module, "rendered_pieces", with_a_header)
    out = tmp_path / "briefing.docx"
    with pytest.raises(briefing_module.BriefingBlockedError) as refused:
        briefing_module.export_briefing(briefing_for(group), "docx", out)
    assert not out.exists() and "03/03/2019" not in str(refused.value)


def test_datasets_added_from_this_app_pass_the_gate_too() -> None:
    good = [d for d in synthetic(8, seed=21) if d.findings]
    service = CollationService()
    result = service.add([_leaky(), *good])
    assert result.added == len(good) == len(service.collation.held)
    [refused] = result.refused
    assert refused.quarantined and refused.file_name == "made in this app"
    assert "Jayden" not in refused.describe()
