"""The build folder and the swap: atomic, and in proportion to what changed.

Beside SITE_DIR lives a spare folder (``.<name>.spare``), the build before the live one. The
state lists the paths where it differs from live (``pending``). A build first brings the spare
level with live (links live's file, or removes it, for each pending path), writes only the
files whose bytes changed (a new file replaces the old by rename; files are never rewritten
in place, since spare and live share unchanged files as hard links), then swaps the two
folders in one step (Linux renameat2 RENAME_EXCHANGE). The old live folder becomes the next
spare. Work is proportional to the changed files, not to the site.

Without a usable spare (first build, state lost, a build killed while writing it) the build
folder starts as hard links of the whole live site. A marker file names a spare being
written; a spare found with the marker is discarded.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

logger = logging.getLogger(__name__)

LEFTOVER_MARKERS = (".tmp-", ".old-")
_RENAME_EXCHANGE = 2


def spare_path(live: Path) -> Path:
    return live.parent / f".{live.name}.spare"


def busy_marker(live: Path) -> Path:
    return live.parent / f".{live.name}.spare.busy"


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def link_tree(src: Path, dst: Path) -> int:
    """Fill ``dst`` with hard links of every file under ``src``; returns how many."""
    n = 0
    for root, dirs, files in os.walk(src):
        rel = os.path.relpath(root, src)
        target = dst if rel == "." else dst / rel
        target.mkdir(exist_ok=True)
        for d in dirs:
            (target / d).mkdir(exist_ok=True)
        for f in files:
            os.link(os.path.join(root, f), target / f)
            n += 1
    return n


def remove_leftovers(live: Path, older_than: float = 3600.0) -> None:
    """Remove temp folders a killed build left beside the site (only old ones)."""
    for path in live.parent.glob(f"{live.name}.*"):
        if path.name.startswith(tuple(live.name + m for m in LEFTOVER_MARKERS)) and path.is_dir() \
                and time.time() - path.stat().st_mtime > older_than:
            logger.warning("run=generate product=-: removing leftover build folder %s", path)
            shutil.rmtree(path, ignore_errors=True)


def _discard(path: Path) -> None:
    if path.exists():
        aside = Path(tempfile.mkdtemp(prefix=f"{path.name.lstrip('.')}.old-", dir=path.parent))
        os.rename(path, aside / "x")
        shutil.rmtree(aside, ignore_errors=True)


def fresh_folder(live: Path) -> Path:
    """A new build folder: hard links of the live site, or empty on a first build."""
    work = Path(tempfile.mkdtemp(prefix=f"{live.name}.tmp-", dir=live.parent))
    work.chmod(0o755)  # mkdtemp makes it private; the web host must read it
    if live.is_dir():
        link_tree(live, work)
    return work


def fresh_spare(live: Path) -> None:
    """A spare equal to live (hard links), for a site that has none yet."""
    spare = spare_path(live)
    _discard(spare)
    work = Path(tempfile.mkdtemp(prefix=f"{live.name}.tmp-", dir=live.parent))
    work.chmod(0o755)
    link_tree(live, work)
    os.rename(work, spare)


def level_spare(live: Path, spare: Path, pending: list[str], in_live: Callable[[str], bool]) -> None:
    """Make the spare equal to live again, path by pending path."""
    busy_marker(live).touch()
    for rel in pending:
        target = spare / rel
        if in_live(rel):
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.link")
            os.link(live / rel, tmp)
            os.replace(tmp, target)
        else:
            try:
                target.unlink()
            except FileNotFoundError:
                pass


def remove(work: Path, rel: str) -> None:
    try:
        (work / rel).unlink()
    except FileNotFoundError:
        pass


def swap_in(work: Path, live: Path) -> None:
    """Make ``work`` the live site; the previous live folder becomes the spare."""
    spare = spare_path(live)
    if not live.exists():
        os.rename(work, live)
        return
    if _exchange(work, live):
        if work != spare:  # a fresh folder now holds the previous build
            _discard(spare)
            os.rename(work, spare)
        return
    # no renameat2 (another OS or filesystem): rename aside, rename in, keep the old one as spare
    old = Path(tempfile.mkdtemp(prefix=f"{live.name}.old-", dir=live.parent))
    old.rmdir()
    os.rename(live, old)
    try:
        os.rename(work, live)
    except OSError:
        os.rename(old, live)
        raise
    _discard(spare)
    os.rename(old, spare)


def done_with_spare(live: Path) -> None:
    try:
        busy_marker(live).unlink()
    except FileNotFoundError:
        pass
