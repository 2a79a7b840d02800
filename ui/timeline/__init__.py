"""The timeline page: every agency's chronology entries as lanes on one time line.

`layout`, `lanes`, `axis`, `units` and `describe` are free of Qt (they can be imported and
tested without it); `TimelinePage` is imported on first use so that stays true.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.timeline.page import TimelinePage

__all__ = ["TimelinePage"]


def __getattr__(name: str) -> object:
    if name == "TimelinePage":
        from ui.timeline.page import TimelinePage

        return TimelinePage
    raise AttributeError(name)
