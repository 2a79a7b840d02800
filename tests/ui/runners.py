"""Task runners for page tests beyond `ImmediateTaskRunner`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.tasks import Done, Failed, ImmediateTaskRunner


class HeldRunner:
    """Keeps every piece of work until `release()`: a page as it is before the file is read,
    the way a slow worker thread leaves it for a moment."""

    def __init__(self) -> None:
        self.held: list[tuple[Callable[[], Any], Done, Failed]] = []

    def start(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        self.held.append((work, done, failed))

    def release(self) -> None:
        held, self.held = self.held, []
        for work, done, failed in held:
            ImmediateTaskRunner().start(work, done, failed)
