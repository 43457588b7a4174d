"""Write outputs all or nothing: to a temporary file beside the target, renamed into place on success.

Every output hismigrate writes goes through here, so that the rules hold everywhere:
- a target that exists and is not a regular file (a device such as /dev/null, a pipe, a folder, a link to one of
  them or to nothing) is never written through or replaced;
- a write that fails (disk full, no permission, a file where a folder should be) is an OutputError naming the
  target and the reason, and leaves the target as it was;
- a temporary file is locked while it is written: one left behind by a run that was killed (SIGKILL, power cut)
  is no longer locked, and the next run that writes beside it removes it;
- the temporary files and scratch folders being written are known (`discard_pending`), so that an interrupted run
  removes them before it ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from hismigrate.errors import OutputError

try:
    import fcntl
except ImportError:  # Windows: no locks; leftovers are removed by age only
    fcntl = None  # type: ignore[assignment]

_PENDING: set[Path] = set()  # temporary files and scratch folders being written by this process
_SWEPT: list[bool] = []  # the temporary directory was swept of killed runs' scratch folders
STALE_AFTER_S = 24 * 3600  # without locks, a leftover is taken as stale after a day
SCRATCH_PREFIX = "hismigrate-"

Data = bytes | Iterable[bytes | memoryview]


def check_target(target: Path) -> Path:
    """The regular file `target` names (itself, or the file a link leads to), to be replaced; OutputError when it
    exists and is not a regular file, or is a link that leads nowhere."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise OutputError.from_os(target, exc) from None
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(target)
        except OSError:
            raise OutputError(str(target), "not_regular") from None
        if stat.S_ISREG(info.st_mode):
            return Path(os.path.realpath(target))  # the file the link names is replaced; the link stays
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(str(target), "not_regular")
    return target


def check_folder(folder: Path) -> None:
    """OutputError when `folder` exists and is not a folder (or a link to one)."""
    if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
        raise OutputError(str(folder), "ENOTDIR")


def _make_folder(folder: Path, target: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where a folder should be
        raise OutputError(str(target), "ENOTDIR") from None
    except OSError as exc:
        raise OutputError.from_os(target, exc) from None


def _lock(fd: int) -> bool:
    """Hold an exclusive lock on an open file; False when another process holds it."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_stale(folder: Path, name: str) -> None:
    """Remove the temporary files (and folders) of `name` that earlier runs left in `folder` (none holds their
    lock)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(f".{name}.") and entry.name.endswith(".tmp")):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            old = time.time() - info.st_mtime > STALE_AFTER_S
            if not (old if fcntl is None else _lock(fd)):
                continue
            if stat.S_ISREG(info.st_mode):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            elif stat.S_ISDIR(info.st_mode):  # a folder write_directory was writing
                shutil.rmtree(entry.path, ignore_errors=True)
        finally:
            os.close(fd)


