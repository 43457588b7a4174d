"""Regenerate the sample hospitals' reports: `python reports/generate.py [hospital-dir ...]`.

Runs `hismigrate assess` on every sample under inventories/ with a fixed --as-of, all four formats, in Japanese,
into reports/samples/<hospital id>/. The reports are committed; tests/report/test_sample_reports.py fails when they are
stale. A user's own run writes reports/<hospital id>/ (git-ignored), never this folder: running the README's first
command leaves the clone as it was.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE_REPORTS = REPO / "reports" / "samples"
AS_OF = "2026-12-01"
FORMATS = "html,md,xlsx,json"
LANG = "ja"


def samples() -> list[Path]:
    return sorted(p for p in (REPO / "inventories").iterdir() if p.is_dir())


def hospital_id(sample: Path) -> str:
    from hismigrate.load import load_inventory

    return load_inventory([sample]).hospital.id


def generate(sample: Path, target: Path, formats: str = FORMATS) -> None:
    """One sample's reports into `target` (a folder), through the real command line."""
    command = [sys.executable, "-m", "hismigrate", "assess", str(sample), "-o", str(target)]
    command += ["--format", formats, "--lang", LANG, "--as-of", AS_OF]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def main(argv: list[str]) -> None:
    chosen = [Path(a).resolve() for a in argv] or samples()
    for sample in chosen:
        target = SAMPLE_REPORTS / hospital_id(sample)
        generate(sample, target)
        print(f"{sample.name} -> {target.relative_to(REPO)}")


if __name__ == "__main__":
    main(sys.argv[1:])
