"""The build folder and the swap: atomic, and in proportion to what changed.

Beside SITE_DIR lives a spare folder (``.<name>.spare``), the build before the live one. The
state lists the paths where it differs from live (``pending``). A build first brings the spare
level with live (links live's file, or removes it, for each pending path), writes only the
files whose bytes changed (the old one is unlinked and a new one created: files are never
rewritten in place, since spare and live share unchanged files as hard links), then swaps the two
folders in one step (Linux renameat2 RENAME_EXCHANGE). The old live folder becomes the next
spare. Work is proportional to the changed files, not to the site.

Without a usable spare (state lost, a build killed while writing it) the build folder starts
as hard links of the whole live site. A first build starts empty: it creates each file in
place and links it into the future spare as it goes. A marker file names a spare being
written; a spare found with the marker is discarded.

Before the swap the build's files are flushed to disk (``syncfs`` of the site's filesystem) and
after it the parent folder, so a power cut (a Pi's usual end) leaves the old site or the new one,
never a new one with empty files that the next build would trust by their digests.
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..atomic import fsync_dir

logger = logging.getLogger(__name__)

LEFTOVER_MARKERS = (".tmp-", ".old-")
DIGEST_CHARS = 32  # a file's digest: 128 bits of SHA-256, as hex (hardware-accelerated on most CPUs)


def new_hash() -> hashlib._Hash:
    return hashlib.sha256()


def hex_digest(h: hashlib._Hash) -> str:
    """A file's digest, from the hash its bytes went into (``new_hash``)."""
    return h.hexdigest()[:DIGEST_CHARS]


def same_as_live(live: Path, rel: str, d: str, known: str | None, compare_live: bool) -> bool:
    """Whether the live build's file at ``rel`` has the digest ``d``: by its ``known`` digest (the
    state's), else, when the state is lost (``compare_live``), by reading it a block at a time (a big
    file is never whole in memory)."""
    if known is not None or not compare_live:
        return known == d
    try:
        with open(live / rel, "rb") as fh:
            return hex_digest(hashlib.file_digest(fh, new_hash)) == d
    except OSError:
        return False
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


class Writer:
    """Puts files into the build folder ``work``; with ``mirror`` (a first build), also hard links
    each into that folder, the future spare.

    A file there may be a hard link the live site shares: it is unlinked and created anew, never
    written into (the build folder is private until the swap, so a missing file in between does
    no harm). ``fresh``: ``work`` started empty, so there is nothing to unlink.
    """

    def __init__(self, work: Path, fresh: bool, mirror: Path | None = None) -> None:
        self.work, self.fresh, self.mirror = str(work), fresh, None if mirror is None else str(mirror)
        self.chmod: bool | None = None  # whether the umask leaves files other than 0644: learnt from the first

    def _create(self, path: str) -> int:
        """A descriptor of a new, empty file at ``path``."""
        if not self.fresh:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
        try:
            fd = os.open(path, flags, 0o644)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd = os.open(path, flags, 0o644)
        except FileExistsError:  # not in a fresh folder; be safe anyway
            os.unlink(path)
            fd = os.open(path, flags, 0o644)
        if self.chmod is None:
            self.chmod = os.fstat(fd).st_mode & 0o777 != 0o644
        if self.chmod:
            os.fchmod(fd, 0o644)  # whatever the umask: the web host must read it
        return fd

    def _mirror(self, rel: str, path: str) -> None:
        if self.mirror is not None:
            target = os.path.join(self.mirror, rel)
            try:
                os.link(path, target)
            except FileNotFoundError:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(path, target)

    def write(self, rel: str, data: bytes) -> None:
        path = os.path.join(self.work, rel)
        fd = self._create(path)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        except BaseException:
            os.close(fd)
            os.unlink(path)
            raise
        os.close(fd)
        self._mirror(rel, path)

    def write_stream(self, rel: str, chunks: Iterable[bytes], same: Callable[[str], bool]) -> tuple[str, int, bool]:
        """``write`` for a big file made piece by piece, never whole in memory: hashed as it is written
        (to a temp file unless the folder is fresh) and dropped again when ``same(digest)`` says the
        live build has these bytes. (digest, size, written)"""
        path = os.path.join(self.work, rel)
        head, name = os.path.split(path)
        target = path if self.fresh else os.path.join(head, f".{name}.{os.getpid()}.tmp")
        fd = self._create(target)
        h = new_hash()
        size = 0
        try:
            with os.fdopen(fd, "wb", closefd=True) as fh:
                for chunk in chunks:
                    h.update(chunk)
                    fh.write(chunk)
                    size += len(chunk)
        except BaseException:
            os.unlink(target)
            raise
        d = hex_digest(h)
        if target != path:
            if same(d):
                os.unlink(target)
                return d, size, False
            os.replace(target, path)
        self._mirror(rel, path)
        return d, size, True


