"""Arrows point one way: no package imports one above it (import-linter's contracts in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from base.paths import ROOT


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def test_no_package_imports_one_above_it():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_every_package_has_its_layer():
    config = _config()
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages == set(config["root_packages"])
    [layers] = [c["layers"] for c in config["contracts"] if c["type"] == "layers"]
    assert {name.strip() for layer in layers for name in layer.split("|")} == packages
