"""Schema version 5: the anonymisation register and the review's log."""

from __future__ import annotations

DESCRIPTION = "the anonymisation register and the review's log"
STATEMENTS: tuple[str, ...] = ()
