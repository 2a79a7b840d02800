"""The recent-reviews list in the plain settings file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.platforms import assert_owner_only
from ui.recent import RecentReviews


def test_newest_first_without_duplicates_and_limited(tmp_path: Path) -> None:
    recent = RecentReviews(tmp_path / "config" / "settings.json", limit=3)
    for name in ("a", "b", "c", "b", "d"):
        recent.add(tmp_path / f"{name}.review")
    assert recent.paths() == [tmp_path / f"{n}.review" for n in ("d", "b", "c")]


def test_relative_paths_are_stored_absolute(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    recent = RecentReviews(tmp_path / "settings.json")
    recent.add(Path("here.review"))
    assert recent.paths() == [tmp_path / "here.review"]


def test_other_settings_are_kept_and_the_file_is_owner_only(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"auto_lock_minutes": 10}), encoding="utf-8")
    recent = RecentReviews(settings)
    recent.add(tmp_path / "x.review")
    assert json.loads(settings.read_text(encoding="utf-8")) == {
        "auto_lock_minutes": 10,
        "recent_reviews": [str(tmp_path / "x.review")],
    }
    assert_owner_only(settings)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"], "no temporary file left"


def test_a_damaged_settings_file_means_an_empty_list_not_a_crash(tmp_path: Path) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text("{not json", encoding="utf-8")
    recent = RecentReviews(settings)
    assert recent.paths() == []
    recent.add(tmp_path / "y.review")
    assert recent.paths() == [tmp_path / "y.review"]


def test_remove(tmp_path: Path) -> None:
    recent = RecentReviews(tmp_path / "settings.json")
    recent.add(tmp_path / "a.review")
    recent.add(tmp_path / "b.review")
    recent.remove(tmp_path / "a.review")
    assert recent.paths() == [tmp_path / "b.review"]
