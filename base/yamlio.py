"""The one YAML dialect ffgrid reads and writes: YAML 1.2's core schema, with limits on untrusted text.

Reading uses PyYAML's C parser (libyaml) with the YAML 1.2 core schema's resolvers: `yes`, `on`,
`2024-01-01` and `12:30:00` are text, `1e3` is a number, `0o17` is octal, `007` is seven. Only the
core tags (text, numbers, true/false, null, lists, mappings) are built; other tags are refused, and
so are duplicate keys. Before anything is built the text's size, its nesting and what its aliases
expand to are checked, so a hostile file is refused, not given memory or time.

Writing quotes every text that any YAML reader (1.1 or 1.2) would take for something else, so a
written file reads back to exactly the same values here and elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.cyaml import CEmitter, CParser
from yaml.resolver import BaseResolver, Resolver as Yaml11Resolver

MAX_CHARS = 16 * 2**20  # characters of YAML text in one file
MAX_DEPTH = 64  # nested lists and mappings
MAX_ALIAS_NODES = 100_000  # values that aliases may add beyond those written out
MAX_VALUES = 500_000  # values in one file (the 10,000-relationship benchmark model has about 270,000)
MAX_NUMBER_DIGITS = 400  # characters of one number
_KIND_WORDS = {"null": "null", "bool": "true or false", "int": "a whole number", "float": "a number"}


class YamlProblem(ValueError):
    """Text that is not YAML ffgrid reads: what is wrong and, where known, the 1-based line and the
    keys leading to the value (`path`, e.g. ("lines", 0, "title"))."""

    def __init__(self, message: str, line: int | None = None, path: tuple[str | int, ...] = ()):
        self.message, self.line, self.path = message, line, path
        super().__init__(message if line is None else f"line {line}: {message}")


class _Core12(BaseResolver):
    """The YAML 1.2 core schema's implicit types."""


_CORE_12 = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                                r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", list("-+.0123456789")),
]
_PATTERNS = {tag.rsplit(":", 1)[1]: re.compile(pattern) for tag, pattern, _ in _CORE_12}
for _tag, _pattern, _first in _CORE_12:
    _Core12.add_implicit_resolver(_tag, _PATTERNS[_tag.rsplit(":", 1)[1]], _first)


class _Constructor(SafeConstructor):
    """Builds the core types only, YAML 1.2's way, refusing duplicate keys."""

    def _core(self, node: yaml.Node, kind: str) -> str:
        """The text of a scalar that must be written as the core schema writes a `kind` (also when tagged)."""
        value = self.construct_scalar(node)
        if not _PATTERNS[kind].match(value) or len(value) > MAX_NUMBER_DIGITS:
            raise ConstructorError(None, None, f"{value[:40]!r} is not {_KIND_WORDS[kind]}", node.start_mark)
        return value

    def construct_yaml_null(self, node: yaml.ScalarNode) -> None:
        self._core(node, "null")

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        value = self._core(node, "int")
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value, 10)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        value = self._core(node, "float").lower()
        if value.endswith(".inf"):
            return float("-inf") if value.startswith("-") else float("inf")
        return float("nan") if value == ".nan" else float(value)

    def construct_yaml_bool(self, node: yaml.ScalarNode) -> bool:
        return self._core(node, "bool").lower() == "true"

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise ConstructorError(None, None, f"expected a mapping, found a {node.id}", node.start_mark)
        mapping = super().construct_mapping(node, deep=deep)  # refuses keys that are lists or mappings
        if len(mapping) < len(node.value):  # a key given twice: name the second one
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
                seen.add(key)
        return mapping

    def construct_refused(self, node: yaml.Node) -> None:
        raise ConstructorError(None, None, f"the tag {node.tag!r} is not allowed here (only text, numbers, "
                               "true/false, null, lists and mappings)", node.start_mark)


_Constructor.yaml_constructors = {}
for _tag, _method in [("null", "construct_yaml_null"), ("bool", "construct_yaml_bool"),
                      ("int", "construct_yaml_int"), ("float", "construct_yaml_float"),
                      ("str", "construct_yaml_str"), ("seq", "construct_yaml_seq"), ("map", "construct_yaml_map")]:
    _Constructor.add_constructor(f"tag:yaml.org,2002:{_tag}", getattr(_Constructor, _method))
_Constructor.add_constructor(None, _Constructor.construct_refused)

class _Composer(CParser, _Core12):  # type: ignore[misc]
    """libyaml's parser (it refuses nesting beyond 1,000 levels itself) with YAML 1.2's resolvers,
    stopping at MAX_VALUES values: libyaml asks `resolve` for the type of each value as it builds it."""

    def __init__(self, stream: str):
        CParser.__init__(self, stream)
        _Core12.__init__(self)
        self.values = 0

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _TooMany
        return super().resolve(kind, value, implicit)


