"""Slow work runs off the GUI thread and its outcome comes back to it."""

from __future__ import annotations

import threading

from ui.tasks import ImmediateTaskRunner, ThreadTaskRunner


def test_the_thread_runner_works_elsewhere_and_reports_on_the_gui_thread(qtbot) -> None:
    gui = threading.get_ident()
    worked_on: list[int] = []
    results: list[tuple[object, int]] = []

    def work() -> str:
        worked_on.append(threading.get_ident())
        return "done"

    runner = ThreadTaskRunner()
    runner.start(work, lambda r: results.append((r, threading.get_ident())), results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [("done", gui)]
    assert worked_on and worked_on[0] != gui


def test_the_thread_runner_hands_back_errors(qtbot) -> None:
    errors: list[Exception] = []

    def work() -> None:
        raise LookupError("nothing here")

    ThreadTaskRunner().start(work, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], LookupError)


def test_the_immediate_runner_runs_at_once() -> None:
    seen: list[object] = []
    ImmediateTaskRunner().start(lambda: 42, seen.append, seen.append)
    ImmediateTaskRunner().start(lambda: 1 / 0, seen.append, seen.append)
    assert seen[0] == 42 and isinstance(seen[1], ZeroDivisionError)
