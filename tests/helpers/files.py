"""Helpers for tests that need real review files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reviewer_app.review import Review
from storage.review_file import ReviewFile
from tests.helpers.secrets_watch import PASSPHRASE, register


def make_review(path: Path, title: str = "Review of practice 2026/01", **details: object) -> str:
    """Create a closed review file at `path`; returns its recovery code."""
    review, code = ReviewFile.create(path, Review(title=title, **details), PASSPHRASE)  # type: ignore[arg-type]
    review.recovery_code_shown()  # the test has its code
    review.close()
    return register(code)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}
