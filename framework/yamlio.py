"""The method's YAML files, read in ffgrid's one dialect (`base.yamlio`), with problems that name the
file and line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from base.yamlio import YamlProblem, compose, load
from framework.problems import Path_, Problem, ValidationFailed


def parse_yaml(text: str, file: str) -> Any:
    """Parse YAML text; anything wrong with it becomes a ValidationFailed naming the file and line."""
    try:
        return load(text)
    except YamlProblem as err:
        raise ValidationFailed([Problem(file, err.message, err.path, err.line)]) from None


def read_yaml(path: Path) -> tuple[Any, str]:
    """Read and parse a YAML file; returns the data and the text (kept for line look-ups)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ValidationFailed([Problem(str(path), f"cannot read file: {err}")]) from None
    return parse_yaml(text, str(path)), text


def line_of(root: yaml.Node | None, path: Path_) -> int | None:
    """1-based line of the node at `path` under a composed YAML node, or of its nearest parent."""
    node, line = root, None
    for part in path:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            node = None
    return node.start_mark.line + 1 if node is not None else line


def with_lines(problems: list[Problem], text: str) -> list[Problem]:
    """Fill in the line numbers of problems found in the file whose YAML text is given."""
    if all(p.line for p in problems):
        return problems
    try:
        root = compose(text)
    except YamlProblem:
        return problems
    return [p if p.line else replace(p, line=line_of(root, p.path)) for p in problems]
