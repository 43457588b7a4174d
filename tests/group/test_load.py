"""A group file's mistakes are found at their place (the group file's line or cell, or the member's own file and
line), all of them in one run, and nothing is assessed."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from hismigrate.errors import InventoryError
from hismigrate.load.group_source import load_group, load_members
from hismigrate.model.enums import AllocationKey, SystemCategory

from .conftest import member_data, write_group, write_yaml


def _problems(path: Path) -> list[str]:
    with pytest.raises(InventoryError) as caught:
        load_members(load_group(path))
    return [p.render("en") for p in caught.value.problems]


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_a_valid_group_loads_its_members_in_order(two_members: Path) -> None:
    source = load_group(two_members)
    inventories = load_members(source)
    assert [i.hospital.id for i in inventories] == ["alpha", "beta"]
    assert source.spec.shared.categories == [SystemCategory.emr, SystemCategory.nutrition]
    assert source.spec.shared.allocation == AllocationKey.beds


def test_a_missing_member_is_named_at_its_line(tmp_path: Path) -> None:
    path = write_group(tmp_path, [member_data("alpha", 100), member_data("beta", 300)])
    text = path.read_text(encoding="utf-8").replace("path: beta", "path: gamma")
    path.write_text(text, encoding="utf-8")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path} line {_line_of(path, 'gamma')}:") and "'gamma' not found" in problem


def test_a_mistake_in_a_member_is_named_in_its_own_file(tmp_path: Path) -> None:
    broken = member_data("beta", 300)
    broken["systems"][0]["criticality"] = 9
    path = write_group(tmp_path, [member_data("alpha", 100), broken])
    (problem,) = _problems(path)
    member_file = tmp_path / "beta" / "inventory.yaml"
    assert problem.startswith(f"{member_file} line {_line_of(member_file, 'criticality: 9')}:")


def test_every_member_mistake_is_listed_at_once(tmp_path: Path) -> None:
    first, second = member_data("alpha", 100), member_data("beta", 300)
    first["hospital"]["beds"] = -1
    second["systems"][1]["category"] = "canteen"
    problems = _problems(write_group(tmp_path, [first, second]))
    assert len(problems) == 2 and "alpha" in problems[0] and "beta" in problems[1]


def test_a_mistyped_key_is_found_with_a_suggestion(two_members: Path) -> None:
    text = two_members.read_text(encoding="utf-8").replace("allocation:", "allocaton:")
    two_members.write_text(text, encoding="utf-8")
    problems = _problems(two_members)
    assert any(f"line {_line_of(two_members, 'allocaton')}" in p and "did you mean 'allocation'" in p for p in problems)


def test_a_yaml_syntax_error_names_its_line(two_members: Path) -> None:
    two_members.write_text(two_members.read_text(encoding="utf-8") + "  - [unclosed\n", encoding="utf-8")
    (problem,) = _problems(two_members)
    assert f"{two_members} line" in problem


def test_agreed_shares_must_add_up_to_one(tmp_path: Path) -> None:
    path = write_group(
        tmp_path,
        [member_data("alpha", 100), member_data("beta", 300)],
        {"allocation": "shares"},
        alpha={"share": 0.5},
        beta={"share": 0.4},
    )
    (problem,) = _problems(path)
    assert f"line {_line_of(path, 'allocation:')}" in problem and "add up to 0.9" in problem


def test_two_members_with_one_hospital_id(tmp_path: Path) -> None:
    twin = member_data("alpha", 300)
    path = write_group(tmp_path, [member_data("alpha", 100)], {})
    write_yaml(tmp_path / "copy" / "inventory.yaml", twin)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["members"].append({"path": "copy"})
    write_yaml(path, data)
    (problem,) = _problems(path)
    assert f"line {_line_of(path, 'path: copy')}" in problem and "'alpha'" in problem


def test_allocation_by_users_needs_every_members_users(tmp_path: Path) -> None:
    path = write_group(
        tmp_path, [member_data("alpha", 100), member_data("beta", 300, emr_users=None)], {"allocation": "利用者数割"}
    )
    (problem,) = _problems(path)
    assert f"line {_line_of(path, 'path: beta')}" in problem and "users" in problem


def test_a_workbook_group_reads_as_the_yaml_one(two_members: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "グループ"
    for row in (
        ["項目", "値"],
        ["グループID", "test-group"],
        ["グループ名", "テストグループ"],
        ["共同利用する分類", "電子カルテ、栄養"],
        ["負担の按分", "病床数割"],
        ["期間あたりの切替数", 2],
        ["期間(月)", 6],
        ["共同基盤の構築費(円)", "10,000,000"],
        ["運用要員(人)", 1],
        ["セキュリティ監視(円/年)", 1200000],
    ):
        sheet.append(row)
    members = workbook.create_sheet("参加病院")
    for row in (["パス"], ["alpha"], ["beta"]):
        members.append(row)
    path = two_members.parent / "group.xlsx"
    workbook.save(path)
    from_excel, from_yaml = load_group(path).spec, load_group(two_members).spec
    assert from_excel.shared == from_yaml.shared and from_excel.members == from_yaml.members


def test_a_workbook_mistake_names_sheet_row_and_column(two_members: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "group"
    for row in (["id", "g1"], ["name", "G"], ["categories", "emr"], ["cutovers_per_period", "many"]):
        sheet.append(row)
    members = workbook.create_sheet("members")
    for row in (["path", "share"], ["alpha", None], ["beta", 2]):
        members.append(row)
    path = two_members.parent / "bad.xlsx"
    workbook.save(path)
    with pytest.raises(InventoryError) as caught:
        load_group(path)
    places = sorted(p.location.describe() for p in caught.value.problems)
    assert places == [f"{path} [group] row 4, column B", f"{path} [members] row 3, column B"]


def test_a_number_beyond_its_bounds_is_rejected_at_its_line(two_members: Path) -> None:
    text = two_members.read_text(encoding="utf-8").replace("cutovers_per_period: 2", "cutovers_per_period: 1000")
    two_members.write_text(text, encoding="utf-8")
    (problem,) = _problems(two_members)
    assert f"line {_line_of(two_members, 'cutovers_per_period')}" in problem and "50" in problem
