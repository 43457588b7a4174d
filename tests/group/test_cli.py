"""`hismigrate group` as a user meets it: exit codes, located messages without tracebacks, the four files, the same
bytes from the same inputs, nothing written when anything is wrong."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import member_data, write_group


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hismigrate", "group", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en", "COLUMNS": "200"},
        check=False,
    )


def test_validate_lists_the_members(two_members: Path) -> None:
    result = run("validate", str(two_members))
    assert result.returncode == 0, result.stderr
    assert "valid (2 members, 400 beds)" in result.stdout and "beta 病院: 300 beds" in result.stdout


def test_validate_names_the_place_and_exits_2(tmp_path: Path) -> None:
    broken = member_data("beta", 300)
    broken["hospital"]["type"] = "spaceport"
    group = write_group(tmp_path, [member_data("alpha", 100), broken])
    result = run("validate", str(group))
    assert result.returncode == 2
    assert f"{tmp_path / 'beta' / 'inventory.yaml'} line 5" in result.stderr
    assert "Traceback" not in result.stderr


def test_assess_writes_the_four_files_the_same_every_time(two_members: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for target in (first, second):
        result = run("assess", str(two_members), "-o", str(target), "--as-of", "2026-12-01", "--lang", "en")
        assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in first.iterdir())
    assert names == ["group.json", "report.html", "report.md", "report.xlsx"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    data = json.loads((first / "group.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in data["members"]] == ["alpha", "beta"] and data["as_of"] == "2026-12-01"
    html = (first / "report.html").read_text(encoding="utf-8")
    for section in ("summary", "members", "fit", "cost", "waves", "blast"):
        assert f'id="{section}"' in html


def test_a_bad_format_or_group_writes_nothing(two_members: Path, tmp_path: Path) -> None:
    target = tmp_path / "out"
    bad = run("assess", str(two_members), "-o", str(target), "--format", "pdf")
    assert bad.returncode == 2 and "pdf" in bad.stderr
    missing = run("assess", str(tmp_path / "nowhere.yaml"), "-o", str(target))
    assert missing.returncode == 2 and "nowhere.yaml" in missing.stderr and "Traceback" not in missing.stderr
    assert not target.exists()


def test_the_group_file_has_a_schema_with_every_field_described() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hismigrate", "schema", "--group"], capture_output=True, text=True, check=True
    )
    schema = json.loads(result.stdout)
    assert schema["title"] == "hismigrate group" and set(schema["required"]) == {"group", "members", "shared"}
    for name in ("GroupInfo", "MemberRef", "Shared", "SharedEnvironment"):
        fields = schema["$defs"][name]["properties"]
        assert all(field.get("description") for field in fields.values()), name
