"""Creating and opening the built-in demo review."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.demo import DEFAULT_ENTRIES, DEMO_PASSPHRASE, build_demo
from reviewer_app.repositories import CreatedReview, OpenReview, ReviewFiles
from reviewer_app.services.transfer import create_review_from


def create_demo(
    files: ReviewFiles,
    path: Path,
    *,
    entries: int = DEFAULT_ENTRIES,
    passphrase: str = DEMO_PASSPHRASE,
) -> CreatedReview:
    return create_review_from(files, path, build_demo(entries), passphrase)


def open_demo(files: ReviewFiles, folder: Path) -> OpenReview:
    """The demo review in `folder`, created on first use; it opens with the public passphrase."""
    path = folder / "demo.review"
    if path.exists():
        return files.open(path, passphrase=DEMO_PASSPHRASE)
    return create_demo(files, path).review
