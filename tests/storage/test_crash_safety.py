"""Promise 2: a kill at any moment loses at most the batch in flight and never corrupts."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.review_file import ReviewFile
from tests.helpers.files import make_review
from tests.helpers.secrets_watch import PASSPHRASE

TRIALS = int(os.environ.get("CRASH_TRIALS", "25"))
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_sigkill_at_random_moments_keeps_every_acknowledged_batch(tmp_path: Path) -> None:
    path = tmp_path / "crash.review"
    make_review(path)
    with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
        key_hex = review.key.hex()
    rng = random.Random(20261126)
    acknowledged = 0
    for trial in range(TRIALS):
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "storage" / "crash_writer.py"), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdin and child.stdout
        child.stdin.write(key_hex + "\n")
        child.stdin.flush()
        first = child.stdout.readline()  # wait until it is committing
        assert first.strip().isdigit(), child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.25))
        child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        out, _ = child.communicate()
        acks = [int(x) for x in (first + out).split()]
        acknowledged = max([acknowledged, *acks])

        with ReviewFile.open(path, passphrase=PASSPHRASE) as review:
            assert review.verify() == [], f"trial {trial}: integrity problems"
            with review.engine.connect() as conn:
                counts = dict(
                    conn.execute(text("SELECT batch, count(*) FROM probe GROUP BY batch")).all()
                )
        assert all(n == 50 for n in counts.values()), f"trial {trial}: a partial batch survived"
        assert set(range(1, acknowledged + 1)) <= set(counts), f"trial {trial}: lost a commit"
    assert acknowledged > TRIALS  # the writers really did commit work
