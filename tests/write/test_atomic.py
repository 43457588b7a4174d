"""Every output goes through hismigrate.atomic: all or nothing, never through a device or a pipe, every failure a
clear exit 2 naming the path and the reason, and no temporary file left behind by an earlier, killed run."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from hismigrate import atomic
from hismigrate.atomic import write_bytes, write_files
from hismigrate.errors import OutputError
from tests.conftest import as_from_a_terminal

ENV = {"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en", "COLUMNS": "200"}
REPO = Path(__file__).resolve().parents[2]


def run(*args: str, user: int | None = None, lang: str = "en") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "hismigrate", *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        env={**ENV, "HISMIGRATE_LANG": lang, "PYTHONPATH": str(REPO)},
    )


# --- the module itself ------------------------------------------------------------------------------------------


def test_a_write_replaces_the_target_whole(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "report.json"
    write_bytes(target, b"new")
    write_bytes(target, iter([b"new", memoryview(b"er")]))
    assert target.read_bytes() == b"newer"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")

    def parts() -> Iterator[bytes]:
        yield b"half"
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError) as caught:
        write_bytes(target, parts())
    assert caught.value.reason == "ENOSPC"
    assert caught.value.render("en") == f"cannot write {target}: the disk is full"
    assert caught.value.render("ja") == f"{target} に書き込めません: ディスクの空き容量がありません"
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_several_files_are_replaced_all_or_none(tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.json"
    first.write_bytes(b"old a")

    def broken() -> Iterator[bytes]:
        yield b"x"
        raise OSError(errno.EDQUOT, "Disk quota exceeded")

    with pytest.raises(OutputError):
        write_files([(first, b"new a"), (second, broken())])
    assert first.read_bytes() == b"old a" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]
    write_files([(first, b"new a"), (second, b"new b")])
    assert (first.read_bytes(), second.read_bytes()) == (b"new a", b"new b")


@pytest.mark.parametrize("kind", ["device", "pipe", "folder", "dangling link", "link to a device"])
def test_a_target_that_is_not_a_regular_file_is_never_replaced(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out.json"
    if kind == "device":
        target = Path("/dev/null")
    elif kind == "pipe":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "dangling link":
        target.symlink_to(tmp_path / "nowhere.json")
    else:
        target.symlink_to("/dev/null")
    before = os.lstat(target)
    with pytest.raises(OutputError) as caught:
        write_bytes(target, b"data")
    assert caught.value.reason == "not_regular"
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_a_link_to_a_regular_file_writes_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "2026" / "report.json"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    write_bytes(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_stale_temporary_file_is_removed_and_a_live_one_kept(tmp_path: Path) -> None:
    target = tmp_path / "assessment.json"
    stale = tmp_path / ".assessment.json.k1ll3d.tmp"  # a killed run's: nobody holds its lock
    stale.write_bytes(b"")
    live = tmp_path / ".assessment.json.busy.tmp"  # another run's, still being written
    live.write_bytes(b"")
    other = tmp_path / ".report.html.x.tmp"  # another target's: removed when that target is written
    other.write_bytes(b"")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import fcntl, os, time; fd = os.open({str(live)!r}, os.O_RDWR); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        write_bytes(target, b"{}")
    finally:
        holder.kill()
        holder.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, other.name, "assessment.json"]


def test_a_stale_scratch_folder_is_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    stale = tmp_path / "hismigrate-json-k1ll3d"
    stale.mkdir()
    (stale / ".lock").write_bytes(b"")
    (stale / "0.json").write_bytes(b"x" * 100)
    unrelated = tmp_path / "hismigrate-json-no-lock"  # not made by scratch_dir: left alone
    unrelated.mkdir()
    with atomic.scratch_dir("json-") as scratch:
        assert scratch.is_dir() and not stale.exists()
    assert not scratch.exists() and unrelated.exists()


def test_an_interrupt_while_writing_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")
    code = f"""
        import time
        from pathlib import Path
        from hismigrate.cli.interrupt import install
        from hismigrate.atomic import write_bytes
        install()
        def parts():
            yield b"partial"
            print("writing", flush=True)
            time.sleep(30)
            yield b"never"
        write_bytes(Path({str(target)!r}), parts())
    """
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**ENV, "PYTHONPATH": str(REPO)},
        preexec_fn=as_from_a_terminal,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "writing"
    assert len(list(tmp_path.glob(".report.json.*.tmp"))) == 1
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130 and len(stderr.splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"] and target.read_bytes() == b"old"


# --- as a user meets it: every write failure is exit 2 with the path and the reason -----------------------------


def test_output_under_a_regular_file(tmp_path: Path, small_dir: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for args, path in (
        (
            ["assess", str(small_dir), "-o", str(blocker / "out"), "--format", "json"],
            blocker / "out" / "assessment.json",
        ),
        (["convert", str(small_dir), "-o", str(blocker / "x.yaml")], blocker / "x.yaml"),
        (["graph", str(small_dir), "-o", str(blocker / "g.json")], blocker / "g.json"),
        (["export", "aws-migration-hub", str(small_dir), "-o", str(blocker / "e.csv")], blocker / "e.csv"),
        (["schema", "-o", str(blocker / "s.json")], blocker / "s.json"),
        (["template", str(blocker / "t.xlsx"), "--lang", "en"], blocker / "t.xlsx"),
    ):
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.strip() == f"✗ cannot write {path}: a part of the path is a file, not a folder"


@pytest.mark.parametrize("command", ["convert", "graph", "export"])
def test_a_device_given_as_output_is_left_alone(tmp_path: Path, small_dir: Path, command: str) -> None:
    suffix = {"convert": ".yaml", "graph": ".json", "export": ".csv"}[command]
    device = tmp_path / f"null{suffix}"
    device.symlink_to("/dev/null")  # /dev/null under a name with the suffix each command asks for
    args = {
        "convert": ["convert", str(small_dir), "-o", str(device)],
        "graph": ["graph", str(small_dir), "-o", str(device)],
        "export": ["export", "azure-migrate", str(small_dir), "-o", str(device)],
    }[command]
    result = run(*args)
    assert result.returncode == 2 and "is not a regular file" in result.stderr and "Traceback" not in result.stderr
    assert Path("/dev/null").is_char_device() and device.is_symlink()


def test_a_read_only_folder(tmp_path: Path, small_dir: Path) -> None:
    base = tmp_path
    user = None
    if os.geteuid() == 0:  # root may write anywhere: run as nobody, who may read the inventory but not write here
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv")
        user = 65534
        # pytest keeps its folders private to root (and resets them when another session starts): one of our own
        base = Path(tempfile.mkdtemp(prefix="hismigrate-read-only-"))
        os.chmod(base, 0o755)
    try:
        folder, inventory = base / "ro", base / "inventory"
        folder.mkdir()
        shutil.copytree(small_dir, inventory)
        for path in (inventory, *inventory.rglob("*")):
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        os.chmod(folder, 0o555)
        result = run("assess", str(inventory), "-o", str(folder / "out"), "--format", "json", user=user, lang="ja")
        assert result.returncode == 2, result.stderr
        assert (
            result.stderr.strip()
            == f"✗ {folder / 'out' / 'assessment.json'} に書き込めません: 書き込む権限がありません"
        )
        assert list(folder.iterdir()) == []
    finally:
        if base != tmp_path:
            shutil.rmtree(base, ignore_errors=True)


def test_a_full_disk(tmp_path: Path, small_dir: Path) -> None:
    """A real full file system: a 64 KiB tmpfs in a mount namespace of the run's own (skipped where one cannot be
    made)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    out = disk / "out"
    command = (
        f"mount -t tmpfs -o size=64k tmpfs {disk} && {sys.executable} -m hismigrate assess {small_dir} -o {out} "
        f"--as-of 2026-12-01; code=$?; ls -A {out} 2>/dev/null; exit $code"
    )
    probe = (
        subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False) if shutil.which("unshare") else None
    )
    if probe is None or probe.returncode != 0:
        pytest.skip("no mount namespace here")
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", command],
        capture_output=True,
        text=True,
        check=False,
        env={**ENV, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 2, result.stderr
    # whichever file first finds the disk full (the JSON is written first, and fits since it is compact)
    names = ("assessment.json", "report.html", "report.md", "report.xlsx")
    assert result.stderr.strip() in {f"✗ cannot write {out / name}: the disk is full" for name in names}
    assert result.stdout.strip() == ""  # nothing in the folder: no report, no temporary file


def test_a_file_size_limit_is_a_clear_error(tmp_path: Path, small_dir: Path) -> None:
    """RLIMIT_FSIZE: the kernel refuses to grow a file past it (EFBIG), as a quota or a small file system would."""
    import resource

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "hismigrate", "assess", str(small_dir), "-o", str(out), "--as-of", "2026-12-01"],
        capture_output=True,
        text=True,
        check=False,
        env={**ENV, "PYTHONPATH": str(REPO)},
        preexec_fn=limit,
    )
    assert result.returncode == 2, result.stderr
    assert "cannot write" in result.stderr and "larger than this file system or a limit allows" in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path, small_dir: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    left = out / ".assessment.json.abc123.tmp"  # what SIGKILL leaves: a temporary file nobody holds
    left.write_bytes(b"")
    result = run("assess", str(small_dir), "-o", str(out), "--format", "json", "--as-of", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["assessment.json"]
