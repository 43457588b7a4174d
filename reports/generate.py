"""Regenerate the sample hospitals' and the sample group's reports: `python reports/generate.py [dir ...]`.

Runs `hismigrate assess` on every sample hospital under inventories/ and `hismigrate group assess` on every sample
group (a folder with a group.yaml), with a fixed --as-of, all four formats, in Japanese, into
reports/samples/<id>/. The reports are committed; tests/report/test_sample_reports.py and
tests/group/test_sample_group.py fail when they are stale. A user's own run writes reports/<id>/ (git-ignored),
never this folder: running the README's first command leaves the clone as it was.
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


def is_group(sample: Path) -> bool:
    return (sample / "group.yaml").is_file()


def hospital_id(sample: Path) -> str:
    if is_group(sample):
        from hismigrate.load.group_source import load_group

        return load_group(sample / "group.yaml").spec.group.id
    from hismigrate.load import load_inventory

    return load_inventory([sample]).hospital.id


def generate(sample: Path, target: Path, formats: str = FORMATS) -> None:
    """One sample's reports into `target` (a folder), through the real command line."""
    if is_group(sample):
        command = [sys.executable, "-m", "hismigrate", "group", "assess", str(sample / "group.yaml"), "-o", str(target)]
    else:
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
