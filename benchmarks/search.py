"""The chronology's search box at a given size, as the reviewer waits for it: CPU and wall time.

    .venv/bin/python benchmarks/search.py REVIEW [--repeat 5] [--code DIR] [--fill]

REVIEW is a demo review (`reviewer-app demo FILE --entries 200000`); it is opened as it is
(an older file is migrated first, outside the timings). For each word of `run_all.py`'s
COMMON_WORDS and SELECTIVE, and a single letter, it prints the median and minimum of:

* `search_ids` cold (the first search on a newly opened file) and warm;
* the table: `search_ids`, then the chronology table's filter showing the ids, painted in an
  offscreen window (the whole wait after the search box's pause);

as CPU time (user + system of this process: what the search costs, whatever else the machine
runs) and wall-clock time. `--fill` also times indexing every imported row the way a bulk
import does (`_FTS_FILL_BATCH` per batch, after emptying the index; rolled back). `--code DIR`
imports the app from another checkout (e.g. main), so two versions can be compared side by side
in the same minutes. It prints figures; it never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

WORDS = ("Mother", "visit", "Child M", "home visit", "m", "neck", "PC 2211")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # microseconds (os.times: clock ticks)
    return usage.ru_utime + usage.ru_stime


def _measure(action: Callable[[], Any], repeat: int) -> tuple[list[float], list[float]]:
    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(repeat):
        c0, w0 = _cpu(), time.perf_counter()
        action()
        cpu.append(_cpu() - c0)
        wall.append(time.perf_counter() - w0)
    return cpu, wall


def _figure(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f} ({min(values) * 1000:6.1f})"


def _time_fill(engine: Any, repeat: int) -> None:
    from storage.chronology_repository import _FTS_FILL_BATCH

    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        batches = [b for (b,) in raw.execute("SELECT id FROM import_batch")]
        rows = raw.execute("SELECT count(*) FROM chronology_entry WHERE batch_id IS NOT NULL")
        count = rows.fetchone()[0]

        def fill() -> None:
            raw.execute("BEGIN")
            try:
                raw.execute("INSERT INTO chronology_fts (chronology_fts) VALUES ('delete-all')")
                for batch in batches:
                    raw.execute(_FTS_FILL_BATCH, (batch,))
            finally:
                raw.execute("ROLLBACK")

        cpu, wall = _measure(fill, max(1, repeat // 2))
    print(f"index {count:,} imported rows ({len(batches)} batches, emptied first, rolled back):"
          f" CPU {_figure(cpu)} ms, wall {_figure(wall)} ms")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("review", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--fill", action="store_true", help="time filling the index too")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from reviewer_app.chronology.repository import EntryFilter
    from reviewer_app.demo import DEMO_PASSPHRASE
    from storage.backups import BackupStore
    from storage.chronology_repository import SqlChronology
    from storage.keys import DatabaseKey, derive_key, read_salt
    from storage.review_file import ReviewFile
    from ui.chronology.filter_proxy import EntryFilterProxy
    from ui.chronology.table_model import ChronologyTableModel
    from ui.chronology.table_view import ChronologyTableView

    app = QApplication.instance() or QApplication([])
    raw = bytes(derive_key(DEMO_PASSPHRASE, read_salt(args.review)).raw)
    backups = BackupStore(args.review.parent / "search-bench-backups")

    def opened() -> Any:
        return ReviewFile.open(args.review, key=DatabaseKey(raw), backups=backups)

    opened().close()  # an older file is migrated here, before anything is timed
    print(f"{args.review.name}: {args.review.stat().st_size / 2**20:.1f} MiB; code {args.code}")
    print("figures in ms: median (min); CPU = user + system of this process")
    print(f"{'query':12} {'hits':>7}  {'cold CPU':>16} {'warm CPU':>16} {'warm wall':>16}"
          f" {'table CPU':>16} {'table wall':>16}")  # fmt: skip

    file = opened()
    repo = SqlChronology(lambda: file.engine)
    model = ChronologyTableModel()
    model.set_chronology(repo.entry_rows(), {}, None)
    proxy = EntryFilterProxy(model)
    view = ChronologyTableView()
    view.setModel(proxy)
    view.resize(1200, 700)
    view.show()
    app.processEvents()
    for word in WORDS:
        query = EntryFilter(text=word)

        def search(where: Any = repo, q: Any = query) -> Any:
            return where.search_ids(q)

        def filtered(q: Any = query) -> None:
            proxy.set_ids(repo.search_ids(q))
            app.processEvents()

        cold: list[float] = []
        for _ in range(max(1, args.repeat // 2)):
            other = opened()
            cold += _measure(lambda o=other: search(SqlChronology(lambda: o.engine)), 1)[0]
            other.close()
        hits = len(search())
        warm_cpu, warm_wall = _measure(search, args.repeat)
        table_cpu: list[float] = []
        table_wall: list[float] = []
        for _ in range(args.repeat):
            cpu, wall = _measure(filtered, 1)
            table_cpu += cpu
            table_wall += wall
            proxy.set_ids(None)
            app.processEvents()
        print(f"{word:12} {hits:7}  {_figure(cold):>16} {_figure(warm_cpu):>16} "
              f"{_figure(warm_wall):>16} {_figure(table_cpu):>16} {_figure(table_wall):>16}",
              flush=True)  # fmt: skip
    view.close()
    if args.fill:
        _time_fill(file.engine, args.repeat)
    file.close()
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
