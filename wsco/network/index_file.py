"""Where the matching index lives: one file, shared by the task worker and the web workers.

The engine's index is written to `settings.NETWORK_INDEX_PATH` (under `VAR_DIR`) by the
`network_rebuild` command and by the task that refreshes one member's vector. Writes go to a
temporary file that replaces the old one in one `os.replace`, so a reader never sees half a file,
and they hold an exclusive lock on a neighbouring `.lock` file, so that two tasks updating
different members cannot lose each other's change. Each process keeps the index it loaded and
loads it again when the file's identity (inode and modification time) changes.

Pages never need the index: a member's suggestions are stored as rows (`Suggestion`), which the
task writes after each change and the command writes for everybody. Only "who should work on
this?" (`suggest_people_for`), asked by other apps about a project or an audit, searches the index
at request time, reading it from this file.
"""

import fcntl
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from wsco.network.matching import MatchingIndex, load_index, save_index

_lock = threading.Lock()
_loaded: dict[str, tuple[tuple[int, int], MatchingIndex]] = {}


def index_path() -> Path:
    """Return the path of the index file."""
    return Path(settings.NETWORK_INDEX_PATH)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_mtime_ns


def current_index() -> MatchingIndex | None:
    """Return the index as last written, or None when none has been built yet."""
    path = index_path()
    identity = _identity(path)
    if identity is None:
        return None
    with _lock:
        cached = _loaded.get(str(path))
        if cached and cached[0] == identity:
            return cached[1]
        index = load_index(path)
        _loaded[str(path)] = (identity, index)
        return index


def write_index(index: MatchingIndex) -> None:
    """Replace the index file with `index`, atomically."""
    path = index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".npz")
    os.close(descriptor)
    try:
        save_index(index, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    with _lock:
        _loaded[str(path)] = (_identity(path), index)


def delete_index() -> None:
    """Remove the index file (no member takes part in recommendations)."""
    path = index_path()
    path.unlink(missing_ok=True)
    with _lock:
        _loaded.pop(str(path), None)


@contextmanager
def exclusive() -> Iterator[None]:
    """Hold the index's write lock (across processes) for a read-modify-write."""
    path = index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
