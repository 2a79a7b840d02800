"""Hostile files: mutated CSV, Excel, Word and PDF chronologies are read or refused, never a crash.

Each seed file is mutated many ways (bytes flipped, cut short, runs of bytes zeroed, copied or
removed; inside a zip container a part is mutated and the container rebuilt, so the XML
readers see the damage, not just the zip reader). A separate process previews every file and
reports, per file, what happened and how long it took, and its peak memory at the end: every
file must give a preview or an `ImportRefusedError` (with a message), within 10 seconds, with
the process staying under 512 MB.

20 mutations of each seed in every run; with `pytest --slow-crash` (the flag the kill trials
use for their long run) 150 of each, which is 300 PDFs and 600 files of the other kinds.
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4

from tests.reviewer_app.importers import fixtures
from tests.reviewer_app.importers.pdf_files import pdf_rows, table_pdf

ROOT = Path(__file__).resolve().parents[3]
SECONDS_EACH = 10.0
PEAK_MB = 512

_RUN = """
import json, resource, sys, time
from pathlib import Path
from reviewer_app.importers import ImportRefusedError, preview_file
results = []
for name in sys.argv[1:]:
    began = time.monotonic()
    try:
        preview_file(Path(name))
        outcome = "read"
    except ImportRefusedError as refused:
        outcome = "refused" if str(refused).strip() else "refused without a message"
    except BaseException as error:
        outcome = "crash: " + type(error).__name__
    results.append([Path(name).name, outcome, time.monotonic() - began])
# This process's own peak: Linux's ru_maxrss keeps the parent's peak across fork and exec.
try:
    status = Path("/proc/self/status").read_text()
    peak = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"results": results, "peak_mb": peak}))
"""


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _zero_run(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    length = rng.randint(1, 4096)
    return data[:start] + b"\0" * min(length, len(data) - start) + data[start + length :]


def _copy_run(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 2048)]
    at = rng.randrange(len(data))
    return data[:at] + chunk * rng.randint(1, 50) + data[at:]


def _drop_run(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 2048) :]


_BYTE_MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    _flip,
    _cut,
    _zero_run,
    _copy_run,
    _drop_run,
]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    if data.startswith(b"PK") and rng.random() < 0.5:
        return _mutate_zip_part(data, rng)
    return rng.choice(_BYTE_MUTATIONS)(data, rng)


def _mutate_zip_part(data: bytes, rng: random.Random) -> bytes:
    """One part (a sheet, the document, styles) mutated; the container rebuilt around it."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    name = rng.choice(sorted(n for n in parts if n.endswith(".xml")))
    if parts[name]:
        parts[name] = rng.choice(_BYTE_MUTATIONS)(parts[name], rng)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    return buffer.getvalue()


def _uncompressed_pdf(folder: Path) -> Path:
    """The same kind of table PDF with its page contents left unpacked, so mutations reach
    the drawing instructions, not only the compressed bytes."""
    from reportlab import rl_config

    saved = rl_config.pageCompression
    rl_config.pageCompression = 0
    try:
        return table_pdf(folder, "plain.pdf", pdf_rows(40))
    finally:
        rl_config.pageCompression = saved


def _seeds(folder: Path) -> dict[str, Path]:
    assert A4  # reportlab is there
    return {
        "csv": fixtures.windows_csv(folder),
        "xlsx": fixtures.messy_xlsx(folder),
        "docx": fixtures.chronology_docx(folder),
        "pdf": table_pdf(folder, "packed.pdf", pdf_rows(40)),
        "plain-pdf": _uncompressed_pdf(folder),
    }


@pytest.mark.posix_only  # measures memory with the resource module
def test_mutated_files_are_read_or_refused_never_a_crash(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    each = 150 if request.config.getoption("--slow-crash") else 20
    (tmp_path / "seeds").mkdir()
    seeds = _seeds(tmp_path / "seeds")
    mutated = tmp_path / "mutated"
    mutated.mkdir()
    rng = random.Random(20261130)
    paths: list[str] = []
    for kind, seed in seeds.items():
        data = seed.read_bytes()
        suffix = seed.suffix
        for n in range(each):
            path = mutated / f"{kind}-{n:03d}{suffix}"
            path.write_bytes(_mutate(data, rng))
            paths.append(str(path))
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *paths],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=SECONDS_EACH * len(paths),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    results = report["results"]
    assert len(results) == len(paths)
    crashes = [
        (name, outcome)
        for name, outcome, _ in results
        if not outcome.startswith(("read", "refused"))
    ]
    assert crashes == []
    assert [name for name, outcome, _ in results if outcome == "refused without a message"] == []
    slow = [(name, round(seconds, 1)) for name, _, seconds in results if seconds > SECONDS_EACH]
    assert slow == []
    longest = max(seconds for _, _, seconds in results)
    slowest = sorted(results, key=lambda result: -result[2])[:3]
    print(  # the figures, for `pytest -s`
        f"{len(results)} mutated files: {sum(o == 'read' for _, o, _ in results)} read, "
        f"{sum(o == 'refused' for _, o, _ in results)} refused, 0 crashes; longest "
        f"{longest:.2f} s; peak memory {report['peak_mb']:.0f} MB; slowest {slowest}"
    )
    assert report["peak_mb"] < PEAK_MB, report["peak_mb"]
    pdfs = [outcome for name, outcome, _ in results if name.endswith(".pdf")]
    assert len(pdfs) == 2 * each
    # The mutations are not all fatal: some files still read, and many are refused.
    assert "read" in pdfs and "refused" in pdfs
