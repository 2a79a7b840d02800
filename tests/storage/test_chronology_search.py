"""Full-text search of the chronology through the search index of step 15 (a one-character
prefix index): every form the search box promises (each word a prefix, any case, with or without
accents, punctuation ignored) finds exactly what an index without a prefix index finds, and a
file from before step 15 has its index made again, filled, when it is opened."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import Agency, ChronologyEntry
from reviewer_app.chronology.repository import EntryFilter
from reviewer_app.paths import AppPaths
from storage.backups import BackupStore
from storage.chronology_repository import SqlChronology, fts_query
from storage.connection import connect
from storage.keys import derive_key
from storage.library import StoredReview
from storage.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from storage.review_file import ReviewFile
from tests.helpers.reviews import new_review
from tests.helpers.secrets_watch import register

PASSPHRASE = register("search index test passphrase 16")
TEXTS = (
    "Mother seen at home",
    "Midwife visit: Mr K's flat",
    "Café meeting with Zoë (naïve question)",
    "Cafe closed",
    "co-op shop; foo_bar code",
    "PC 2211 attended for 3.5 hours",
    "ÉCOLE letter",
    "Child M seen alone",
    "maths tutor",
    "Nothing of note",
)
QUERIES = (
    "m", "M", "mo", "c", "café", "cafe", "CAFÉ", "zoe", "Zoë", "naive", "foo_bar", "foo bar",
    "bar", "co-op", "op", "k's", "K", "PC 2211", "2", "3.5", "ecole", "école", '"m', "m*",
    "child m", "Child M seen", "m AND", "NEAR(m", "-m", "^m", "(", "x", "ü",
)  # fmt: skip
COLUMNS = "source, practitioner, event, outcome, agency_comment, comment"


@pytest.fixture
def review(tmp_path: Path, app_paths: AppPaths) -> StoredReview:
    opened = new_review(tmp_path / "s.review", app_paths)
    yield opened
    opened.close()


def _without_prefix_index(review: StoredReview, query: str) -> frozenset[int]:
    """What the index of steps 2–14 (no prefix index) finds for `query`."""
    match = fts_query(query)
    if not match:
        return frozenset()
    with review.file.engine.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT rowid FROM reference_fts WHERE reference_fts MATCH ?", (match,)
        )
        return frozenset(row[0] for row in found)


def test_every_query_form_finds_what_an_index_without_prefixes_finds(
    review: StoredReview,
) -> None:
    repo = review.chronology
    police = repo.add_agency(Agency("Police")).id
    assert police is not None
    ids = {
        text: repo.add(ChronologyEntry(police, parse_uk_date("01/02/2015"), "Note", text)).id
        for text in TEXTS
    }
    with review.file.engine.begin() as conn:
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE reference_fts USING fts5 ({COLUMNS}, content = "
            "'chronology_entry', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')"
        )
        conn.exec_driver_sql("INSERT INTO reference_fts (reference_fts) VALUES ('rebuild')")
    for query in QUERIES:
        wanted = _without_prefix_index(review, query)
        assert repo.search_ids(EntryFilter(text=query)) == wanted, query
        assert frozenset(repo.search(EntryFilter(text=query))) == wanted, query

    def found(query: str) -> set[str]:
        hits = repo.search_ids(EntryFilter(text=query))
        return {text for text, i in ids.items() if i in hits}

    m_words = {TEXTS[0], TEXTS[1], TEXTS[2], TEXTS[7], TEXTS[8]}
    assert found("m") == found("M") == found("m*") == m_words  # a letter is a prefix of words
    assert found("café") == found("cafe") == found("CAFÉ") == {TEXTS[2], TEXTS[3]}
    assert found("zoe") == found("Zoë") == {TEXTS[2]}
    assert found("ecole") == found("école") == {TEXTS[6]}
    assert found("foo_bar") == found("foo bar") == found("co-op") == {TEXTS[4]}
    assert found("k's") == {TEXTS[1]}
    assert found("3.5") == found("PC 2211") == {TEXTS[5]}
    assert found("child m") == {TEXTS[7]}
    assert found("^m") == found("-m") == found("(m)") == m_words  # FTS syntax is only words
    assert found("x") == found("(") == found("ü") == set()


def test_a_file_from_before_the_prefix_index_gets_it_filled_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "v14.review"
    salt = os.urandom(16)
    conn = connect(path, derive_key(PASSPHRASE, salt), salt, create=True)
    migrate(conn, 0, MIGRATIONS[:14])  # as version 14 wrote it: the index without prefixes
    conn.execute("INSERT INTO agency (id, name, agency_type) VALUES (1, 'Police', 'police')")
    conn.execute(
        "INSERT INTO chronology_entry (agency_id, date_precision, date_qualifier, source, event)"
        " VALUES (1, 'unknown', 'on', 'Note', 'Mother seen'), (1, 'unknown', 'on', 'Note', 'x')"
    )
    old = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'chronology_fts'").fetchone()
    assert "prefix" not in old[0]
    conn.close()

    with ReviewFile.open(path, passphrase=PASSPHRASE, backups=BackupStore(tmp_path / "b")) as f:
        with f.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
            sql = c.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'chronology_fts'"
            ).scalar()
            triggers = c.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'chronology_fts_%'"
            ).scalar()
            c.exec_driver_sql(
                "INSERT INTO chronology_fts (chronology_fts) VALUES ('integrity-check')"
            )
        assert "prefix = '1'" in sql and triggers == 3
        repo = SqlChronology(lambda: f.engine)
        assert len(repo.search_ids(EntryFilter(text="m"))) == 1
        assert len(repo.search_ids(EntryFilter(text="mother"))) == 1
        added = repo.add(ChronologyEntry(1, parse_uk_date("2015"), "Note", "Midwife visit"))
        assert added.id is not None
        assert added.id in repo.search_ids(EntryFilter(text="m"))  # the triggers index edits
        repo.update(added.with_changes(event="Nurse visit"))
        assert added.id not in repo.search_ids(EntryFilter(text="m"))
        repo.delete(added.id)
        assert repo.search_ids(EntryFilter(text="nurse")) == frozenset()
