"""The two base classes with hooks (`MasterDetailPage`, `Operation`) raise NotImplementedError
in the hooks only so a forgotten one fails loudly; every class the app uses provides them all.
(Qt's metaclass rules out `abc.ABC` here, so this test stands in for it.)"""

from __future__ import annotations

import importlib
import pkgutil

import ui
from ui.analysis.master_detail import MasterDetailPage
from ui.operations import Operation

PAGE_HOOKS = (
    "load",
    "loaded",
    "describe",
    "show_item",
    "read_form",
    "save_item",
    "remove_item",
    "restore_item",
)
OPERATION_HOOKS = ("apply", "revert")
#: Bases of other commands, not used themselves.
INTERMEDIATE = {"_ChronologyCommand"}


def _every_ui_module_imported() -> None:
    for found in pkgutil.walk_packages(ui.__path__, "ui."):
        importlib.import_module(found.name)


def _leaves(base: type) -> list[type]:
    found: list[type] = []
    for sub in base.__subclasses__():
        found += _leaves(sub)
        if sub.__name__ not in INTERMEDIATE:
            found.append(sub)
    return found


def _missing(cls: type, base: type, hooks: tuple[str, ...]) -> list[str]:
    return [h for h in hooks if getattr(cls, h) is getattr(base, h)]


def test_every_page_and_operation_provides_its_hooks() -> None:
    _every_ui_module_imported()
    pages = _leaves(MasterDetailPage)
    operations = _leaves(Operation)
    assert len(pages) >= 6 and len(operations) >= 8  # the test sees the real classes
    gaps = {
        c.__qualname__: _missing(c, MasterDetailPage, PAGE_HOOKS)
        for c in pages
        if _missing(c, MasterDetailPage, PAGE_HOOKS)
    }
    gaps |= {
        c.__qualname__: _missing(c, Operation, OPERATION_HOOKS)
        for c in operations
        if _missing(c, Operation, OPERATION_HOOKS)
    }
    assert not gaps, f"hooks not provided: {gaps}"
