"""Damaged review files for tests: real files, with real backups, with real bytes flipped."""

from __future__ import annotations

import random
from contextlib import closing
from pathlib import Path

from reviewer_app.chronology.dates import parse_uk_date
from reviewer_app.chronology.entry import Agency, AgencyType, ChronologyEntry
from reviewer_app.paths import AppPaths
from reviewer_app.review import Review
from storage.connection import PAGE_SIZE, connect
from storage.keys import derive_key, read_salt
from storage.library import StoredReviewFiles
from tests.helpers.reviews import review_files
from tests.helpers.secrets_watch import PASSPHRASE, register

ENTRIES = 400


def filled_review(path: Path, app_paths: AppPaths, entries: int = ENTRIES) -> StoredReviewFiles:
    """A closed review at `path` with `entries` chronology entries (several dozen pages) and
    one automatic backup holding them all (taken as it was closed). Returns the review files."""
    files = review_files(app_paths)
    created = files.create(path, Review(title="Damage test"), PASSPHRASE)
    register(created.recovery_code)
    review = created.review
    created.review.recovery_code_shown()
    agency = review.chronology.add_agency(Agency("Northshire Police", AgencyType.POLICE))
    assert agency.id is not None
    date = parse_uk_date("03/02/2015")
    review.chronology.add_many(
        [
            ChronologyEntry(agency.id, date, f"Log {n}", f"Visit number {n} " + "x" * 300)
            for n in range(entries)
        ]
    )
    review.close()
    return files


def flip_page(path: Path, page: int, offset: int = 200) -> None:
    """XOR one byte inside page `page` (0 is the first) of a closed file."""
    data = bytearray(path.read_bytes())
    data[page * PAGE_SIZE + offset] ^= 0xFF
    path.write_bytes(bytes(data))


def middle_page(path: Path) -> int:
    return path.stat().st_size // PAGE_SIZE // 2


def table_page(path: Path, table: str = "chronology_entry") -> int:
    """The page (0 is the first) holding the root of `table`: every read of it passes there."""
    salt = read_salt(path)
    with closing(connect(path, derive_key(PASSPHRASE, salt), salt)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
        return int(root.fetchone()[0]) - 1


def flip_random_bytes(path: Path, rng: random.Random, count: int) -> list[int]:
    """XOR `count` random bytes at random offsets past the salt; returns the offsets."""
    data = bytearray(path.read_bytes())
    offsets = [rng.randrange(16, len(data)) for _ in range(count)]
    for offset in offsets:
        data[offset] ^= rng.randrange(1, 256)
    path.write_bytes(bytes(data))
    return offsets
