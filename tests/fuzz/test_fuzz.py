"""A bounded fuzz of the inputs: broken YAML folders, workbooks, settings and price files, links, pipes and devices,
and outputs that cannot be written, each run through the real console script. The contract for every one:

- exit 0 or 2 (never 1 from a crash, never killed);
- no traceback, and a message that stays short (a value is never printed whole);
- on failure, nothing written (no output, no temporary file) and nothing on stdout;
- under 5 CPU seconds and 1 GiB resident.

The cases are generated with a fixed seed (tests/fuzz/cases.py): a run is the same every time, and a new failure
found with another seed (FUZZ_SEED) becomes a named case.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from hismigrate.load import load_inventory
from hismigrate.write.excel_writer import inventory_workbook
from tests.conftest import REPO, SMALL_HOSPITAL
from tests.fuzz.cases import SEED, Case, named_cases, workbook_cases, yaml_cases

MAX_CPU_S = 5.0
MAX_RSS_BYTES = 1024**3
MAX_STDERR_BYTES = 20_000
RANDOM_YAML, RANDOM_WORKBOOKS = 40, 30

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the runner forks and reads wait4")


Fuzz = tuple[list[Case], dict[str, dict], Path]
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Interrupt)(:|$)", re.MULTILINE)


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory: pytest.TempPathFactory) -> Fuzz:
    work = tmp_path_factory.mktemp("fuzz")
    books, scratch = work / "books", work / "tmp"
    books.mkdir()
    scratch.mkdir()
    rng = random.Random(int(os.environ.get("FUZZ_SEED", SEED)))
    source = inventory_workbook(load_inventory(SMALL_HOSPITAL), "en")
    cases = [
        *named_cases(SMALL_HOSPITAL, work),
        *yaml_cases(rng, SMALL_HOSPITAL, work, RANDOM_YAML),
        *workbook_cases(rng, source, books, RANDOM_WORKBOOKS),
    ]
    (work / "cases.json").write_text(json.dumps([asdict(c) for c in cases]), encoding="utf-8")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(REPO), "TMPDIR": str(scratch)}
    subprocess.run(
        [sys.executable, "-m", "tests.fuzz.runner", str(work / "cases.json"), str(work / "results.json")],
        cwd=REPO,
        env=env,
        check=True,
        timeout=600,
    )
    results = {r["id"]: r for r in json.loads((work / "results.json").read_text(encoding="utf-8"))}
    return cases, results, work


def test_every_case_keeps_the_contract(fuzz: Fuzz) -> None:
    cases, results, _ = fuzz
    broken = []
    for case in cases:
        result = results[case.id]
        stderr = result["stderr"]
        why = []
        if result["exit"] not in (0, 2) or result["killed"]:
            why.append(f"exit {result['exit']}")
        if "Traceback" in stderr or _EXCEPTION_LINE.search(stderr):
            why.append("a traceback")
        if len(stderr.encode()) > MAX_STDERR_BYTES:
            why.append(f"{len(stderr.encode()):,} bytes of messages")
        if result["cpu_s"] > MAX_CPU_S:
            why.append(f"{result['cpu_s']:.1f} CPU s")
        if result["max_rss_bytes"] > MAX_RSS_BYTES:
            why.append(f"{result['max_rss_bytes'] / 1024**2:,.0f} MiB resident")
        if result["exit"] == 2:
            if result["stdout"].strip():
                why.append("output on stdout")
            written = [out for out in case.outputs if Path(out).exists()]
            if written:
                why.append(f"wrote {written}")
        if why:
            broken.append(f"{case.id}: {', '.join(why)}\n  {' '.join(case.argv)}\n  {stderr[-500:]}")
    assert not broken, "\n".join(broken)


def test_nothing_is_left_behind(fuzz: Fuzz) -> None:
    _, _, work = fuzz
    assert not [p for p in work.rglob("*") if p.name.endswith(".tmp")]  # no temporary file beside an output
    assert not list((work / "tmp").iterdir())  # no scratch folder in TMPDIR


def test_the_named_cases_fail_as_they_should(fuzz: Fuzz) -> None:
    _, results, _ = fuzz
    expected = {
        "memory-inf": "is not a finite number",
        "memory-1e300": "is above the maximum 65,536",
        "price-1e29": "is above the maximum 100,000,000,000",
        "settings-alias-bomb": "expand this document to more than",
        "settings-nan-rate": "cost.jpy_per_usd[2025]: 'nan' is not a finite number",
        "settings-unknown-key": "cost.discount_rat: unknown key 'discount_rat' (did you mean 'discount_rate'?)",
        "settings-huge": "cost.staff.jpy_per_fte_year: 1e300 is above the maximum 100,000,000",
        "prices-alias-bomb": "expand this document to more than",
        "prices-inf": "items[0].price: 'inf' is not a finite number",
        "kev-deep": "the KEV catalog is not valid JSON: nested too deeply",
        "kev-device": "/dev/zero: not a regular file",
        "inventory-alias-bomb": "expand this document to more than",
        "inventory-alias-loop": "sits inside the value it names",
        "dangling-link": "practices.yaml: a link to",
        "link-loop": "a link that leads round in a loop",
        "fifo": "flows.yaml: not a regular file",
        "device-link": "zero.yaml: not a regular file",
        "device-given": "/dev/zero: not a regular file",
        "empty-hospital": "hospital.yaml: hospital: required value missing (the file is empty)",
        "output-under-a-file": "a part of the path is a file, not a folder",
        "graph-into-a-pipe": "exists and is not a regular file",
        "convert-onto-a-device": "exists and is not a regular file",
        "xlsx-whitespace-bomb": "unpacks to",
        "xlsx-rows-bomb": "unpacks to",
        "xlsx-lying-size": "cannot be read as an Excel workbook",
        "xlsx-uncached-formula": "[Servers] row 2, column CPU cores: the cell has a formula without a saved result",
        "xlsx-entity-bomb": "document type declaration",
        "xlsx-infinite-number": "is not a finite number",
        "xlsx-many-parts": "parts (at most 10,000)",
    }
    wrong = {
        name: results[name]["stderr"]
        for name, text in expected.items()
        if results[name]["exit"] != 2 or text not in results[name]["stderr"]
    }
    assert not wrong, json.dumps(wrong, ensure_ascii=False, indent=1)
    # a stray cell at row 1,048,576 is read as the cell it is, not as a million-row grid
    stray = results["xlsx-stray-cell"]
    assert stray["exit"] == 2 and "[Servers] row 1048576, column Hostname: required value missing" in stray["stderr"]
    assert results["xlsx-stray-far"]["exit"] == 0  # a value beyond every column is an ignored cell


def test_the_fuzz_stays_small(fuzz: Fuzz) -> None:
    _, results, _ = fuzz
    total = sum(r["wall_s"] for r in results.values())
    assert total < 90, f"the fuzz took {total:.0f} s: keep it within the normal suite's time"
