"""Schema version 4: quality markers, the timetable and the delay log."""

from __future__ import annotations

DESCRIPTION = "quality markers, the timetable and the delay log"
STATEMENTS: tuple[str, ...] = ()
