"""The benchmark suite: times `hismigrate --help`, `validate` and `assess --format json` on the sample hospitals and
on 1x, 10x and 100x university-sized synthetic estates, the bare C-loader parse of the same files, and peak memory;
writes the table, with ratios and the machine's description, to bench/RESULTS.md.

    python -m bench.run [--sizes university x10 x100] [--repeat 3] [--work DIR] [--out bench/RESULTS.md]

Every command runs in a child process (start-up included); peak memory is that of its whole process tree (it forks
workers on large estates): the sampled sum of proportional set sizes, at least the largest process's resident set.
The figure kept is the minimum over the repeats (other work on the machine only ever adds time).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench import synthetic
from bench.synthetic import PRESETS, write_estate

REPO = Path(__file__).resolve().parents[1]
SAMPLES = ["aozora-chronic", "sakura-general", "minato-university"]
CLI = [sys.executable, "-m", "hismigrate"]
AS_OF = "2026-04-01"
TIMEOUT = 900
# Parsed in a child as the load would be, so that the two figures compare like for like: a command pauses the
# cyclic garbage collector while it reads (hismigrate.parallel.large_heap), so the bare parse runs with it paused too
# (with it running, the bare parse of the x100 estate takes twice as long, and the ratio would flatter the load).
PARSE = """
import gc, sys, time, yaml
from pathlib import Path
gc.disable()
start = time.perf_counter()
for path in sorted(Path(sys.argv[1]).glob('*.yaml')):
    yaml.load(path.read_text(encoding='utf-8-sig'), Loader=yaml.CSafeLoader)
print(time.perf_counter() - start)
"""
LOAD = """
import sys, time
from pathlib import Path
from hismigrate.load import load_inventory
from hismigrate.load import yaml_source  # imported outside the clock: start-up is measured by --help
from hismigrate.parallel import large_heap
start = time.perf_counter()
with large_heap():  # as every command that reads an inventory runs
    load_inventory([Path(sys.argv[1])])
print(time.perf_counter() - start)
"""


# Runs one command and reports its wall time and peak memory. The command forks workers on large estates, so its
# memory is the process tree's: the sum of every process's proportional set size (shared pages counted once),
# sampled every half second, or the largest single process's peak resident set (RUSAGE_CHILDREN) when that is
# higher. Reading a process's PSS stalls it a little (the kernel walks its pages): times come from runs without
# sampling.
MEASURE = """
import os, resource, subprocess, sys, threading, time

def tree(pid):
    out = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                for child in f.read().split():
                    out += tree(int(child))
    except OSError:
        pass
    return out

def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

