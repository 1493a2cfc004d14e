"""Arrows point one way: no package imports one above it (import-linter's contracts in pyproject.toml)."""

from __future__ import annotations

import re
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


def test_every_yaml_the_product_reads_goes_through_the_one_reader_and_its_limits():
    """Model, profiles, translations, mappings, dashboard rules: only base/yamlio.py parses YAML (with
    libyaml's parser directly), and no other module calls PyYAML's loaders (the benchmark's bare-PyYAML
    baseline apart)."""
    parsing = re.compile(r"\byaml\.(?:safe_load|load|load_all|full_load|unsafe_load|compose|parse|scan)\(")
    sources = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in ROOT.glob("**/*.py")
               if not {".venv", "tests", "build"} & set(p.relative_to(ROOT).parts)}
    readers = {name for name, text in sources.items() if parsing.search(text)}
    assert readers == {"bench/model.py"}
    importers = {name for name, text in sources.items() if re.search(r"^(?:import|from) yaml\b", text, re.M)}
    assert importers == {"base/yamlio.py", "framework/yamlio.py", "bench/model.py"}  # the second for node types
