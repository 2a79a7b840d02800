"""Fixtures for the timeline's tests: entries made by hand, and the PySide6 6.12 guard."""

from __future__ import annotations

import pytest

from tests.ui.timeline.none_refs import top_up


@pytest.fixture(autouse=True, scope="session")
def _survive_pyside_none_bug() -> None:
    """See `none_refs`: without this, painting aborts the run under PySide6 6.12.0 on 3.11."""
    top_up()
