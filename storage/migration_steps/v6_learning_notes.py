"""Schema version 6: learning notes attached to a review."""

from __future__ import annotations

DESCRIPTION = "learning notes attached to the review"
STATEMENTS: tuple[str, ...] = ()
