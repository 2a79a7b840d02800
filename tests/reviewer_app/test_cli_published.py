"""`reviewer-app published import|search`, run as a real process against a learning library
made in the app's data folder (issue 19)."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.paths import AppPaths
from storage.backups import BackupStore
from storage.keyring_store import KeyringStore
from storage.learning_library import StoredLearningLibrary, default_library_path
from tests.helpers.reviews import MemoryKeyring
from tests.helpers.secrets_watch import PASSPHRASE, register
from tests.reviewer_app.published.corpus import make_corpus, make_scanned_pdf
from tests.reviewer_app.test_cli import run

LIBRARY = {"REVIEWER_APP_LIBRARY_PASSPHRASE": PASSPHRASE}


def _make_library(app_paths: AppPaths) -> None:
    access = StoredLearningLibrary(
        default_library_path(app_paths.data),
        BackupStore(app_paths.backups),
        KeyringStore(MemoryKeyring()),  # not remembered: the command line asks for the phrase
    )
    register(access.create(PASSPHRASE).recovery_code)
    access.close()


def test_published_import_then_search(tmp_path: Path, app_paths: AppPaths) -> None:
    _make_library(app_paths)
    folder = tmp_path / "downloads"
    made = make_corpus(folder, 6, seed=31)
    make_scanned_pdf(folder / "scanned.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n not really")

    imported = run("published", "import", str(folder), app_paths=app_paths, **LIBRARY)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith(f"{len(made)} published reviews added")
    assert "1 need a text version" in imported.stdout and "1 could not be read" in imported.stdout
    assert "refused: 'broken.pdf' is a damaged PDF" in imported.stderr
    assert "needs a text version: 'scanned.pdf'" in imported.stderr
    assert "Traceback" not in imported.stderr

    again = run("published", "import", str(folder), app_paths=app_paths, **LIBRARY)
    assert again.stdout.startswith("0 published reviews added")
    assert f"{len(made) + 1} already in the library" in again.stdout

    # one result a line: year, title, page, snippet; the planted word found in its report only
    item = made[3]
    found = run("published", "search", item.phrase, app_paths=app_paths, **LIBRARY)
    assert found.returncode == 0, found.stderr
    lines = found.stdout.splitlines()
    assert lines, found.stderr
    year, title, page, snippet = lines[0].split("\t")
    assert (int(year), title) == (item.year, item.title)
    assert int(page) >= 1 and item.phrase in snippet and "\ue000" not in snippet
    assert {line.split("\t")[1] for line in lines} == {item.title}

    theme = item.themes[0]
    within = run("published", "search", item.phrase, "--theme", theme.lower(),
                 "--year-from", str(item.year), app_paths=app_paths, **LIBRARY)  # fmt: skip
    assert within.returncode == 0, within.stderr
    later = run("published", "search", item.phrase, "--year-from", str(item.year + 1),
                app_paths=app_paths, **LIBRARY)  # fmt: skip
    assert later.stdout == "" and "Nothing in the published reviews matches" in later.stderr

    unknown = run("published", "search", "anything", "--theme", "No such theme",
                  app_paths=app_paths, **LIBRARY)  # fmt: skip
    assert unknown.returncode != 0 and "is not a theme the library suggests" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_published_without_a_library_or_passphrase_says_what_to_do(
    tmp_path: Path, app_paths: AppPaths
) -> None:
    none_yet = run("published", "search", "neglect", app_paths=app_paths, **LIBRARY)
    assert none_yet.returncode != 0 and "no learning library" in none_yet.stderr
    _make_library(app_paths)
    no_phrase = run("published", "search", "neglect", app_paths=app_paths)
    assert no_phrase.returncode != 0
    assert "REVIEWER_APP_LIBRARY_PASSPHRASE" in no_phrase.stderr
    wrong = run("published", "import", str(tmp_path), app_paths=app_paths,
                REVIEWER_APP_LIBRARY_PASSPHRASE="not the phrase at all")  # fmt: skip
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    missing = run("published", "import", str(tmp_path / "nowhere"), app_paths=app_paths,
                  **LIBRARY)  # fmt: skip
    assert missing.returncode != 0 and "is not a folder" in missing.stderr
