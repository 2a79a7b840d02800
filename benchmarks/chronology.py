"""Chronology performance on a big review, encrypted vs an unencrypted copy, side by side.

    .venv/bin/python benchmarks/chronology.py [--entries 50000] [--rows 10000] [--repeat 5]

Prints a table of figures (best of --repeat runs): open + load the whole chronology, an FTS
search, importing an agency XLSX, and suggesting same-event pairs; for each, the SQLCipher
review and a plain SQLite copy of the same data are measured in the same run, and the ratio is
the encryption overhead. Goals (issue 3): load <= 1 s, search <= 50 ms, import <= 3 s,
overhead <= 1.3x. Nothing here is a test: the machine is noisy, so read ratios, not seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, event  # noqa: E402

from reviewer_app.chronology.repository import EntryFilter  # noqa: E402
from reviewer_app.demo import build_demo  # noqa: E402
from reviewer_app.paths import AppPaths  # noqa: E402
from reviewer_app.review import Review  # noqa: E402
from reviewer_app.services.chronology import ChronologyService  # noqa: E402
from reviewer_app.services.transfer import fill_review  # noqa: E402
from storage.backups import BackupStore  # noqa: E402
from storage.chronology_repository import SqlChronology  # noqa: E402
from storage.keyring_store import KeyringStore, NoKeyring  # noqa: E402
from storage.library import StoredReviewFiles  # noqa: E402

PASSPHRASE = "benchmark passphrase only"


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def plain_copy(review_path: Path, key_pragma: str, target: Path) -> None:
    """An unencrypted copy of the same database, made with SQLCipher's own export."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(review_path), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {key_pragma}")
    conn.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()


def plain_engine(path: Path):  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _settings(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None
        for statement in (
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA foreign_keys = ON",
        ):
            dbapi_conn.execute(statement)

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN")

    return engine


def make_xlsx(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Chronology")
    sheet.append(["Northshire Police chronology (synthetic)"])
    sheet.append([])
    sheet.append(["Date", "Time", "Source", "Officer", "Details of contact", "Action / Outcome"])
    start = dt.date(2013, 1, 1)
    for n in range(rows):
        day = start + dt.timedelta(days=n % 1100)
        date = day if n % 3 else day.strftime("%d/%m/%Y")
        sheet.append(
            [
                date,
                "14:30" if n % 4 == 0 else None,
                f"Log {n}",
                f"PC {n % 40}",
                f"Attended address, row {n}: “shouting” reported, £{n % 90} damage.",
                "Words of advice given.",
            ]
        )
    book.save(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="reviewer-bench-"))
    paths = AppPaths.under(work / "home").ensure()
    files = StoredReviewFiles(BackupStore(paths.backups), KeyringStore(NoKeyring()))  # type: ignore[arg-type]
    review_path = work / "big.review"
    print(f"Building a {args.entries:,}-entry review in {work} …", flush=True)
    created = files.create(review_path, Review(title="Benchmark"), PASSPHRASE)
    fill_review(created.review, build_demo(args.entries))
    key_pragma = created.review.file.key.pragma_value(created.review.file.salt)  # type: ignore[attr-defined]
    created.review.close()
    plain_path = work / "plain.sqlite"
    plain_copy(review_path, key_pragma, plain_path)
    xlsx = work / "agency.xlsx"
    make_xlsx(xlsx, args.rows)

    from reviewer_app.importers import preview_file

    results: list[tuple[str, float, float, str]] = []

    # 1. Open the file and load the whole chronology.
    def open_encrypted() -> None:
        review = files.open(review_path, passphrase=PASSPHRASE)
        assert len(review.chronology.entries()) == args.entries
        review.close()

    def open_plain() -> None:
        engine = plain_engine(plain_path)
        assert len(SqlChronology(lambda: engine).entries()) == args.entries
        engine.dispose()

    results.append(
        (
            "open + load all entries",
            best(open_encrypted, args.repeat),
            best(open_plain, args.repeat),
            "<= 1 s",
        )
    )

    # 1b. Load only (file already open), to separate key derivation from reading.
    review = files.open(review_path, passphrase=PASSPHRASE)
    engine = plain_engine(plain_path)
    enc_repo, plain_repo = review.chronology, SqlChronology(lambda: engine)
    results.append(
        (
            "load all entries (open file)",
            best(enc_repo.entries, args.repeat),
            best(plain_repo.entries, args.repeat),
            "",
        )
    )

    # 2. Full-text search.
    query = EntryFilter(text="strategy discussion")
    assert enc_repo.search(query) == plain_repo.search(query)
    results.append(
        (
            "FTS search 'strategy discussion'",
            statistics.median(best(lambda: enc_repo.search(query), 1) for _ in range(20)),
            statistics.median(best(lambda: plain_repo.search(query), 1) for _ in range(20)),
            "<= 50 ms",
        )
    )
    filtered = EntryFilter(
        text="visit", date_from=dt.date(2014, 1, 1), date_to=dt.date(2014, 12, 31)
    )
    results.append(
        (
            "FTS search + date filter",
            statistics.median(best(lambda: enc_repo.search(filtered), 1) for _ in range(20)),
            statistics.median(best(lambda: plain_repo.search(filtered), 1) for _ in range(20)),
            "<= 50 ms",
        )
    )

    # 3. Import a 10,000-row XLSX (read, map, parse dates, commit one batch), then remove it.
    def import_into(repo: SqlChronology) -> Callable[[], None]:
        def run() -> None:
            service = ChronologyService(repo)
            preview = preview_file(xlsx)
            result = service.commit_import(preview, service.ensure_agency("Benchmark Police"))
            assert result.imported == args.rows
            assert result.batch.id is not None
            repo.remove_batch(result.batch.id)

        return run

    repeat = max(1, args.repeat // 2)
    results.append(
        (
            f"import {args.rows:,}-row XLSX",
            best(import_into(enc_repo), repeat),  # type: ignore[arg-type]
            best(import_into(plain_repo), repeat),
            "<= 3 s",
        )
    )
    preview_only = best(lambda: preview_file(xlsx), repeat)

    # 4. Same-event suggestions over the whole chronology (runs in a worker in the window).
    service = ChronologyService(enc_repo)
    suggest_time = best(service.suggest_same_events, 1)
    review.close()
    engine.dispose()

    print(f"\n{'workload':<36} {'SQLCipher':>11} {'plain':>11} {'ratio':>7}  goal")
    for name, enc, plain, goal in results:
        print(
            f"{name:<36} {enc * 1000:>9.1f}ms {plain * 1000:>9.1f}ms {enc / plain:>6.2f}x  {goal}"
        )
    print(f"{'  of which reading the XLSX':<36} {preview_only * 1000:>9.1f}ms")
    print(f"{'same-event suggestions (all)':<36} {suggest_time * 1000:>9.1f}ms")
    print(
        f"\n{args.entries:,} entries; file {review_path.stat().st_size / 1e6:.1f} MB encrypted, "
        f"{plain_path.stat().st_size / 1e6:.1f} MB plain; best of {args.repeat}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
