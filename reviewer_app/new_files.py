"""Creating files the safe way: never over an existing path, readable by the owner only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from reviewer_app.errors import FileAlreadyThereError


def create_new(path: Path) -> BinaryIO:
    """Open a new, owner-only file for writing; refuses (plainly) if anything is at `path`."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError as exc:
        raise FileAlreadyThereError(
            f"There is already a file at '{path}'. Choose another name: SCR Reviewer never "
            "writes over an existing file."
        ) from exc
    except OSError as exc:
        raise FileAlreadyThereError(
            f"A file could not be created at '{path}': {exc.strerror}."
        ) from exc
    return os.fdopen(fd, "wb")
