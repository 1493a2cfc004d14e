"""YAML reading (fast Rust parser), and line numbers for field paths (looked up with PyYAML on error)."""

from __future__ import annotations

from dataclasses import replace
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import fast_yaml
import yaml

from framework.problems import Path_, Problem, ValidationFailed

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_parser: Callable[[str], Any] = fast_yaml.safe_load


@contextmanager
def parser(parse: Callable[[str], Any]) -> Iterator[None]:
    """Use another YAML parser for a while (the benchmark's baseline); not thread-safe."""
    global _parser
    saved, _parser = _parser, parse
    try:
        yield
    finally:
        _parser = saved


def parse_yaml(text: str, file: str) -> Any:
    """Parse YAML 1.2 text with the Rust parser (fast_yaml, ~20x PyYAML's C loader on large files).

    A syntax error becomes a ValidationFailed naming the file and line.
    """
    try:
        return _parser(text)
    except (ValueError, fast_yaml.YAMLError) as err:
        raise ValidationFailed([_syntax_problem(text, file, str(err))]) from None


def _syntax_problem(text: str, file: str, fallback: str) -> Problem:
    """Describe a syntax error, preferring PyYAML's marked error for its wording and line."""
    try:
        yaml.load(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        reason = " ".join(filter(None, [err.context, err.problem]))
        return Problem(file, f"YAML syntax error: {reason}", line=mark.line + 1 if mark else None)
    except yaml.YAMLError:
        pass
    found = re.search(r"at line (\d+)", fallback)
    reason = re.sub(r"^YAML parse error: (YAML syntax error: )?", "", fallback)
    return Problem(file, f"YAML syntax error: {reason}", line=int(found.group(1)) if found else None)


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
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return problems
    return [p if p.line else replace(p, line=line_of(root, p.path)) for p in problems]
