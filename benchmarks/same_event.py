"""How well the same-event suggester finds one event recorded by several agencies (issue 17:
recall >= 90% at precision >= 80%).

    .venv/bin/python benchmarks/same_event.py [--entries 300 2000 10000] [--seeds 17 18 19]

The demo generator knows which of its entries are the same event (`build_demo_with_truth`: the
story's strategy discussion, and shared events each agency wrote in its own words, usually at
the same time). For each size and seed this runs the suggester over the whole chronology with
no decisions made, and counts, at the default threshold:

- recall: the share of the true pairs it suggests;
- precision: the share of its suggestions that are true pairs;
- recall in its top N, where N is the number of true pairs (how well "best first" ranks them);
- the time it took.

A sweep of thresholds shows where the default sits. Figures, not a test: the exit status says
whether every run met the goal.
"""

from __future__ import annotations

import argparse
import sys
import time

from reviewer_app.chronology import same_event
from reviewer_app.demo import build_demo_with_truth

GOAL_RECALL = 0.90
GOAL_PRECISION = 0.80


def measure(
    found: list[same_event.Suggestion], truth: frozenset[tuple[int, int]], threshold: float
) -> tuple[float, float, int]:
    kept = [s for s in found if s.score >= threshold]
    hits = sum(1 for s in kept if (s.entry_a, s.entry_b) in truth)
    recall = hits / len(truth) if truth else 1.0
    precision = hits / len(kept) if kept else 1.0
    return recall, precision, len(kept)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[300, 1000, 2000, 5000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[17, 18, 19])
    args = parser.parse_args()
    met = True
    print(
        f"{'entries':>8} {'seed':>5} {'true pairs':>10} {'suggested':>9} {'recall':>7} "
        f"{'precision':>9} {'top-N recall':>12} {'seconds':>8}"
    )
    sweep: dict[float, list[tuple[float, float]]] = {}
    for entries in args.entries:
        for seed in args.seeds:
            snapshot, truth = build_demo_with_truth(entries, seed)
            types = {a.id: a.agency_type for a in snapshot.agencies if a.id is not None}
            started = time.perf_counter()
            found = same_event.suggest(snapshot.entries, (), 0.0, types)
            seconds = time.perf_counter() - started
            recall, precision, kept = measure(found, truth, same_event.DEFAULT_THRESHOLD)
            top = found[: len(truth)]
            top_recall = sum(1 for s in top if (s.entry_a, s.entry_b) in truth) / len(truth)
            met = met and recall >= GOAL_RECALL and precision >= GOAL_PRECISION
            print(
                f"{entries:>8} {seed:>5} {len(truth):>10} {kept:>9} {recall:>7.1%} "
                f"{precision:>9.1%} {top_recall:>12.1%} {seconds:>8.2f}"
            )
            for threshold in range(25, 80, 5):
                r, p, _ = measure(found, truth, float(threshold))
                sweep.setdefault(float(threshold), []).append((r, p))
    print(f"\nThreshold sweep (default {same_event.DEFAULT_THRESHOLD:.0f}), worst run at each:")
    print(f"{'threshold':>9} {'recall':>7} {'precision':>9}")
    for threshold, runs in sorted(sweep.items()):
        print(f"{threshold:>9.0f} {min(r for r, _ in runs):>7.1%} {min(p for _, p in runs):>9.1%}")
    goal = f"recall >= {GOAL_RECALL:.0%} at precision >= {GOAL_PRECISION:.0%}"
    print(f"\nGoal ({goal}) at the default threshold: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
