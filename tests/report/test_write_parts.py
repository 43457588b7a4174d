"""A rendered output is written whole or not at all, from bytes or from consecutive parts (atomic.write_bytes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hismigrate.atomic import write_bytes


@pytest.mark.parametrize(
    "data",
    [b"whole text\n", [b"one ", memoryview(b"xx two yy")[3:6], b"", memoryview(b" three\n")], []],
)
def test_parts_are_written_one_after_the_other(tmp_path: Path, data: bytes | list[bytes | memoryview]) -> None:
    target = tmp_path / "out" / "file.json"
    write_bytes(target, data)
    expected = data if isinstance(data, bytes) else b"".join(bytes(p) for p in data)
    assert target.read_bytes() == expected
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]  # no temporary file left


class _Failing(list):  # type: ignore[type-arg]
    """Parts whose second one cannot be produced."""

    def __iter__(self) -> Iterator[bytes]:
        yield b"new "
        raise RuntimeError("disk full")


def test_a_failing_part_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        write_bytes(target, _Failing())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]
