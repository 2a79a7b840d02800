"""Laying out one PDF page with a watch on it: stopped when it runs too long or draws too much.

pdfplumber lays a page out (every letter and line, through pdfminer) the first time anything
on it is asked for, in one call that nothing can interrupt; a page built to hold hundreds of
thousands of letters would take minutes. So the layout is made here instead, with pdfplumber's
own device class extended to count what the page draws and look at the clock as it goes, and
handed to the page (`Page.layout` uses a layout it already has; pinned by the version range in
pyproject.toml and checked by tests/reviewer_app/importers/test_pdf_import.py).
"""

from __future__ import annotations

import time
from typing import Any

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent

from reviewer_app.importers.errors import ImportRefusedError

_EVERY = 256  # look at the clock once in this many things drawn


class PageTooBusyError(ImportRefusedError):
    """A page drew more, or took longer, than the limits allow."""


class _WatchedDevice(PDFPageAggregatorWithMarkedContent):
    def __init__(self, *args: Any, deadline: float, max_chars: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        self._max_chars = max_chars
        self._chars = 0
        self._drawn = 0

    def _tick(self) -> None:
        self._drawn += 1
        if self._drawn % _EVERY == 0 and time.monotonic() > self._deadline:
            raise PageTooBusyError("time")

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        self._chars += 1
        if self._chars > self._max_chars:
            raise PageTooBusyError("letters")
        self._tick()
        return float(super().render_char(*args, **kwargs))

    def paint_path(self, *args: Any, **kwargs: Any) -> None:
        self._tick()
        super().paint_path(*args, **kwargs)

    def render_image(self, *args: Any, **kwargs: Any) -> None:
        self._tick()
        super().render_image(*args, **kwargs)


def lay_out(page: Page, *, deadline: float, max_chars: int) -> None:
    """Make the page's layout under the watch; `PageTooBusyError` says which limit it hit
    ("time" or "letters")."""
    device = _WatchedDevice(
        page.pdf.rsrcmgr,
        pageno=page.page_number,
        laparams=page.pdf.laparams,
        deadline=deadline,
        max_chars=max_chars,
    )
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()  # what `Page.layout` returns from now on
