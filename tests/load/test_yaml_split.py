"""A large inventory file cut into runs of items parses, run by run, to what the whole file parses to; where a cut
would change the meaning, a run fails and the whole file is parsed instead (same result, same error, same line)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hismigrate import parallel
from hismigrate.errors import InventoryError
from hismigrate.load import load_inventory, yaml_source
from hismigrate.load.yaml_source import _joined, _parse
from hismigrate.load.yaml_split import split_items
from hismigrate.parallel import can_fork

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"
PARTS = frozenset({"segments", "servers", "systems", "connections", "flows"})
forking = pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only")


def _whole(text: str) -> Any:
    try:
        return _parse(Path("f.yaml"), text)
    except InventoryError:
        return InventoryError


def _by_runs(text: str, pieces: int) -> Any:
    """What the runs give: None when the file is not cut, InventoryError when a run fails, else the document."""
    runs = split_items(text, PARTS, pieces)
    if runs is None:
        return None
    return _joined([_whole(run) for run in runs]) or InventoryError


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("pieces", [2, 3, 7])
def test_sample_files_cut_into_runs_parse_to_the_whole(path: Path, pieces: int) -> None:
    text = path.read_text(encoding="utf-8-sig")
    runs = split_items(text, PARTS, pieces)
    if runs is None:
        assert next(iter(yaml.safe_load(text) or {None: None})) not in PARTS or len(yaml.safe_load(text)) > 1
        return
    assert 2 <= len(runs) <= pieces
    assert _joined([_whole(run) for run in runs]) == _whole(text)


def test_runs_are_about_equal_whole_items() -> None:
    text = "servers:\n" + "".join(f"- id: s{k}\n  vcpu: {k}\n" for k in range(100))
    runs = split_items(text, PARTS, 4)
    assert runs is not None and len(runs) == 4
    assert all(run.startswith("servers:\n- id: s") for run in runs)
    sizes = [len(run) for run in runs]
    assert max(sizes) - min(sizes) < 60
    assert _joined([_whole(run) for run in runs]) == _whole(text)


@pytest.mark.parametrize(
    "text",
    [
        "servers:\n- id: a\nsystems:\n- id: b\n",  # two parts
        "servers:\n- id: a\n---\nservers:\n- id: b\n",  # two documents
        "%YAML 1.1\n---\nservers:\n- id: a\n- id: b\n",  # a directive
        "hospital:\n  id: h\n  name: x\n",  # not a list part
        "servers: [{id: a}, {id: b}]\n",  # a flow list
        "servers: &all\n- id: a\n- id: b\n",  # an anchor on the key
        "  servers:\n  - id: a\n  - id: b\n",  # an indented key
        "servers:\n  - id: a\n - id: b\n",  # an item left of the first
        "servers:\n\t- id: a\n\t- id: b\n",  # tabs
        "servers:\n- id: a\n",  # one item
        "",
        "# only a comment\n",
    ],
)
def test_other_shapes_are_not_cut(text: str) -> None:
    assert split_items(text, PARTS, 2) is None


@pytest.mark.parametrize(
    "text",
    [
        # a quoted text running over a line that looks like an item
        'servers:\n- id: a\n  notes: "one\n- two"\n- id: b\n- id: c\n- id: d\n',
        "servers:\n- id: a\n  notes: 'one\n- two'\n- id: b\n- id: c\n- id: d\n",
        # an alias to an anchor in an earlier run
        "servers:\n- &first\n  id: a\n- id: b\n- *first\n- id: d\n",
        # a flow list over several lines
        "servers:\n- id: a\n  tags: [x,\n- y]\n- id: b\n- id: c\n",
    ],
)
def test_a_cut_that_would_change_the_meaning_fails_a_run(text: str) -> None:
    whole = _whole(text)
    for pieces in range(2, 5):
        runs = split_items(text, PARTS, pieces)
        if runs is None:
            continue
        joined = _joined([_whole(run) for run in runs])
        assert joined is None or joined == whole


# Texts from pieces that matter to a cut: item starts after a line break, quotes, flow brackets, anchors, comments.
_BITS = [*"ab -#:'\"\n\t[]{}&*!|>%@`,?東", "- ", "\n- ", "\n  - ", "\n    "]
_TEXT = st.lists(st.sampled_from(_BITS), max_size=12).map("".join)
_ITEM = st.dictionaries(
    st.sampled_from(["id", "notes", "tags", "vcpu"]),
    _TEXT | st.integers() | st.lists(_TEXT, max_size=3),
    max_size=4,
)


@given(
    items=st.lists(_ITEM, min_size=1, max_size=12),
    width=st.integers(min_value=10, max_value=80),
    style=st.sampled_from([None, '"', "'", "|", ">"]),
    flow=st.sampled_from([False, None]),
    indent=st.booleans(),
    pieces=st.integers(min_value=2, max_value=6),
    noise=st.lists(st.tuples(st.integers(min_value=0), _TEXT), max_size=3),
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_runs_parse_to_the_whole_or_fail(
    items: list[dict[str, Any]],
    width: int,
    style: str | None,
    flow: bool | None,
    indent: bool,
    pieces: int,
    noise: list[tuple[int, str]],
) -> None:
    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False if indent else indentless)

    text = yaml.dump(
        {"servers": items}, Dumper=Dumper, width=width, default_style=style, default_flow_style=flow, allow_unicode=True
    )
    if text.startswith('"servers"') or text.startswith("'servers'"):
        text = "servers:" + text.split(":", 1)[1]
    for at, extra in noise:  # anything at all spliced in: broken YAML too
        at %= len(text) + 1
        text = text[:at] + extra + text[at:]
    whole = _whole(text)
    runs = _by_runs(text, pieces)
    if runs is not None and runs is not InventoryError:
        assert runs == whole
    if whole is InventoryError:
        assert runs in (None, InventoryError)


@forking
def test_an_estate_parsed_on_cores_with_its_files_cut(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    cuts: list[int] = []

    def counting(text: str, parts: frozenset[str], pieces: int) -> list[str] | None:
        runs = split_items(text, parts, pieces)
        cuts.append(len(runs) if runs else 0)
        return runs

    sample = SAMPLES / "minato-university"
    serial = load_inventory([sample], 1)
    monkeypatch.setitem(parallel.WORTH_FROM, "parse", 0)
    monkeypatch.setattr(yaml_source, "split_items", counting)
    monkeypatch.setattr(parallel, "made_apart", lambda task: task())  # the cutting is seen in this process
    assert load_inventory([sample], 3) == serial
    assert max(cuts) >= 2  # a file was cut into runs

    # A quoted text over a cut: the runs fail, the whole file is parsed here, to the same estate.
    estate = tmp_path / "estate"
    shutil.copytree(sample, estate)
    servers = estate / "servers.yaml"
    text = servers.read_text(encoding="utf-8")
    middle = text.index("\n  - id:", len(text) // 2)
    servers.write_text(text[:middle] + "\n    notes: 'over\n  - id: the cut'" + text[middle:], encoding="utf-8")
    assert load_inventory([estate], 3) == load_inventory([estate], 1)

    # A syntax error in a cut file: the error and its line are the whole file's.
    servers.write_text(text[:middle] + "\n    notes: [unclosed" + text[middle:], encoding="utf-8")
    _problems_on_cores_and_alone(estate)

    # A key given twice in an item of a later run: the same error at the whole file's line.
    servers.write_text(text[:middle] + "\n    notes: one\n    notes: two" + text[middle:], encoding="utf-8")
    (problem,) = _problems_on_cores_and_alone(estate)
    assert problem.key == "yaml_duplicate_key"
    assert problem.location.line == text[:middle].count("\n") + 3


def _problems_on_cores_and_alone(estate: Path) -> list[Any]:
    """The problems of an estate that fails to load: the same on cores as in one process."""
    with pytest.raises(InventoryError) as on_cores:
        load_inventory([estate], 3)
    with pytest.raises(InventoryError) as alone:
        load_inventory([estate], 1)
    assert on_cores.value.problems == alone.value.problems
    return list(alone.value.problems)
