"""Child process for the crash test: commits batches and acknowledges each on stdout."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import text

from storage.keys import DatabaseKey
from storage.review_file import ReviewFile

BATCH = 50


def main() -> None:
    path, key_hex = Path(sys.argv[1]), sys.stdin.readline().strip()
    review = ReviewFile.open(path, key=DatabaseKey.from_hex(key_hex))
    engine = review.engine
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS probe (batch INTEGER, n INTEGER, body TEXT)"))
        start = conn.execute(text("SELECT coalesce(max(batch), 0) FROM probe")).scalar_one()
    batch = int(start)
    while True:
        batch += 1
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO probe VALUES (:b, :n, :body)"),
                [{"b": batch, "n": n, "body": "x" * 200} for n in range(BATCH)],
            )
        sys.stdout.write(f"{batch}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
