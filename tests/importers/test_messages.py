"""What the user is told about an inventory: many problems of one kind as one line with the count and the first
places; warnings (exit 0) for draft items and empty parts; and a draft assessment that says so in its summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from hismigrate.cli.main import app
from hismigrate.errors import Location, Problem
from hismigrate.load import load_inventory
from hismigrate.load.inputs import load_inputs
from hismigrate.load.problem_groups import PER_KIND, group_problems
from hismigrate.model.completeness import inventory_notes
from hismigrate.pipeline import assess
from hismigrate.report.md_writer import report_markdown
from hismigrate.report.sections import build_sections
from tests.conftest import SAMPLES
from tests.importers.conftest import HOSPITAL_YAML

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _servers_yaml(count: int, segment: str) -> str:
    return "servers:\n" + "".join(
        f"  - id: vm{i:04d}\n    hostname: vm{i:04d}\n    segment: {segment}\n    vcpu: 2\n" for i in range(count)
    )


def test_763_servers_naming_a_missing_segment_are_one_message(tmp_path: Path) -> None:
    (tmp_path / "hospital.yaml").write_text(HOSPITAL_YAML, encoding="utf-8")
    text = _servers_yaml(763, "srv").replace(
        "vm0500\n    segment: srv\n    vcpu: 2", "vm0500\n    segment: srv\n    vcpu: four"
    )
    (tmp_path / "servers.yaml").write_text(text, encoding="utf-8")
    code, output = _run("validate", str(tmp_path))
    assert code == 2
    lines = [line for line in output.splitlines() if line.startswith("✗")]
    assert len(lines) == 2, output  # the 763 as one line, and the other mistake on its own
    (grouped,) = [line for line in lines if "srv" in line]
    assert "(763 places)" in grouped and "servers[*].segment" in grouped
    # the first places and the last: server i is at line 2 + 4 i
    assert "lines 4, 8, 12, …, 3,052" in grouped
    assert "764 problem(s)" in output


def test_groups_keep_first_places_and_cap_each_kind() -> None:
    same = [
        Problem(Location("a.xlsx", sheet="servers", row=r, column="D (CPUs)"), "not_number", {"value": "x"})
        for r in range(2, 9)
    ]
    groups = group_problems(same)
    assert len(groups) == 1 and groups[0].render("en").startswith(
        "a.xlsx [servers] rows 2, 3, 4, …, 8, column D (CPUs):"
    )
    varied = [Problem(Location("s.yaml", line=n), "not_number", {"value": str(n)}) for n in range(PER_KIND + 5)]
    groups = group_problems(varied)
    assert len(groups) == PER_KIND + 1 and groups[-1].more and len(groups[-1].problems) == 5
    assert "5 more problem(s) of this kind" in groups[-1].render("en")
    single = Problem(Location("s.yaml", line=3), "missing", {})
    assert group_problems([single])[0].render("en") == single.render("en")


def test_validate_warns_about_empty_parts_with_exit_0(tmp_path: Path) -> None:
    (tmp_path / "hospital.yaml").write_text(HOSPITAL_YAML, encoding="utf-8")
    (tmp_path / "servers.yaml").write_text(_servers_yaml(2, "server-lan"), encoding="utf-8")
    code, output = _run("validate", str(tmp_path))
    assert code == 0, output
    assert "2 warning(s)" in output and "No systems" in output and "No external connection points" in output
    assert "No servers" not in output


def test_a_complete_sample_has_no_warning() -> None:
    code, output = _run("validate", str(SAMPLES[0]))
    assert code == 0 and "warning" not in output


def test_draft_items_are_listed_with_their_reasons(tmp_path: Path) -> None:
    (tmp_path / "hospital.yaml").write_text(
        HOSPITAL_YAML.replace(
            "founder: medical_corporation", "founder: medical_corporation\n  draft: beds unchecked"
        ).replace("zone: clinical}", "zone: clinical, draft: zone guessed}"),
        encoding="utf-8",
    )
    servers = "".join(f"  - {{id: s{i}, hostname: s{i}, segment: server-lan, draft: why {i}}}\n" for i in range(5))
    (tmp_path / "servers.yaml").write_text("servers:\n" + servers, encoding="utf-8")
    code, output = _run("validate", str(tmp_path))
    assert code == 0, output
    assert "the hospital (test-general) is a draft: beds unchecked" in output
    assert "1 segment(s) still marked draft" in output and "server-lan (zone guessed)" in output
    assert "5 server(s) still marked draft" in output and "s0 (why 0); s1 (why 1); s2 (why 2) … (2 more)" in output


def _draft_assessment(tmp_path: Path, with_systems: bool):  # type: ignore[no-untyped-def]
    (tmp_path / "hospital.yaml").write_text(HOSPITAL_YAML, encoding="utf-8")
    text = "servers:\n  - {id: emr01, hostname: emr01, segment: server-lan, vcpu: 4, memory_gb: 16, draft: guessed}\n"
    if with_systems:
        text += "systems:\n  - {id: emr, name: 電子カルテ, category: emr, servers: [emr01], criticality: 1, draft: guessed}\n"
    (tmp_path / "inventory.yaml").write_text(text, encoding="utf-8")
    inventory = load_inventory(tmp_path)
    return inventory, assess(inventory, load_inputs(date(2026, 12, 1), None, None, None))


def test_a_draft_assessment_says_it_is_a_draft_in_its_summary(tmp_path: Path) -> None:
    inventory, assessment = _draft_assessment(tmp_path, with_systems=True)
    assert [n.key for n in assessment.summary.notes] == ["draft_inventory", "no_connections"]
    assert assessment.summary.notes[0].params == {
        "hospital": 0,
        "segments": 0,
        "servers": 1,
        "systems": 1,
        "connections": 0,
    }
    for lang, words in (("en", "rests on a draft inventory"), ("ja", "下書きの台帳に基づいています")):
        summary = build_sections(assessment, inventory, lang)[0]
        assert summary.id == "summary" and summary.parts[0].kind == "notice"  # before any figure
        assert words in summary.parts[0].items[0]  # type: ignore[union-attr]
        markdown = report_markdown(assessment, inventory, lang).decode("utf-8")
        assert markdown.index(words) < markdown.index("NPV" if lang == "en" else "正味現在価値")


def test_an_inventory_without_systems_says_there_is_no_plan(tmp_path: Path) -> None:
    inventory, assessment = _draft_assessment(tmp_path, with_systems=False)
    assert [n.key for n in assessment.summary.notes] == ["draft_inventory", "no_systems", "no_connections"]
    assert assessment.summary.waves == 0
    summary = build_sections(assessment, inventory, "en")[0]
    assert any("no plan and no cost case" in item for item in summary.parts[0].items)  # type: ignore[union-attr]


def test_a_complete_inventory_has_no_notes() -> None:
    assert inventory_notes(load_inventory(SAMPLES[0])) == ()
