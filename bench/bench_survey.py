"""Time `survey aggregate` on synthetic submissions (targets on 2 cores: 10,000 < 20 s, 100,000 < 3 min), and
compare ways of parsing the JSON, which dominates.

    python -m bench.bench_survey [--sizes 10000 100000] [--work DIR] [--out bench/survey_figures.json]

Generated files are kept in --work (default: a folder under the system temp dir) and reused between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.survey_generator import write
from hismigrate.model.submission import Submission


def _ensure(count: int, work: Path) -> list[Path]:
    folder = work / f"n{count}"
    marker = folder / ".complete"
    if not marker.exists():
        write(count, folder, seed=count)
        marker.write_text("ok", encoding="utf-8")
    return sorted(folder.glob("*.json"))


def parsers(files: list[Path]) -> dict[str, float]:
    """Seconds to read and validate `files` in three ways (the file reads themselves are included in each)."""
    out: dict[str, float] = {}

    def timed(name: str, parse: Any) -> None:
        start = time.perf_counter()
        for path in files:
            parse(path.read_bytes())
        out[name] = round(time.perf_counter() - start, 3)

    timed("pydantic_model_validate_json", Submission.model_validate_json)
    timed("json_loads_then_model_validate", lambda b: Submission.model_validate(json.loads(b)))
    try:
        import orjson
    except ImportError:
        out["orjson_loads_then_model_validate"] = float("nan")
    else:
        timed("orjson_loads_then_model_validate", lambda b: Submission.model_validate(orjson.loads(b)))
    return out


def aggregate_once(files: list[Path], out_dir: Path) -> dict[str, float]:
    """Seconds per stage of what `hismigrate survey aggregate` does."""
    from hismigrate.survey.collect import collect

    from hismigrate.survey.aggregate import aggregate
    from hismigrate.survey.outputs import write_outputs

    start = time.perf_counter()
    collected = collect(files)
    read = time.perf_counter()
    result = aggregate(collected, lang="ja", min_cell=5)
    tables = time.perf_counter()
    write_outputs(result, out_dir, lang="ja")
    done = time.perf_counter()
    return {
        "read_and_validate_s": round(read - start, 3),
        "tables_s": round(tables - read, 3),
        "write_outputs_s": round(done - tables, 3),
        "total_s": round(done - start, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "hismigrate-survey-bench")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("survey_figures.json"))
    parser.add_argument("--parser-sample", type=int, default=10_000, help="Files used to compare JSON parsers.")
    args = parser.parse_args()
    figures: dict[str, Any] = {"cpus": os.cpu_count(), "runs": {}}
    for count in args.sizes:
        files = _ensure(count, args.work)
        run = aggregate_once(files, args.work / f"out{count}")
        figures["runs"][str(count)] = run
        print(count, run, flush=True)
    sample = _ensure(min(args.sizes), args.work)[: args.parser_sample]
    figures["parsers"] = {"files": len(sample), **parsers(sample)}
    print(figures["parsers"])
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
