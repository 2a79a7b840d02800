"""Learning across reviews at scale (issue 21): import through the gate, collate, briefing.

    .venv/bin/python benchmarks/collation.py [--sizes 1000 10000] [--repeat 3]

For each size, writes that many generated learning datasets (one JSON file each; 2–6 findings,
themes typed with the variants real reviewers use) into a temporary folder, then times, side by
side in the same run:

- reading the files with no checks (the floor: `read_datasets` only), and importing them as the
  app does (each file on its own, every value checked, every free text scanned by the gate);
- collating by each of the four ways, and listing the suggested theme merges;
- writing a briefing (DOCX and PDF) on the largest theme;

and prints min/median seconds, the gate's cost as a ratio to the plain read, and the process's
peak memory. Figures, not a test: it never fails on a slow machine.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exporters.briefing import export_briefing
from reviewer_app.learning.collation import Dimension, briefing_for
from reviewer_app.learning.dataset import (
    DatasetFinding,
    LearningDataset,
    read_datasets,
    to_json,
)
from reviewer_app.services.collation import CollationService

THEMES = (
    "Bruising in non-mobile babies",
    "Strategy discussions",
    "Invisible men",
    "Escalation of concerns",
    "Domestic abuse",
    "Parental mental health",
    "Information sharing",
    "Neglect",
    "Safe sleeping",
    "Professional curiosity",
    "Disguised compliance",
    "Was not brought",
)
CATEGORIES = ("tools", "human-reasoning", "multi-agency-incidents", "management-systems")
STAGES = ("universal-services", "early-help", "referral", "strategy-discussion", "assessment")
AGENCIES = ("police", "gp", "health-visiting", "childrens-social-care", "school", "hospital")


def typed(theme: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        return theme.upper()
    if roll < 0.25:
        return theme + "."
    if roll < 0.35:
        return theme.replace("-", " ")
    if roll < 0.45:
        return theme[:-1] if theme.endswith("s") else theme + "s"
    return theme


def generate(n: int, seed: int = 21) -> list[LearningDataset]:
    rng = random.Random(seed)
    made = []
    for i in range(n):
        findings = tuple(
            DatasetFinding(
                k,
                rng.choice(CATEGORIES),
                typed(rng.choice(THEMES), rng),
                rng.choice(STAGES),
                tuple(sorted(rng.sample(AGENCIES, rng.randint(1, 3)))),
                (f"How does the partnership know that finding {k} of review {i} is acted on?",),
            )
            for k in range(1, rng.randint(2, 6) + 1)
        )
        made.append(
            LearningDataset(
                f"{i:020x}",
                rng.choice(("lcspr", "scr", "rapid-review")),
                rng.randint(2015, 2026),
                rng.choice(("under 1", "1–4", "5–10", "11–15")),
                AGENCIES,
                findings,
            )
        )
    return made


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'datasets':>9} {'what':<34} {'min s':>8} {'median s':>9}  notes")
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix="scr-collation-bench-"))
        paths = []
        for n, dataset in enumerate(generate(size)):
            paths.append(folder / f"{n:05}.json")
            paths[-1].write_text(to_json(dataset), "utf-8")

        def plain(paths: list[Path] = paths) -> int:
            return sum(len(read_datasets(p.read_text("utf-8"), p.name)) for p in paths)

        def gated(paths: list[Path] = paths) -> CollationService:
            service = CollationService()
            service.import_files(paths)
            return service

        low, mid, _ = timed(plain, args.repeat)
        g_low, g_mid, service = timed(gated, args.repeat)
        assert isinstance(service, CollationService)
        findings = len(service.collation.findings())
        print(f"{size:>9} {'read only (no checks)':<34} {low:8.3f} {mid:9.3f}")
        print(
            f"{size:>9} {'import through the gate':<34} {g_low:8.3f} {g_mid:9.3f}  "
            f"{g_mid / mid:.1f}x the plain read; {len(service.collation.held)} datasets, "
            f"{findings} findings"
        )
        for dimension in Dimension:
            d_low, d_mid, groups = timed(
                lambda d=dimension, s=service: s.collation.groups(d), args.repeat
            )
            count = len(groups) if isinstance(groups, list) else 0
            print(
                f"{size:>9} {'collate by ' + dimension.value:<34} {d_low:8.3f} {d_mid:9.3f}  "
                f"{count} groups"
            )
        s_low, s_mid, suggestions = timed(service.suggestions, args.repeat)
        count = len(suggestions) if isinstance(suggestions, list) else 0
        print(
            f"{size:>9} {'suggested theme merges':<34} {s_low:8.3f} {s_mid:9.3f}  {count} suggested"
        )
        biggest = service.collation.groups(Dimension.THEME)[0]
        for file_format in ("docx", "pdf"):
            target = folder / f"briefing.{file_format}"
            b_low, b_mid, _ = timed(
                lambda f=file_format, t=target, g=biggest: export_briefing(
                    briefing_for(g),
                    f,
                    t,
                    overwrite=True,  # type: ignore[arg-type]
                ),
                args.repeat,
            )
            print(
                f"{size:>9} {'briefing ' + file_format.upper() + ' (largest theme)':<34} "
                f"{b_low:8.3f} {b_mid:9.3f}  {biggest.count} findings"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