class _TooMany(Exception):
    """More values than MAX_VALUES (raised inside libyaml's composing, turned into a YamlProblem)."""


def compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (with each node's line), after the size and shape checks."""
    if len(text) > MAX_CHARS:
        raise YamlProblem(f"the file is too large to read ({len(text) / 2**20:.1f} MB of text; at most "
                          f"{MAX_CHARS / 2**20:.0f} MB)")
    found = _UNREADABLE.search(text, 1 if text.startswith("\ufeff") else 0)
    if found:
        raise _unreadable(text, found.start())
    composer = _Composer(text)
    try:
        root = composer.get_single_node()
    except _TooMany:
        raise YamlProblem(f"the file holds more than {MAX_VALUES:,} values") from None
    except yaml.MarkedYAMLError as err:
        raise _problem(err) from None
    except yaml.YAMLError as err:
        raise YamlProblem(f"YAML syntax error: {err}") from None
    finally:
        composer.dispose()
    if root is not None:
        (_check_shape if _ANCHOR.search(text) else _check_depth)(root)
    return root


# Characters refused as they stand: YAML's non-printable ones (NUL included), a byte-order mark after
# the start, and the three that YAML 1.1 reads as line breaks and YAML 1.2 as text (NEL, LS, PS), so
# that one file would give other values to other readers. Written escaped in double quotes, all are read.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_ESCAPE = {"\x0b": "\\v", "\x0c": "\\f", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}
_NAMES = {"\x0b": "a vertical tab", "\x0c": "a form feed", "\x85": "a next-line character",
          "\u2028": "a line separator", "\u2029": "a paragraph separator", "\ufeff": "a byte-order mark"}


def _unreadable(text: str, at: int) -> YamlProblem:
    """The problem of a character that must be escaped, found at index `at`: its line and its value's keys."""
    char, line, path = text[at], text.count("\n", 0, at) + 1, _path_at(text, at)
    if char == "\x00":
        return YamlProblem("the file contains a NUL character", line, path)
    if char == "\x85" or "\u2028" <= char <= "\u2029":
        why = "YAML 1.1 readers take it for a line break and YAML 1.2 readers for text"
    else:
        why = "YAML does not allow it unescaped"
    code = f"U+{ord(char):04X}"
    escape = _ESCAPE.get(char, f"\\u{ord(char):04X}" if ord(char) > 0xFF else f"\\x{ord(char):02X}")
    name = _NAMES.get(char, "a control character")
    return YamlProblem(f"the text holds {name} ({code}) as it stands: {why}; write it as {escape} inside "
                       f"double quotes (as ffgrid's exports do)", line, path)


def _path_at(text: str, at: int) -> tuple[str | int, ...]:
    """The keys (and list positions) leading to the value that holds index `at`, read with every
    unreadable character made harmless; () if the text is not YAML even so."""
    composer = _Composer(_UNREADABLE.sub("\ue000", text[:MAX_CHARS]))
    try:
        node = composer.get_single_node()
    except Exception:  # noqa: BLE001 - any other problem is reported on its own once this one is fixed
        return ()
    finally:
        composer.dispose()
    path: list[str | int] = []
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        pairs = node.value if isinstance(node, yaml.MappingNode) else list(enumerate(node.value))
        for key, value in pairs:
            if isinstance(key, yaml.Node) and key.start_mark.index <= at < key.end_mark.index:
                return (*path, text[key.start_mark.index:key.end_mark.index] if key.style is None else key.value)
            if value.start_mark.index <= at < value.end_mark.index:
                path.append(key.value if isinstance(key, yaml.Node) else key)
                node = value
                break
        else:
            break
    return tuple(path)


def construct(root: yaml.Node | None) -> Any:
    """The values of a composed document (text, numbers, booleans, None, lists, dicts)."""
    if root is None:
        return None
    constructor = _Constructor()
    try:
        return constructor.construct_document(root)
    except yaml.MarkedYAMLError as err:
        raise _problem(err) from None
    except (ValueError, TypeError, RecursionError) as err:  # a value the checks above did not foresee
        raise YamlProblem(f"a value cannot be read: {err}") from None


def load(text: str) -> Any:
    """Parse YAML text (one document) into plain values; `YamlProblem` says what is wrong and where."""
    return construct(compose(text))


def load_file(path: Path) -> Any:
    """Read and parse a UTF-8 YAML file (a problem's message starts with the file's name)."""
    try:
        return load(path.read_text(encoding="utf-8"))
    except YamlProblem as err:
        raise YamlProblem(f"{path}: {err.message}", err.line, err.path) from None


def _problem(err: yaml.MarkedYAMLError) -> YamlProblem:
    mark = err.problem_mark or err.context_mark
    if "exceeded maximum nesting depth" in (err.problem or ""):  # libyaml's own limit, far beyond ours
        return YamlProblem(f"the values are nested more than {MAX_DEPTH} levels deep", mark.line + 1 if mark else None)
    reason = " ".join(filter(None, [err.context, err.problem]))
    prefix = "" if isinstance(err, ConstructorError) else "YAML syntax error: "
    return YamlProblem(prefix + reason, mark.line + 1 if mark else None)


_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s,\[\]{}]")  # where an anchor may be; without one there is no alias


