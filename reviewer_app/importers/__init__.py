"""Reading agencies' chronology files (CSV, Excel, Word, PDF) into an `ImportPreview`.

`preview_file` is the entry point; it either returns a preview (rows, mapping, per-row
problems) or raises `ImportRefusedError` with a message for the reviewer. Nothing is saved.
"""

from reviewer_app.importers.errors import ImportRefusedError
from reviewer_app.importers.limits import Limits
from reviewer_app.importers.preview import preview_file

__all__ = ["ImportRefusedError", "Limits", "preview_file"]
