"""Loading YAML inventories: merging a directory, forgiving spellings, and every mistake with file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hismigrate.errors import InventoryError
from hismigrate.load import load_inventory, yaml_source
from hismigrate.model.enums import ConnectionKind, Founder, HospitalType, Prefecture, SystemCategory, Zone

PACKAGE = Path(__file__).resolve().parents[2] / "hismigrate"


def _problems(paths: list[Path]) -> list[tuple[str, int | None, str, str]]:
    with pytest.raises(InventoryError) as info:
        load_inventory(paths)
    return [(Path(p.location.file).name, p.location.line, p.location.path or "", p.key) for p in info.value.problems]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_directory_merges_into_one_inventory(small_dir: Path) -> None:
    inv = load_inventory([small_dir])
    assert inv.hospital.id == "test-small"
    assert [s.id for s in inv.servers] == ["emr-ap01", "emr-db01", "billing01", "ad01"]
    assert len(inv.segments) == 4 and len(inv.connections) == 2 and len(inv.flows) == 1


def test_japanese_aliases_and_forgiving_values(small_dir: Path) -> None:
    inv = load_inventory([small_dir])
    assert inv.hospital.type is HospitalType.chronic
    assert inv.hospital.prefecture is Prefecture.tokyo
    assert inv.hospital.founder is Founder.medical_corporation
    idx = inv.by_id()
    assert idx.systems["emr"].category is SystemCategory.emr
    assert idx.systems["billing"].category is SystemCategory.billing
    assert idx.systems["billing"].servers == ["billing01"]  # one cell of text becomes a list
    assert idx.connections["vpn-emr-vendor"].kind is ConnectionKind.remote_maintenance
    assert idx.servers["emr-ap01"].purchase_price_jpy == 4_000_000  # thousands separators
    assert idx.segments["emr-lan"].zone is Zone.clinical
    assert inv.practices.security_manager.value == "yes"
    assert inv.practices.cyber_bcp.value == "no"


def test_single_files_can_be_named_one_by_one(small_dir: Path) -> None:
    files = sorted(small_dir.glob("*.yaml"))
    assert load_inventory(files) == load_inventory([small_dir])


def test_wrong_reference_duplicate_and_bad_date_each_named_with_file_and_line(small_copy: Path) -> None:
    servers = small_copy / "servers.yaml"
    _replace(servers, "segment: emr-lan\n    role: database", "segment: emr-lam\n    role: database")
    _replace(servers, "id: billing01", "id: emr-ap01")
    _replace(servers, "last_patched: 2022-01-15", "last_patched: 2022-13-45")
    found = _problems([small_copy])
    assert (
        "servers.yaml",
        _line_of(servers, "segment: emr-lam"),
        "servers[1].segment",
        "unknown_reference_suggest",
    ) in found
    assert ("servers.yaml", _line_of(servers, "2022-13-45"), "servers[0].last_patched", "not_date") in found
    # the duplicate id points at its own line, the second "- id: emr-ap01", not the first
    lines = servers.read_text(encoding="utf-8").splitlines()
    second = [n for n, line in enumerate(lines, start=1) if line.strip() == "- id: emr-ap01"][1]
    assert ("servers.yaml", second, "servers[2].id", "duplicate_id") in found
    # the system that used the renamed server now points at a missing one
    assert any(key.startswith("unknown_reference") and path == "systems[2].servers" for _, _, path, key in found)


def test_suggestion_for_a_mistyped_reference(small_copy: Path) -> None:
    _replace(
        small_copy / "servers.yaml", "segment: emr-lan\n    role: database", "segment: emr-lam\n    role: database"
    )
    with pytest.raises(InventoryError) as info:
        load_inventory([small_copy])
    (problem,) = info.value.problems
    assert "did you mean 'emr-lan'" in problem.render("en")
    assert "emr-lan" in problem.render("ja")


def test_unknown_key_suggests_the_field(small_copy: Path) -> None:
    _replace(small_copy / "servers.yaml", "memory_gb: 64", "memroy_gb: 64")
    found = _problems([small_copy])
    assert found == [
        (
            "servers.yaml",
            _line_of(small_copy / "servers.yaml", "memroy_gb"),
            "servers[1].memroy_gb",
            "unknown_key_suggest",
        )
    ]


def test_bad_enum_and_missing_required_value(small_copy: Path) -> None:
    _replace(small_copy / "network.yaml", "zone: dmz", "zone: demilitarised")
    _replace(
        small_copy / "servers.yaml", "    criticality: 1\n    depends_on: [identity]", "    depends_on: [identity]"
    )
    found = _problems([small_copy])
    keys = {(f, p, k) for f, _, p, k in found}
    assert ("network.yaml", "segments[3].zone", "enum") in keys
    assert ("servers.yaml", "systems[1].criticality", "missing") in keys


def test_yaml_syntax_error_names_the_line(small_copy: Path) -> None:
    path = small_copy / "servers.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - id: [unclosed\n", encoding="utf-8")
    (found,) = _problems([small_copy])
    assert found[0] == "servers.yaml" and found[3] == "yaml_syntax" and found[1] is not None


# PyYAML's constructors fail on these with ValueError, IndexError (an empty !!int or !!float), KeyError (!!bool),
# AttributeError (!!timestamp): each must be the user's mistake at its line, never a traceback.
@pytest.mark.parametrize(
    "value",
    [
        '!!int "12a"',
        '!!float "many"',
        "!!int 99999999999999999999e",
        '!!int ""',
        '!!int "-"',
        '!!int "_"',
        '!!float ""',
        '!!bool ""',
        '!!bool "maybe"',
        '!!timestamp ""',
        '!!timestamp "soon"',
    ],
)
def test_a_value_its_tag_cannot_make_names_the_line(tmp_path: Path, value: str) -> None:
    path = tmp_path / "servers.yaml"
    path.write_text(f"servers:\n  - id: a\n    hostname: A\n    vcpu: {value}\n", encoding="utf-8")
    with pytest.raises(InventoryError) as caught:
        load_inventory([path])
    (problem,) = caught.value.problems
    assert problem.key == "yaml_tag_value"
    assert problem.location.file == str(path) and problem.location.line == 4
    tag = value.split()[0]
    assert tag in problem.message("en") and tag in problem.message("ja")


def test_a_key_given_twice_in_an_item_is_an_error_at_its_second_line(small_copy: Path) -> None:
    # PyYAML keeps the last of two equal keys and drops the first without a word: the second `os:` would decide
    path = small_copy / "servers.yaml"
    _replace(
        path, "  - id: emr-ap01\n", "  - id: emr-ap01\n    os: Windows Server 2012 R2\n    os: Windows Server 2022\n"
    )
    second = _line_of(path, "os: Windows Server 2022")
    with pytest.raises(InventoryError) as caught:
        load_inventory([small_copy])
    (problem,) = caught.value.problems
    assert (Path(problem.location.file).name, problem.location.line, problem.key) == (
        "servers.yaml",
        second,
        "yaml_duplicate_key",
    )
    assert problem.message("en") == f"'os' is given twice (first on line {second - 1}); keep one of them"
    assert f"{second - 1} 行目" in problem.message("ja")


def test_a_part_given_twice_in_one_file_is_an_error(tmp_path: Path) -> None:
    # a second `servers:` would silently replace every server of the first
    path = tmp_path / "servers.yaml"
    path.write_text("servers:\n  - id: a\n# later\nservers:\n  - id: b\n", encoding="utf-8")
    assert _problems([path]) == [("servers.yaml", 4, "", "yaml_duplicate_key")]


@pytest.mark.parametrize(
    ("text", "line"),
    [("a:\n  yes: 1\n  true: 2\n", 3), ("a:\n  1: x\n  0x1: y\n", 3), ('"a": 1\na: 2\n', 2)],
    ids=["yes and true", "1 and 0x1", "quoted and plain"],
)
def test_keys_are_equal_by_value_not_by_spelling(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert [(n, at, k) for n, at, _, k in _problems([path])] == [("x.yaml", line, "yaml_duplicate_key")]


def test_a_merge_may_be_overridden(tmp_path: Path) -> None:
    # `<<:` brings keys in to be overridden: that is not a key given twice
    path = tmp_path / "x.yaml"
    path.write_text("base: &b {os: old, vcpu: 2}\nitem:\n  <<: *b\n  os: new\n", encoding="utf-8")
    assert yaml_source.parse_yaml(path.read_text(encoding="utf-8"))["item"] == {"os": "new", "vcpu": 2}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.yaml")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_shipped_yaml_has_no_key_twice(path: Path) -> None:
    # the catalogs and data files are read with the stock loader, which would keep the last of two equal keys
    yaml_source.parse_yaml(path.read_text(encoding="utf-8"))


def test_hospital_given_twice_is_an_error(small_copy: Path) -> None:
    (small_copy / "extra.yaml").write_text("hospital:\n  id: other\n", encoding="utf-8")
    found = _problems([small_copy])
    (twice,) = [(f, line) for f, line, _, k in found if k == "part_twice"]
    assert twice == ("hospital.yaml", 2)  # files merge in name order: extra.yaml came first


def test_not_utf8_missing_file_and_empty_directory(tmp_path: Path) -> None:
    bad = tmp_path / "sjis.yaml"
    bad.write_bytes("hospital:\n  name: テスト\n".encode("shift_jis"))
    assert _problems([bad])[0][3] == "not_utf8"
    assert _problems([tmp_path / "nowhere.yaml"])[0][3] == "file_not_found"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _problems([empty])[0][3] == "empty_directory"


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    assert ("list.yaml", 1, "", "not_inventory_mapping") in _problems([path])


def test_dates_in_many_spellings(small_copy: Path) -> None:
    _replace(small_copy / "servers.yaml", "last_patched: 2022-01-15", "last_patched: 令和4年1月15日")
    _replace(small_copy / "servers.yaml", "backup_restore_tested: 2025-10-01", "backup_restore_tested: R7.10.1")
    inv = load_inventory([small_copy])
    idx = inv.by_id()
    assert idx.servers["emr-ap01"].last_patched == date(2022, 1, 15)
    assert idx.servers["emr-db01"].backup_restore_tested == date(2025, 10, 1)


def test_items_of_one_part_spread_over_files_are_placed_in_their_own_file(small_copy: Path) -> None:
    servers = small_copy / "servers.yaml"
    text = servers.read_text(encoding="utf-8")
    (small_copy / "a-more.yaml").write_text(
        "servers:\n- id: extra1\n  hostname: X1\n  segment: emr-lan\n", encoding="utf-8"
    )
    (small_copy / "b-none.yaml").write_text("servers: []\n", encoding="utf-8")
    (small_copy / "c-more.yaml").write_text(
        "servers:\n- id: extra2\n  hostname: X2\n  segment: emr-lan\n"
        "- id: extra3\n  hostname: X3\n  segment: emr-lam\n  vcpu: many\n",
        encoding="utf-8",
    )
    found = _problems([small_copy])
    assert ("c-more.yaml", 7, "servers[1].segment", "unknown_reference_suggest") in found
    assert ("c-more.yaml", 8, "servers[1].vcpu", "not_integer") in found
    # servers.yaml sorts after the three files, so its items come fourth onwards; each keeps its index in its file
    _replace(servers, "last_patched: 2022-01-15", "last_patched: 2022-13-45")
    assert text != servers.read_text(encoding="utf-8")
    found = _problems([small_copy])
    assert ("servers.yaml", _line_of(servers, "2022-13-45"), "servers[0].last_patched", "not_date") in found