def _check_depth(root: yaml.Node) -> None:
    """Refuse values nested more than MAX_DEPTH deep, in a document without aliases (a tree: each node
    is reached once, level by level)."""
    level, depth = [root], 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise YamlProblem(f"the values are nested more than {MAX_DEPTH} levels deep", level[0].start_mark.line + 1)
        below: list[yaml.Node] = []
        for node in level:
            if isinstance(node, yaml.SequenceNode):
                below += node.value
            elif isinstance(node, yaml.MappingNode):
                for pair in node.value:
                    below += pair
        level = below


def _check_shape(root: yaml.Node) -> None:
    """Refuse values nested more than MAX_DEPTH deep (aliases expanded), aliases that refer to the
    value containing them, and aliases that expand to more than MAX_ALIAS_NODES values beyond those
    written out or to more text than MAX_CHARS (a "billion laughs" file, or one long text repeated).
    Iterative, each node visited once: no recursion limit."""
    size: dict[int, int] = {}  # node -> values it stands for, itself included, aliases expanded
    chars: dict[int, int] = {}  # node -> characters of text it stands for, aliases expanded
    height: dict[int, int] = {}  # node -> levels of nesting from it down, aliases expanded
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(c)] for c in children)
            chars[key] = len(node.value) if isinstance(node, yaml.ScalarNode) else sum(chars[id(c)] for c in children)
            height[key] = 1 + max((height[id(c)] for c in children), default=0)
            if height[key] > MAX_DEPTH:
                raise YamlProblem(f"the values are nested more than {MAX_DEPTH} levels deep", node.start_mark.line + 1)
            continue
        if key in size:
            continue
        if key in open_:
            raise YamlProblem("an alias refers to the value that contains it", node.start_mark.line + 1)
        open_.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node))
    if size[id(root)] - len(size) > MAX_ALIAS_NODES:
        raise YamlProblem(f"aliases in the file expand to more than {MAX_ALIAS_NODES:,} values")
    if chars[id(root)] > MAX_CHARS:
        raise YamlProblem(f"aliases in the file expand to more than {MAX_CHARS / 2**20:.0f} MB of text")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


# ------------------------------------------------------------------------------------------- writing


class _Quoting(BaseResolver):
    """Everything YAML 1.1 or 1.2 would read as other than text: such text is written quoted."""


for _first, _resolvers in Yaml11Resolver.yaml_implicit_resolvers.items():
    for _tag, _regexp in _resolvers:
        _Quoting.add_implicit_resolver(_tag, _regexp, [_first])
for _tag, _pattern, _first in _CORE_12:
    _Quoting.add_implicit_resolver(_tag, re.compile(_pattern), _first)
_Quoting.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:y|Y|n|N)$"), list("yYnN"))  # YAML 1.1


class _Dumper(CEmitter, yaml.representer.SafeRepresenter, _Quoting):  # type: ignore[misc]
    """libyaml's emitter; which text needs quotes is asked of `_Quoting`."""

    def __init__(self, stream: Any, width: int = 100, **_: Any):
        CEmitter.__init__(self, stream, width=width, allow_unicode=True)
        yaml.representer.SafeRepresenter.__init__(self, default_style=None, default_flow_style=False,
                                                  sort_keys=False)
        _Quoting.__init__(self)


_AMBIGUOUS = re.compile("[\x85\u2028\u2029]")  # line breaks to YAML 1.1, text to YAML 1.2


def _str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    """Multi-line text as a `|` block (readable) where a block keeps it exactly; text with NEL, LS or PS
    double-quoted, where they are written as the escapes \\N, \\L, \\P that every reader reads alike;
    else PyYAML's choice (which escapes control characters in double quotes)."""
    if _AMBIGUOUS.search(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    block = "\n" in value and value == value.strip() and not any(c in value for c in "\r\t")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if block else None)


_Dumper.add_representer(str, _str)


def dump(data: Any, width: int = 100) -> str:
    """YAML text of plain values (text, numbers, booleans, None, lists, dicts) that `load` reads back
    to exactly the same values; keys keep their order; text is written as UTF-8, not escaped."""
    return yaml.dump(data, Dumper=_Dumper, width=width)
