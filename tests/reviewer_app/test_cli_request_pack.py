"""reviewer-app request-pack, and the completed template imported from the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from reviewer_app.paths import AppPaths
from tests.helpers.files import make_review
from tests.reviewer_app.test_cli import run


def test_request_pack_then_import_of_the_completed_template(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    review = tmp_path / "r.review"
    make_review(review, title="Child M")
    out = tmp_path / "packs"
    out.mkdir()
    made = run(
        "request-pack", str(review), "--agency", "Northshire Police", "--agency-type", "police",
        "--out", str(out), "--due", "08/01/2099", app_paths=app_paths,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Due: 08/01/2099" in made.stdout
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 3 and all("Northshire Police" in name for name in written)
    template = next(out.glob("*template.xlsx"))
    book = openpyxl.load_workbook(template)
    book["Chronology"].append(["23/06/2014", "14:00", "Log 1", "DS", "Strategy discussion."])
    filled = tmp_path / "police.xlsx"
    book.save(filled)

    wrong = run(
        "import-chronology", str(review), str(filled), "--agency", "Northshire Health",
        app_paths=app_paths,
    )  # fmt: skip
    assert wrong.returncode == 1
    assert "sent to Northshire Police" in wrong.stderr and "Traceback" not in wrong.stderr

    done = run(
        "import-chronology", str(review), str(filled), "--agency", "Northshire Police",
        app_paths=app_paths,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "is the template of chronology request CR-" in done.stdout
    assert "1 rows read, 1 can be imported" in done.stdout
    assert "Imported 1 entries for Northshire Police" in done.stdout
    assert "now marked received" in done.stdout


def test_request_pack_refuses_a_missing_folder_plainly(tmp_path: Path, app_paths: AppPaths) -> None:
    review = tmp_path / "r.review"
    make_review(review)
    result = run(
        "request-pack", str(review), "--agency", "Police", "--out", str(tmp_path / "nowhere"),
        app_paths=app_paths,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("error: There is no folder")
