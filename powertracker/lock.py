"""One run of a job at a time: an flock on DATA_DIR/<job>.lock.

The kernel drops an flock when its holder dies, so a lock left by a dead
process (power cut, kill -9) is simply taken over by the next run.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import LockHeld


def lock_path(data_dir: Path, job: str) -> Path:
    return data_dir / f"{job}.lock"


@contextmanager
def job_lock(data_dir: Path, job: str) -> Iterator[Path]:
    """Hold the job's lock for the block; raise LockHeld at once if another process has it."""
    path = lock_path(data_dir, job)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            raise LockHeld(f"another {job} run holds {path} (pid {holder}); exiting") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)


def lock_holder(data_dir: Path, job: str) -> int | None:
    """The pid holding the job's lock, or None when it is free."""
    path = lock_path(data_dir, job)
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDWR)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.pread(fd, 64, 0).decode(errors="replace").strip()
            return int(text) if text.isdigit() else -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
