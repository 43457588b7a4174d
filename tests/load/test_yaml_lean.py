"""The lean YAML reader gives exactly what `yaml.load(text, Loader=...)` gives: the same values of the same types,
or the same error, on the samples and on YAML's tricky corners."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hismigrate import yaml_lean
from hismigrate.load.yaml_parse import _Loader
from hismigrate.yaml_lean import load_lean

REPO = Path(__file__).resolve().parents[2]
LOADERS = [_Loader, yaml.CSafeLoader, yaml.SafeLoader]


def _same(a: Any, b: Any, seen: set[tuple[int, int]] | None = None) -> bool:
    """Equal and of the same types all the way down (True == 1 and 1 == 1.0 do not count); NaN equals NaN;
    a recursive structure (`&a [*a]`) is compared once."""
    if type(a) is not type(b):
        return False
    seen = set() if seen is None else seen
    if isinstance(a, dict | list):
        if (id(a), id(b)) in seen:
            return True
        seen.add((id(a), id(b)))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k], seen) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y, seen) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _outcome(read: Any, text: str, loader: type[Any]) -> tuple[str, Any]:
    try:
        return "value", read(text, loader)
    except Exception as exc:  # the kind and wording of any error must match too
        return type(exc).__name__, str(exc)


def _assert_like_pyyaml(text: str, loader: type[Any] = _Loader) -> None:
    expected = _outcome(lambda t, lo: yaml.load(t, Loader=lo), text, loader)
    got = _outcome(load_lean, text, loader)
    assert got[0] == expected[0], (text, got, expected)
    assert _same(got[1], expected[1]), (text, got, expected)


def _sample_files() -> list[Path]:
    roots = [REPO / "inventories", REPO / "tests" / "fixtures"]
    return sorted(p for root in roots for p in root.rglob("*.yaml"))


@pytest.mark.parametrize("path", _sample_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_samples_read_as_pyyaml_reads_them_without_falling_back(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    _assert_like_pyyaml(text)
    # the fast path itself (not the fallback) must read every sample
    loader = _Loader(text)
    try:
        value = yaml_lean._read_events(loader, yaml_lean._Scalars(_Loader))
    finally:
        loader.dispose()
    assert _same(value, yaml.load(text, Loader=_Loader))


TRICKY = {
    "empty": "",
    "comment only": "# nothing\n",
    "empty document": "---\n",
    "document end": "a: 1\n...\n",
    "null forms": "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: ''\n",
    "yes no on off": "a: yes\nb: No\nc: ON\nd: off\ne: y\nf: n\ng: True\nh: FALSE\ni: yEs\n",
    "octal-ish": "a: 0755\nb: 010\nc: 0o17\nd: 08\ne: 0x1F\nf: 0b101\ng: '0755'\nh: 00\n",
    "numbers": "a: 1_000\nb: -12\nc: +3\nd: 1.5\ne: 1e3\nf: 1.0e+3\ng: .5\nh: -.inf\ni: .NaN\nj: 190:20:30\n"
    "k: 1:30.5\nl: 0.\nm: -0\nn: 12345678901234567890\n",
    "timestamps": "a: 2024-04-01\nb: 2024-4-1\nc: 2001-12-14t21:59:43.10-05:00\nd: 2001-12-14 21:59:43.10\n"
    "e: 2001-12-15T02:59:43.1Z\nf: '2027-01-12'\ng: 2024-13-01\nh: 2024-02-30\n",
    "quoted and block": 'a: \'yes\'\nb: "12"\nc: |\n  line\n  two\nd: >\n  folded\n  text\ne: "\\u3042"\n',
    "flow": "a: [1, 'x', {b: no, c: [~, 2024-01-01]}]\nb: {}\nc: []\n",
    "keys that are not text": "1: a\n2024-01-01: b\nyes: c\n~: d\n1.5: e\n",
    "duplicate keys": "a: 1\nb: 2\na: 3\n",
    "anchors and aliases": "base: &b {x: 1, y: [1, 2]}\nuse: *b\nlist: &l [a, b]\nagain: *l\nscalar: &s 5\nre: *s\n",
    "merge keys": "base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\nmany:\n  <<: [*b, {z: 4}]\n  w: 5\n",
    "inline merge": "a:\n  <<: {x: 1}\n  y: 2\n",
    "merge of a scalar": "a: &s 1\nb:\n  <<: *s\n",
    "merge as a value": "a: <<\n",
    "value key": "a:\n  =: 1\n",
    "explicit tags": "a: !!str 12\nb: !!int '7'\nc: !!float 1\nd: !!bool yes\ne: !!null x\nf: !!binary aGk=\n",
    "bad explicit int": "a: !!int abc\n",
    "set and omap": "a: !!set {x, y}\nb: !!omap [{x: 1}]\nc: !!pairs [{x: 1}]\n",
    "unknown tag": "a: !custom 1\n",
    "python tag": "a: !!python/object:os.system x\n",
    "non-specific tag": "a: ! 12\nb: ! [1]\n",
    "complex key": "? [a, b]\n: 1\n",
    "mapping key": "? {a: 1}\n: 1\n",
    "recursive alias": "a: &a [1, *a]\n",
    "undefined alias": "a: *nowhere\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "two documents, first empty": "---\n---\na: 1\n",
    "syntax error": "a: [unclosed\n",
    "bad value before a syntax error": "a: 2024-13-01\nb: 2001-12-14 25:00:00\nc: [unclosed\n",
    "bad value alone": "a: 2024-13-01\nb: 2001-12-14 25:00:00\n",
    "tab indentation": "a:\n\tb: 1\n",
    "bad indentation": "a: 1\n b: 2\n",
    "top-level list": "- a\n- 1\n- {b: c}\n",
    "top-level scalar": "just text\n",
    "top-level number": "42\n",
    "japanese": "名前: 病院\nはい: いいえ\n値: ０１２\n",
    "special floats in lists": "- .inf\n- -.Inf\n- .nan\n- +.INF\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "tag directive": "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
}


@pytest.mark.parametrize("loader", LOADERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("text", list(TRICKY.values()), ids=list(TRICKY))
def test_tricky_yaml_reads_as_pyyaml_reads_it(text: str, loader: type[Any]) -> None:
    _assert_like_pyyaml(text, loader)


def test_an_impossible_date_stays_text_for_validation_to_report() -> None:
    assert load_lean("a: 2024-13-01\nb: 2024-04-01\n", _Loader) == {
        "a": "2024-13-01",
        "b": yaml.load("x: 2024-04-01", Loader=_Loader)["x"],
    }


_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates(),
    st.text(max_size=12),
    st.sampled_from(["yes", "No", "on", "~", "0755", "1_0", "1:2", "<<", "=", "2024-02-30", ".inf", "0x1f", ""]),
)
_document = st.recursive(
    _scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=6), st.integers()), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(_document, st.booleans(), st.booleans())
@example({"a": ["<<", {"<<": 1}]}, False, False)
def test_dumped_documents_read_as_pyyaml_reads_them(data: Any, flow: bool, canonical: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, canonical=canonical, allow_unicode=True)
    _assert_like_pyyaml(text)


_yamlish = st.text(alphabet="ab01.:-_ \n\t[]{},'\"#&*!|>?<=~yYnN+eE%@2:T", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_yamlish)
@example("a: &x 1\nb: *x\n")
@example("- ? a\n  : b\n")
def test_any_text_reads_or_fails_as_pyyaml(text: str) -> None:
    _assert_like_pyyaml(text)
