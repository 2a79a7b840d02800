"""The library of published reviews at 200 and 2,000 reports (issue 19: any query <= 100 ms
over 2,000 reports).

    .venv/bin/python benchmarks/published.py [--sizes 200 2000] [--repeat 5]

For each size, generates that many synthetic published reviews (PDF and Word, alternately; the
test corpus's generator) in a temporary folder, imports them into a new encrypted learning
library, and prints: the import's time (and per report), the library file's size, the peak
memory of this process, and the min/median time of each of a set of searches (common words,
a phrase, NEAR, a theme filter, a year filter, a word found in one report only). Figures, not
a test: it never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer_app.services.published import PublishedLibrary
from storage.keyring_store import KeyringStore, NoKeyring
from storage.learning_library import StoredLearningLibrary
from tests.reviewer_app.published.corpus import make_corpus

QUERIES = (
    ("common words", "partnership agency", {}),
    ("a phrase", '"strategy discussions"', {}),
    ("near", "recognise NEAR system", {}),
    ("a theme filter", "practitioners", {"theme": "Neglect"}),
    ("a year filter", "managers", {"year_from": 2020}),
    ("a rare word", "quillon0007", {}),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for size in args.sizes:
        home = Path(tempfile.mkdtemp(prefix="scr-published-bench-"))
        start = time.perf_counter()
        make_corpus(home / "reports", size)
        made = time.perf_counter() - start
        access = StoredLearningLibrary(
            home / "learning.library",
            None,
            KeyringStore(NoKeyring()),  # type: ignore[arg-type]
        )
        access.create("a long passphrase for the benchmark only")
        store = access.published
        assert store is not None
        library = PublishedLibrary(store)
        start = time.perf_counter()
        result = library.import_folder(home / "reports")
        took = time.perf_counter() - start
        print(f"{size} reports (made in {made:.1f} s): {result.summary}")
        print(
            f"  import {took:.1f} s ({1000 * took / size:.0f} ms a report); library file "
            f"{(home / 'learning.library').stat().st_size / 1e6:.1f} MB"
        )
        for label, words, options in QUERIES:
            times = []
            found = 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                found = len(library.search(words, **options))  # type: ignore[arg-type]
                times.append(1000 * (time.perf_counter() - t0))
            met = "met" if statistics.median(times) <= 100 else "NOT met"
            print(
                f"  search, {label:<15} {min(times):7.1f} / {statistics.median(times):7.1f} ms "
                f"(min / median; goal 100 ms: {met}), {found} passages"
            )
        access.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