start = time.perf_counter()
interval = float(sys.argv[2])  # 0: no sampling
process = subprocess.Popen(sys.argv[3:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
peak = [0]

def sample():
    while process.poll() is None:
        peak[0] = max(peak[0], sum(pss_kb(p) for p in tree(process.pid)))
        time.sleep(interval)

sampler = threading.Thread(target=sample, daemon=True)
if interval:
    sampler.start()
try:
    out, _ = process.communicate(timeout=float(sys.argv[1]))
except subprocess.TimeoutExpired:
    process.kill()
    sys.exit(0)
seconds = time.perf_counter() - start
if interval:
    sampler.join()
sys.stdout.write(out.decode())
largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write(f"{seconds} {max(peak[0], largest)} {process.returncode}")
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    ok: bool
    output: str = ""


def _child(args: list[str], timeout: float = TIMEOUT, sample: float = 0.0) -> Run:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(timeout), str(sample), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        seconds, peak_kb, code = done.stderr.split()[-3:]
        return Run(float(seconds), int(peak_kb) / 1024, ok=code == "0", output=done.stdout.strip())
    except ValueError:  # timed out (no figures written) or could not start
        return Run(seconds=timeout, peak_mb=0.0, ok=False)


def _best(args: list[str], repeat: int, timeout: float = TIMEOUT) -> Run:
    """The fastest of `repeat` runs, and the peak memory of one more run that samples it."""
    runs = [_child(args, timeout) for _ in range(repeat)]
    sampled = _child(args, timeout, sample=0.5)
    best = min(runs, key=lambda r: r.seconds)
    return Run(best.seconds, max(r.peak_mb for r in [*runs, sampled]), all(r.ok for r in [*runs, sampled]), best.output)


def machine() -> list[str]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    import yaml

    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores",
        f"- Memory: {memory}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), PyYAML {yaml.__version__}"
        f" (C loader: {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'}), {platform.system()} {platform.release()}",
    ]


def _estates(sizes: list[str], work: Path) -> dict[str, Path]:
    out = {}
    for name in sizes:
        folder = work / name
        marker = folder / ".complete"
        # Regenerated whenever the generator changes: the marker holds a digest of its source.
        digest = hashlib.sha256(Path(synthetic.__file__).read_bytes()).hexdigest()
        if not marker.exists() or marker.read_text(encoding="utf-8") != digest:
            write_estate(folder, PRESETS[name], seed=1)
            marker.write_text(digest, encoding="utf-8")
        out[name] = folder
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["university", "x10", "x100"], choices=sorted(PRESETS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "hismigrate-bench")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds before a command counts as failed")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    args = parser.parse_args()

    load_before = os.getloadavg()
    inputs = {name: REPO / "inventories" / name for name in SAMPLES}
    inputs.update({f"synthetic {k}": v for k, v in _estates(args.sizes, args.work).items()})
    help_run = _best([*CLI, "--help"], max(5, args.repeat))
    university = REPO / "inventories" / "minato-university"
    all_formats = _best(
        [*CLI, "assess", str(university), "--as-of", AS_OF, "-o", str(args.work / "out" / "all")], args.repeat
    )
    rows = []
    assess_seconds: dict[str, float] = {}
    for name, folder in inputs.items():
        big = "x100" in name
        repeat = 1 if big else args.repeat
        parse = _best([sys.executable, "-c", PARSE, str(folder)], repeat)
        load = _best([sys.executable, "-c", LOAD, str(folder)], repeat)
        validate = _best([*CLI, "validate", str(folder)], repeat)
        out_dir = args.work / "out" / name.replace(" ", "-")
        assess = _best(
            [*CLI, "assess", str(folder), "--format", "json", "--as-of", AS_OF, "-o", str(out_dir)],
            min(2, args.repeat) if big else repeat,  # best of 2 at x100: one loaded moment would move the ratio
            args.timeout,
        )
        parse_s, load_s = float(parse.output or "nan"), float(load.output or "nan")
        assess_seconds[name] = assess.seconds if assess.ok else float("nan")
        size_mb = sum(p.stat().st_size for p in folder.glob("*.yaml")) / 1e6
        rows.append(
            f"| {name} | {size_mb:.2f} | {parse_s:.3f} | {load_s:.3f} | {load_s / parse_s:.1f} | "
            f"{validate.seconds:.2f}{'' if validate.ok else ' (failed)'} | "
            + (f"{assess.seconds:.2f}" if assess.ok else f"> {args.timeout:.0f} (timed out or failed)")
            + f" | {assess.peak_mb:.0f} |"
        )
        print(rows[-1], flush=True)
    load_after = os.getloadavg()

    ratios = []
    steps = [("synthetic university", "synthetic x10"), ("synthetic x10", "synthetic x100")]
    for small, large in steps:
        if small in assess_seconds and large in assess_seconds:
            ratio = assess_seconds[large] / assess_seconds[small]
            shown = f"{ratio:.1f}x" if ratio == ratio else "n/a (a run failed or timed out)"  # NaN != NaN
            ratios.append(f"- assess {large} / {small}: {shown} (target at most 12x for 10x the estate)")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    text = "\n".join(
        [
            "# Benchmark results",
            "",
            "Generated by `python -m bench.run`; do not edit by hand. Seconds are wall time of a child process, start-up",
            f"included, the minimum of {args.repeat} runs (for x100: 2 of assess, 1 of the rest); memory is the peak of the command's process tree",
            "in one more run (sum of proportional set sizes, sampled every 0.5 s; at least the largest process's peak RSS).",
            "",
            "## Machine",
            *machine(),
            f"- Load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)};"
            f" after: {', '.join(f'{x:.2f}' for x in load_after)}",
            f"- Commit: {commit.stdout.strip() or 'unknown'}",
            "",
            "## Start-up",
            f"- `hismigrate --help`: {help_run.seconds:.3f} s (target < 0.3 s), peak {help_run.peak_mb:.0f} MB",
            "",
            "## The university sample, all four formats",
            f"- `hismigrate assess inventories/minato-university` (html, md, xlsx, json): {all_formats.seconds:.2f} s"
            f"{'' if all_formats.ok else ' (failed)'} (target < 3 s), peak {all_formats.peak_mb:.0f} MB",
            "",
            "## Inventories",
            "parse = bare PyYAML C-loader parse of the files (`yaml.load(..., CSafeLoader)`), with the garbage "
            "collector paused as a command pauses it; load = hismigrate's load and validation (in-process, imports "
            "excluded); assess = `assess --format json`.",
            "",
            "| input | YAML MB | parse s | load s | load / parse | validate s | assess s | assess peak MB |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            *rows,
            "",
            "## Scaling",
            *(ratios or ["- (needs two synthetic sizes)"]),
            "- target for synthetic x100: assess under 60 s and under 4 GB (4,096 MB) peak",
            "",
        ]
    )
    # The survey's section is written by bench.bench_survey: kept as it is.
    from bench.bench_survey import survey_section

    kept = survey_section(args.out.read_text(encoding="utf-8")) if args.out.exists() else ""
    args.out.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