def link_tree(src: Path | str, dst: Path | str) -> int:
    """Fill ``dst`` with hard links of every file under ``src``; returns how many. Folders are read
    as they are walked, never listed whole (``products/`` holds three files per product)."""
    n = 0
    with os.scandir(src) as entries:
        for entry in entries:
            target = os.path.join(dst, entry.name)
            if entry.is_dir(follow_symlinks=False):
                os.makedirs(target, exist_ok=True)
                n += link_tree(entry.path, target)
            else:
                os.link(entry.path, target)
                n += 1
    return n


def _remove_tree(path: Path | str) -> None:
    """``shutil.rmtree`` without listing a folder whole first; stops at the first error, ignored (the
    callers remove leftovers: the next build tries again)."""
    try:
        _remove(path)
    except OSError:
        pass


def _remove(path: Path | str) -> None:
    while True:  # entries removed while a folder is read may hide others from that read: read again
        with os.scandir(path) as entries:
            found = False
            for entry in entries:
                found = True
                if entry.is_dir(follow_symlinks=False):
                    _remove(entry.path)
                else:
                    os.unlink(entry.path)
        if not found:
            break
    os.rmdir(path)


def remove_leftovers(live: Path, older_than: float = 3600.0) -> None:
    """Remove temp folders a killed build left beside the site (only old ones)."""
    for path in live.parent.glob(f"{live.name}.*"):
        if path.name.startswith(tuple(live.name + m for m in LEFTOVER_MARKERS)) and path.is_dir() \
                and time.time() - path.stat().st_mtime > older_than:
            logger.warning("run=generate product=-: removing leftover build folder %s", path)
            _remove_tree(path)


def _discard(path: Path) -> None:
    if path.exists():
        aside = Path(tempfile.mkdtemp(prefix=f"{path.name.lstrip('.')}.old-", dir=path.parent))
        os.rename(path, aside / "x")
        _remove_tree(aside)


def fresh_folder(live: Path) -> tuple[Path, bool]:
    """A new build folder: hard links of the live site, or empty on a first build (then True)."""
    work = Path(tempfile.mkdtemp(prefix=f"{live.name}.tmp-", dir=live.parent))
    work.chmod(0o755)  # mkdtemp makes it private; the web host must read it
    if live.is_dir():
        link_tree(live, work)
        return work, False
    return work, True


def fresh_mirror(live: Path) -> Path:
    """An empty folder that a first build fills with hard links of each file it writes: the spare to be."""
    mirror = Path(tempfile.mkdtemp(prefix=f"{live.name}.tmp-", dir=live.parent))
    mirror.chmod(0o755)
    return mirror


def adopt_spare(live: Path, mirror: Path) -> None:
    """Make the filled mirror the spare (after the first build's swap)."""
    spare = spare_path(live)
    _discard(spare)
    os.rename(mirror, spare)


def level_spare(live: Path, spare: Path, pending: list[str], in_live: Callable[[str], bool]) -> None:
    """Make the spare equal to live again, path by pending path (marked busy meanwhile: a build
    killed half way leaves a spare the next one does not trust)."""
    busy_marker(live).touch()
    fsync_dir(live.parent)  # the marker is on disk before the spare changes: a power cut cannot hide it
    for rel in pending:
        target = os.path.join(spare, rel)
        try:
            os.unlink(target)
        except FileNotFoundError:
            pass
        if in_live(rel):
            try:
                os.link(os.path.join(live, rel), target)
            except FileNotFoundError:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(os.path.join(live, rel), target)


def remove(work: Path, rel: str) -> None:
    try:
        (work / rel).unlink()
    except FileNotFoundError:
        pass


def _sync_files(folder: Path) -> None:
    """Flush every file written under ``folder`` to disk: syncfs of its filesystem (Linux), else sync.
    A failed flush (a dying SD card) raises: the swap must not go ahead on files that may be lost."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        syncfs = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
        if syncfs is None:
            os.sync()
        elif syncfs(fd) != 0:
            err = ctypes.get_errno()
            if err != errno.ENOSYS:
                raise OSError(err, f"flushing the new site to disk failed: {os.strerror(err)}", str(folder))
            os.sync()
    finally:
        os.close(fd)


def swap_in(work: Path, live: Path) -> None:
    """Make ``work`` the live site, durably; the previous live folder becomes the spare."""
    _sync_files(work)
    _swap(work, live)
    fsync_dir(live.parent)


def _swap(work: Path, live: Path) -> None:
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
