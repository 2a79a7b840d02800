"""The public CI definition (.github/workflows/ci.yml) cannot run here, so it is checked here:
it is valid YAML of the expected shape, covers Windows, macOS and Linux on Python 3.11 and
3.12, names only files, tests and commands that exist in the repository, and runs the same
steps as .ci/run."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
#: Programs a step may start: the runner's own, and the dev extra's (checked below).
RUNNER_COMMANDS = {"python", "bash", "security"}
DEV_COMMANDS = {"ruff": "ruff", "mypy": "mypy", "lint-imports": "import-linter"}
ACTIONS = {"actions/checkout@v4", "actions/setup-python@v5", "actions/upload-artifact@v4"}


def _workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _commands(step: dict[str, Any]) -> list[list[str]]:
    """Each command line of a step's `run`, split into words (folded lines are one command)."""
    text = step.get("run", "")
    return [shlex.split(line) for line in text.splitlines() if line.strip()]


def test_the_workflow_is_valid_yaml_of_the_expected_shape() -> None:
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert {"push", "pull_request"} <= set(triggers)
    jobs = workflow["jobs"]
    oses = {jobs["linux"]["runs-on"], *jobs["desktop"]["strategy"]["matrix"]["os"]}
    assert oses == {"ubuntu-latest", "windows-latest", "macos-latest"}
    for job in jobs.values():
        assert job["strategy"]["matrix"]["python"] == ["3.11", "3.12"]
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:
                assert step["uses"] in ACTIONS


def test_it_names_only_files_that_exist() -> None:
    named = []
    for step in _steps(_workflow()):
        for words in _commands(step):
            for word in words:
                path = word.split("::")[0].removeprefix("./")
                if re.match(r"^(\.ci|packaging|tests|\.github)/", path):
                    named.append(path)
    assert named, "the steps name the repository's scripts and tests"
    missing = [path for path in named if not (ROOT / path).exists()]
    assert not missing, f"ci.yml names files that are not in the repository: {missing}"


def test_it_names_only_tests_that_exist() -> None:
    tests = [
        word
        for step in _steps(_workflow())
        for words in _commands(step)
        for word in words
        if "::" in word
    ]
    assert len(tests) == 4, "the four portability checks"
    for node in tests:
        file, name = node.split("::")
        assert re.search(rf"^def {name}\(", (ROOT / file).read_text(encoding="utf-8"), re.M), node


def test_it_starts_only_commands_that_are_installed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dev = " ".join(config["project"]["optional-dependencies"]["dev"])
    for step in _steps(_workflow()):
        for words in _commands(step):
            program = words[0]
            if program.startswith("./packaging/"):  # a repository script (checked above)
                continue
            if program in DEV_COMMANDS:
                assert DEV_COMMANDS[program] in dev, f"{program} is not in the dev extra"
            else:
                assert program in RUNNER_COMMANDS, f"unexpected program {program!r} in ci.yml"


def test_the_steps_are_those_of_ci_run() -> None:
    """Every check .ci/run makes is made on Windows and macOS too; Linux runs .ci/run itself."""
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    checks = [line.strip() for line in ci_run.splitlines() if line.strip()[:1] not in ("", "#")]
    checks = [c for c in checks if not c.startswith(("set ", "cd ", "source ", "echo "))]
    assert checks == [
        "ruff check .",
        "ruff format --check .",
        "mypy",
        "lint-imports",
        "./run-tests.sh -q",
        "packaging/build",
    ], "when .ci/run changes, change .github/workflows/ci.yml to match"
    jobs = _workflow()["jobs"]
    linux = [s.get("run", "") for s in jobs["linux"]["steps"]]
    assert "bash .ci/run" in linux
    desktop = "\n".join(s.get("run", "") for s in jobs["desktop"]["steps"])
    for check in checks[:4]:
        assert check in desktop, check
    assert "python -m pytest -q" in desktop  # ./run-tests.sh without D-Bus
    assert "build-windows.ps1" in desktop and "build-macos.sh" in desktop  # packaging/build
