"""The command line as a user meets it: exit codes, messages without tracebacks, outputs that load."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx

from hismigrate import __version__


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hismigrate", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en", "COLUMNS": "200"},
        check=False,
    )


def test_version_and_help() -> None:
    assert run("--version").stdout.strip() == f"hismigrate {__version__}"
    result = run("--help")
    assert result.returncode == 0
    for command in ("validate", "schema", "graph"):
        assert command in result.stdout


def test_validate_ok(small_dir: Path) -> None:
    result = run("validate", str(small_dir))
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout and "4 servers" in result.stdout


def test_validate_lists_every_problem_with_exit_2(small_copy: Path) -> None:
    servers = small_copy / "servers.yaml"
    text = servers.read_text(encoding="utf-8")
    text = text.replace("segment: emr-lan\n    role: database", "segment: emr-lam\n    role: database")
    text = text.replace("id: billing01", "id: emr-ap01").replace("last_patched: 2022-01-15", "last_patched: 2022-02-30")
    servers.write_text(text, encoding="utf-8")
    result = run("validate", str(small_copy))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (
        "servers.yaml line 21: servers[1].segment: unknown segment 'emr-lam' (did you mean 'emr-lan'?)" in result.stderr
    )
    assert "servers.yaml line 32: servers[2].id: duplicate server id 'emr-ap01'" in result.stderr
    assert "servers.yaml line 15: servers[0].last_patched: '2022-02-30' is not a date" in result.stderr


def test_validate_messages_in_japanese(small_copy: Path) -> None:
    (small_copy / "servers.yaml").write_text(
        (small_copy / "servers.yaml").read_text(encoding="utf-8").replace("vcpu: 16", "vcpu: たくさん"),
        encoding="utf-8",
    )
    result = run("validate", str(small_copy), "--lang", "ja")
    assert result.returncode == 2 and "は整数ではありません" in result.stderr


def test_bad_language_is_a_usage_error(small_dir: Path) -> None:
    result = run("validate", str(small_dir), "--lang", "fr")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_schema_is_json_schema_of_the_inventory() -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "hismigrate inventory"
    assert {"hospital", "segments", "servers", "systems", "connections", "flows", "practices"} <= set(
        schema["properties"]
    )
    server = schema["$defs"]["Server"]
    assert server["additionalProperties"] is False
    assert "description" in server["properties"]["segment"]


def test_graph_command_writes_graphml(small_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "estate.graphml"
    result = run("graph", str(small_dir), "-o", str(out))
    assert result.returncode == 0, result.stderr
    g = nx.read_graphml(out)
    assert sum(1 for _, d in g.nodes(data=True) if d["type"] == "system") == 3


def test_graph_rejects_an_unknown_format_without_writing(small_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "estate.png"
    result = run("graph", str(small_dir), "-o", str(out))
    assert result.returncode == 2 and not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_graph_on_bad_input_writes_nothing(small_copy: Path, tmp_path: Path) -> None:
    (small_copy / "servers.yaml").write_text("servers: [", encoding="utf-8")
    out = tmp_path / "estate.graphml"
    result = run("graph", str(small_copy), "-o", str(out))
    assert result.returncode == 2 and not out.exists()
