"""What changed in an open review: one notice that every service in the set hears.

Each service of an open review writes through its own repository; some writes reach further
(deleting a person takes away their links to chronology entries). Every write therefore
announces the part it changed on the review's one `ChangeBus`, and anything that keeps a copy
(the chronology's cache, the window's pages) listens and drops or refreshes it. Listeners may
be called from a worker thread; the window relays them to its own thread.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar, cast

log = logging.getLogger(__name__)


class Part(StrEnum):
    """The parts of a review a change can touch."""

    DETAILS = "details"
    CHRONOLOGY = "chronology"
    PEOPLE = "people"
    ANALYSIS = "analysis"
    QUALITY = "quality"
    TIMETABLE = "timetable"
    LEARNING = "learning"
    LOG = "log"
    DRAFTS = "drafts"  # drafts sent out, the response log, sign-off and publication
    ACTIONS = "actions"  # the action plan and the partners' written response
    REPORT = "report"  # the reviewer's text for the report's narrative sections


Listener = Callable[[Part], None]


class ChangeBus:
    """Calls every listener with the part that changed, in the order they subscribed."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Listen for changes; returns the call that stops listening."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def notify(self, part: Part) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(part)


F = TypeVar("F", bound=Callable[..., Any])


def writes(part: Part) -> Callable[[F], F]:
    """Mark a service method that changes the file: the review's `ChangeBus` (the service's
    `changes`) hears of it, even if it failed half-way, so a listener re-reading finds the file
    as it really is."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def announced(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            finally:
                bus: ChangeBus = self.changes
                bus.notify(part)

        return cast(F, announced)

    return decorate
