"""Every cost figure of the sample hospitals is what tests/cost/golden/ holds: the year rows, NPV, break-even, the
tornado, each wave's and each state's figures and every cost line with its amounts and basis. When figures change
on purpose, regenerate with `python tests/cost/golden/generate.py` and say why in the commit."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_cost_golden", GOLDEN / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()


@pytest.mark.parametrize("name", GENERATOR.SAMPLES)
def test_sample_figures_are_the_golden_ones(name: str) -> None:
    kept = (GOLDEN / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    now = GENERATOR.text(GENERATOR.sample_figures(name)).splitlines()
    assert json.loads(now[0]) == json.loads(kept[0]), "summary figures differ"
    assert now[1:] == kept[1:], f"cost lines differ: {len(set(now[1:]) ^ set(kept[1:]))} lines"
