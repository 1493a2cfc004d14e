"""The one YAML dialect: YAML 1.2's core schema read, anything written read back exactly, and the
limits that keep a hostile file from taking memory, time or the process."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from base.paths import ROOT
from base import yamlio
from base.yamlio import MAX_ALIAS_NODES, MAX_CHARS, MAX_DEPTH, YamlProblem, dump, load

TRICKY = ["1e3", "0o17", "yes", "no", "on", "off", "y", "n", "null", "~", "2024-01-01", "2024-01-01T12:00:00Z",
          "12:30:00", "007", "010", "0x1F", ".inf", "-.inf", ".nan", "!tag", "!!str", "&a", "*a", "<<", "=",
          "- item", "key: value", "# not a comment", "@at", "`tick", "%", "|", ">", "'", '"', "{a: 1}", "[1]",
          " leading", "trailing ", "  ", "", "a\tb", "\tb", "a\r\nb", "line one\nline two", "last\n", "\n",
          "a\x85b", "a\u2028b", "\ufeffbom", "ünïcödé őű", "Ελληνικά", "1_000", "+1", ".5", "True", "FALSE", "Null"]
# Python's line breaks beyond \n and \r (str.splitlines): YAML 1.1 reads the last three as breaks, YAML 1.2
# as text, and allows the others only escaped
BREAKS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
BROKEN = [f"{before}{c}{after}" for c in BREAKS for before, after in [("a", "b"), ("", ""), ("a ", "  b"), ("line\n", "\nnext"),
                                                                       ("x" * 99 + " ", " y"), ("", "\n"), ("- ", ": ")]]
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")  # what the writer must escape


@pytest.mark.parametrize("text", TRICKY + BROKEN)
def test_any_text_is_written_so_that_it_reads_back_exactly(text):
    data = {"title": text, "lines": [{"situation": text}], text or "empty": [text]}
    written = dump(data)
    assert load(written) == data
    assert not RAW.search(written)  # so that YAML 1.1 and 1.2 readers read the same: escaped, in double quotes


@given(st.recursive(
    st.one_of(st.text(st.one_of(st.characters(), st.sampled_from(BREAKS + ["\n", "\r", " "]))), st.integers(),
              st.floats(allow_nan=False), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(), inner, max_size=4)),
    max_leaves=20))
def test_written_values_read_back_exactly(data):
    written = dump(data)
    assert load(written) == data and not RAW.search(written)


@pytest.mark.parametrize("char", BREAKS + ["\x01", "\x7f", "\x9f"])
@pytest.mark.parametrize("text, line, path", [
    ("id: x\nlines:\n  - title: a{c}b\n", 3, ("lines", 0, "title")),
    ("id: x\ntitle: \"a{c}b\"\n", 2, ("title",)),
    ("id: x\ntitle: 'a{c}  b'\n", 2, ("title",)),
    ("id: x\nnotes: |\n  one\n  a{c}b\n", 4, ("notes",)),
    ("id: x\nlist: [1, 'a{c}']\n", 2, ("list", 1)),
])
def test_a_line_break_or_control_character_as_it_stands_is_refused_with_line_and_keys(char, text, line, path):
    # YAML 1.1 (libyaml) read NEL in quotes as a space and dropped the spaces after LS or PS: never silently
    with pytest.raises(YamlProblem) as err:
        load(text.format(c=char))
    assert (err.value.line, err.value.path) == (line, path)
    assert f"U+{ord(char):04X}" in err.value.message and "double quotes" in err.value.message


def test_yaml_1_2_core_schema():
    assert load("a: 1e3\nb: 0o17\nc: 007\nd: yes\ne: 2024-01-01\nf: 010\ng: 0x1f\nh: .inf\ni: 12:30:00\nj: ~\n"
                "k: on\nl: TRUE\nm: 1_000\n") == {
        "a": 1000.0, "b": 15, "c": 7, "d": "yes", "e": "2024-01-01", "f": 10, "g": 31, "h": float("inf"),
        "i": "12:30:00", "j": None, "k": "on", "l": True, "m": "1_000"}


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\nb: [1, 2\nc: 3\n", 3, "YAML syntax error"),
    ("a: 1\n  b: 2\n", 2, "YAML syntax error"),
    ("title: 'unclosed\n", 2, "YAML syntax error"),
    ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'"),
    ("when: !!timestamp 2024-01-01\n", 1, "tag"),
    ("x: !custom 1\n", 1, "tag"),
    ("x: !!python/object:os.system ls\n", 1, "tag"),
    ("a: &x [1, *x]\n", 1, "alias refers to the value that contains it"),
    ("a: !!int x\n", 1, "not a whole number"),
    ("a: !!float x\n", 1, "not a number"),
    ("a: !!bool maybe\n", 1, "not true or false"),
    ("a: !!null x\n", 1, "not null"),
    ("a: !!map [1]\n", 1, "expected a mapping"),
    ("a: " + "9" * 5_000 + "\n", 1, "not a whole number"),
])
def test_refusals_name_the_line(text, line, words):
    with pytest.raises(YamlProblem) as err:
        load(text)
    assert err.value.line == line and words in err.value.message


def test_tagged_values_in_the_core_schema_are_read():
    assert load("a: !!bool true\nb: !!null ~\nc: !!int 0x1f\nd: !!str 5\ne: !!float .5\n") == {
        "a": True, "b": None, "c": 31, "d": "5", "e": 0.5}


def test_one_long_text_repeated_by_aliases_is_refused():
    text = "t: &t " + "x" * 2_000 + "\nl: [" + ", ".join(["*t"] * 9_000) + "]\n"  # 18 MB once expanded
    with pytest.raises(YamlProblem, match="MB of text"):
        load(text)


def test_a_file_of_very_many_values_is_refused_before_it_is_all_read(monkeypatch):
    # with the real limit (500,000) a 1 MB list of 1s is refused in about 4 s; reading it all took 30 s
    monkeypatch.setattr(yamlio, "MAX_VALUES", 10_000)
    with pytest.raises(YamlProblem, match="more than 10,000 values"):
        load("a: [" + ",".join(["1"] * 20_000) + "]")
    assert len(load("a: [" + ",".join(["1"] * 9_000) + "]")["a"]) == 9_000


def test_billion_laughs_is_refused_quickly():
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    begun = time.perf_counter()
    with pytest.raises(YamlProblem, match=f"expand to more than {MAX_ALIAS_NODES:,}"):
        load("\n".join(lines))
    assert time.perf_counter() - begun < 5  # generous: it is milliseconds
    assert load("base: &b {x: 1}\nuse: [*b, *b]\n") == {"base": {"x": 1}, "use": [{"x": 1}, {"x": 1}]}


@pytest.mark.parametrize("text", [
    "id: " + "[" * 30_000 + "]" * 30_000,  # crashed PyYAML 6.0.3's C loader (and the app server with it)
    "id: " + "{a: " * 30_000 + "}" * 30_000,
    "".join("  " * i + "a:\n" for i in range(2_000)) + "  " * 2_000 + "b",
    "x: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    "".join("  " * i + "a:\n" for i in range(MAX_DEPTH + 1)) + "  " * (MAX_DEPTH + 1) + "b",
])
def test_deep_nesting_is_refused(text):
    with pytest.raises(YamlProblem, match="nest"):
        load(text)


def test_nesting_made_deep_by_aliases_is_refused():
    chain = ["a0: &a0 " + "[" * 10 + "1" + "]" * 10]  # each alias nests the one before 10 levels deeper
    chain += [f"a{i}: &a{i} " + "[" * 10 + f"*a{i - 1}" + "]" * 10 for i in range(1, 8)]
    with pytest.raises(YamlProblem, match="nested more than"):
        load("\n".join(chain))
    assert load("\n".join(chain[:5]))["a4"]  # 50 levels: within the limit


def test_nesting_up_to_the_limit_is_read():
    assert load("x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)) is not None


def test_a_50_mb_file_is_refused_at_once():
    begun = time.perf_counter()
    with pytest.raises(YamlProblem, match="too large"):
        load("a: " + "x" * 50_000_000)
    assert time.perf_counter() - begun < 5 and MAX_CHARS < 50_000_000


def test_nul_is_refused_with_its_line():
    with pytest.raises(YamlProblem) as err:
        load("a: 1\nb: x\x00y\n")
    assert err.value.line == 2 and "NUL" in err.value.message


def test_every_shipped_yaml_file_reads_and_writes_back_the_same():
    shipped = [p for p in ROOT.rglob("*.yaml") if ".venv" not in p.parts and "tests" not in p.parts]
    assert len(shipped) > 30
    for path in shipped:
        data = load(path.read_text(encoding="utf-8"))
        assert load(dump(data)) == data, path
