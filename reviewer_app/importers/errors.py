"""The one error the importers raise on purpose: the whole file was refused.

A refused file changes nothing. The message says, in plain English, what was wrong and what
the reviewer (or the agency) can do about it. It names the file's kind and counts, never the
case text inside the file.
"""

from __future__ import annotations

from reviewer_app.errors import UserFacingError


class ImportRefusedError(UserFacingError):
    """An agency's file could not be read as a chronology; nothing was imported."""

    title = "The file was not imported"
