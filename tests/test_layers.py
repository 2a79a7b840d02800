"""The layer contracts in pyproject.toml name the domain core module by module; a new module
must be named there, or it would escape the rule that the core never imports the composition
root (a probe: `import reviewer_app.app` in a service must break the contract)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMPOSITION_ROOT = {
    "reviewer_app.__main__",
    "reviewer_app.app",
    "reviewer_app.cli",
    "reviewer_app.wiring",
}


def _contract(name_start: str) -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["name"].startswith(name_start))


def test_every_module_of_the_core_is_under_the_core_contract() -> None:
    core = _contract("The domain core")
    named = set(core["source_modules"])  # type: ignore[arg-type]
    forbidden = set(core["forbidden_modules"])  # type: ignore[arg-type]
    assert forbidden >= COMPOSITION_ROOT
    package = ROOT / "reviewer_app"
    found = {
        f"reviewer_app.{path.stem if path.is_file() else path.name}"
        for path in package.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert found - COMPOSITION_ROOT == named, (
        "name each new module of reviewer_app in the core contract of pyproject.toml"
    )
