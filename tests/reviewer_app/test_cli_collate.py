"""`reviewer-app collate`: one group a line, refusals on stderr, tables and briefings."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from reviewer_app.learning.dataset import to_csv, to_json
from reviewer_app.paths import AppPaths
from tests.reviewer_app.learning.test_collation import synthetic
from tests.reviewer_app.learning.test_collation_gate import _leaky
from tests.reviewer_app.test_cli import run


def test_collate_prints_groups_and_refusals_and_writes_tables(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    datasets = [d for d in synthetic(40) if d.findings][:20]
    names = []
    for n, d in enumerate(datasets):
        path = tmp_path / f"d{n}.{'csv' if n % 2 else 'json'}"
        path.write_text(to_csv(d) if n % 2 else to_json(d), "utf-8")
        names.append(str(path))
    leak = tmp_path / "given.json"
    leak.write_text(to_json(_leaky()), "utf-8")
    bad = tmp_path / "broken.json"
    bad.write_text("{", "utf-8")
    table = tmp_path / "table.csv"
    result = run("collate", *names, str(leak), str(bad), "--by", "stage", "--out", str(table),
                 app_paths=app_paths, passphrase=None)  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    total = sum(len(d.findings) for d in datasets)
    assert sum(int(line.split("\t")[1]) for line in lines) == total
    assert all(len(line.split("\t")) == 3 for line in lines)
    assert "kept out: 'given.json'" in result.stderr and "refused: 'broken.json'" in result.stderr
    assert "Jayden" not in result.stderr + result.stdout
    assert (
        table.read_text("utf-8").splitlines()[0] == "Stage of the child's journey,Findings,Reviews"
    )

    book = tmp_path / "table.xlsx"
    assert (
        run("collate", *names, "--out", str(book), app_paths=app_paths, passphrase=None).returncode
        == 0
    )
    sheets = openpyxl.load_workbook(book, read_only=True).sheetnames
    assert "Datasets" in sheets and "By practice-issue theme" in sheets

    briefing = tmp_path / "briefing.docx"
    made = run("collate", *names, "--briefing", "strategy discussion", "--out", str(briefing),
               app_paths=app_paths, passphrase=None)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Strategy discussions" in "\n".join(
        p.text for p in docx.Document(str(briefing)).paragraphs
    )

    missing = run("collate", *names, "--briefing", "Nothing like it", "--out", str(briefing),
                  app_paths=app_paths, passphrase=None)  # fmt: skip
    assert missing.returncode == 1 and "No collated finding has the theme" in missing.stderr

    nothing = run("collate", str(bad), app_paths=app_paths, passphrase=None)
    assert nothing.returncode == 1 and "no learning dataset could be collated" in nothing.stderr