def _temporary(folder: Path, name: str, target: Path) -> tuple[int, Path]:
    """A new temporary file in `folder`, open and locked (another run's cleaning cannot take it)."""
    for _ in range(5):
        try:
            fd, made = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise OutputError.from_os(target, exc) from None
        _lock(fd)
        try:  # a run cleaning this folder may have taken it between its creation and the lock: make another
            if os.fstat(fd).st_ino == os.lstat(made).st_ino:
                return fd, Path(made)
        except OSError:
            pass
        os.close(fd)
    raise OutputError(str(target), "EAGAIN")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `target`, on error it is removed. An
    OSError while it is written becomes an OutputError naming `target`."""
    with _staged(target) as (tmp, commit):
        yield tmp
        commit()


@contextmanager
def _staged(target: Path) -> Iterator[tuple[Path, Any]]:
    real = check_target(target)
    folder = real.parent
    _make_folder(folder, target)
    remove_stale(folder, real.name)
    if not _SWEPT:  # once a run: scratch folders of killed runs in the temporary directory
        _SWEPT.append(True)
        remove_stale_scratch()
    fd, tmp = _temporary(folder, real.name, target)
    _PENDING.add(tmp)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file

        def commit() -> None:
            check_target(target)  # nothing else took its place meanwhile
            try:
                os.replace(tmp, real)
            except OSError as exc:
                raise OutputError.from_os(target, exc) from None

        try:
            yield tmp, commit
        except OSError as exc:
            raise OutputError.from_os(target, exc) from None
    finally:
        _PENDING.discard(tmp)
        with contextlib.suppress(OSError):
            tmp.unlink()
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write(tmp: Path, data: Data) -> None:
    """`data`, or its consecutive parts, written one after the other as they come (never joined into one copy)."""
    if isinstance(data, bytes):
        tmp.write_bytes(data)
        return
    with tmp.open("wb") as out:
        for part in data:
            out.write(part)


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def write_bytes(target: Path, data: Data) -> None:
    with atomic_path(target) as tmp:
        _write(tmp, data)


def write_files(files: Iterable[tuple[Path, Data]]) -> None:
    """Several files, all or none: each is written to its temporary file, and only when every one is written are
    they renamed into place (a full disk at the third file leaves the first two as they were)."""
    with ExitStack() as stack:
        commits = []
        for target, data in files:
            tmp, commit = stack.enter_context(_staged(target))
            try:
                _write(tmp, data)
            except OSError as exc:
                raise OutputError.from_os(target, exc) from None
            commits.append(commit)
        for commit in commits:
            commit()


@contextmanager
def scratch_dir(prefix: str) -> Iterator[Path]:
    """A private scratch folder in the temporary directory, removed afterwards (also when the run is interrupted);
    folders that killed runs left there are removed first."""
    remove_stale_scratch()
    folder = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{prefix}"))
    fd = os.open(folder / ".lock", os.O_CREAT | os.O_RDWR, 0o600)
    _lock(fd)
    _PENDING.add(folder)
    try:
        yield folder
    finally:
        _PENDING.discard(folder)
        shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)


def remove_stale_scratch() -> None:
    """Remove the scratch folders of runs that were killed (their lock is free)."""
    root = Path(tempfile.gettempdir())
    try:
        entries = [e for e in os.scandir(root) if e.name.startswith(SCRATCH_PREFIX)]
    except OSError:
        return
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False):
            continue
        try:
            fd = os.open(Path(entry.path) / ".lock", os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue  # no lock file: not one of ours, or just being made
        try:
            if (time.time() - os.fstat(fd).st_mtime > STALE_AFTER_S) if fcntl is None else _lock(fd):
                shutil.rmtree(entry.path, ignore_errors=True)
        finally:
            os.close(fd)


def discard_pending() -> None:
    """Remove every temporary file and scratch folder this process is writing (an interrupted run ends)."""
    for path in list(_PENDING):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
    _PENDING.clear()


def write_directory(target: Path, files: dict[str, str]) -> None:
    """A new folder holding `files` (name -> text), all or nothing: written in a temporary folder beside the
    target and renamed into place. The target must not exist, or be an empty folder (renaming onto a folder with
    files in it fails)."""
    check_folder(target)
    _make_folder(target.parent, target)
    remove_stale(target.parent, target.name)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        fd = os.open(tmp, os.O_RDONLY)
    except OSError as exc:
        raise OutputError.from_os(target, exc) from None
    _lock(fd)  # held while it is written: a killed run's folder is free, and the next run removes it
    _PENDING.add(tmp)
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; an inventory is an ordinary folder
        for name, text in files.items():
            (tmp / name).write_bytes(text.encode("utf-8"))
            os.chmod(tmp / name, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError.from_os(target, exc) from None
    finally:
        _PENDING.discard(tmp)
        shutil.rmtree(tmp, ignore_errors=True)
        os.close(fd)


__all__ = [
    "atomic_path",
    "check_folder",
    "check_target",
    "discard_pending",
    "remove_stale",
    "scratch_dir",
    "write_bytes",
    "write_directory",
    "write_files",
    "write_text",
]
