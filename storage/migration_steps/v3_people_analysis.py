"""Schema version 3: people, conversations, key practice episodes and findings."""

from __future__ import annotations

DESCRIPTION = "people, conversations, key practice episodes and findings"
STATEMENTS: tuple[str, ...] = ()
