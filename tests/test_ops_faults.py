"""Faults an unattended Pi must survive, with the real generate.py in a subprocess.

- kill -9 at any moment of a build: the live site is always one whole build, the
  next run succeeds and its lock is free;
- a full disk while writing the site (a real small tmpfs): a clear error, exit 3,
  the old site intact;
- the database down at generate time: exit 3, the old site intact.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT
from lxml import html as lhtml
from test_backup_faults import mount_tmpfs, umount
from test_ops_pipeline import write_catalog
from test_status import RETAILERS, seed

from powertracker.db import utcnow


def snapshot(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def generate(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "generate.py"), *args], env=env, cwd="/",
                          capture_output=True, text=True, timeout=120)


def big_catalog(env: dict[str, str], n: int) -> None:
    """``n`` products at the two seeded retailers (only the first five have prices)."""
    write_catalog(env)
    path = Path(env["PRODUCTS_DIR"]) / "catalog.json"
    doc = json.loads(path.read_text())
    for i in range(n - len(doc)):
        doc.append({"id": f"extra-{i:04d}", "name": f"Extra Power Station {i}", "category": f"Group {i % 7}",
                    "offers": [{"retailer": r, "url": f"http://127.0.0.1/{r}/extra-{i}"} for r in RETAILERS]})
    path.write_text(json.dumps(doc))


def whole_build(site: Path) -> bool:
    """True when every page the index links to exists (a complete build)."""
    index = site / "index.html"
    if not index.is_file():
        return False
    links = [a.get("href") for a in lhtml.fromstring(index.read_bytes()).iter("a") if a.get("href")]
    local = [h.split("#")[0] for h in links if h and "://" not in h and not h.startswith(("#", "mailto:"))]
    return all((site / h).exists() for h in local if h)


def test_kill_9_mid_generate_leaves_a_whole_site(env: dict[str, str], sqlite_url: str) -> None:
    seed(sqlite_url, utcnow())
    big_catalog(env, 400)
    site = Path(env["SITE_DIR"])
    r = generate(env)
    assert r.returncode == 0, r.stderr
    assert whole_build(site)
    big_catalog(env, 1000)  # the next build differs: 600 more product pages (incremental builds are quick)
    old = snapshot(site)
    killed_mid_build = 0

    def leftovers() -> set[str]:
        # a fresh build folder (site.tmp-*), or the spare an incremental build writes into, marked busy
        return {p.name for p in site.parent.iterdir()
                if p.name.startswith(site.name + ".tmp-") or p.name == f".{site.name}.spare.busy"}

    for delay in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 1.0, 1.3, 1.6, 2.0):  # builds are quick
        before = leftovers()
        proc = subprocess.Popen([sys.executable, str(ROOT / "generate.py")], env=env, cwd="/",
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
        if proc.poll() is not None:
            break  # the build finished before the kill: later delays teach nothing more
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_mid_build += bool(leftovers() - before)  # it died with its build folder half written
        now = snapshot(site)
        assert now == old or whole_build(site), f"half a site after kill -9 at {delay}s"
        old = now
    assert killed_mid_build >= 1, "no kill landed inside a build; make the catalog bigger"
    before = leftovers()
    r = generate(env)  # the lock died with the process: the next run proceeds
    assert r.returncode == 0, r.stderr
    assert whole_build(site)
    assert len(list(site.rglob("*.html"))) > 450  # the bigger catalog is live
    assert leftovers() <= before  # the run swapped its own build in; the killed runs' folders are never served


def test_disk_full_while_writing_the_site(env: dict[str, str], sqlite_url: str, tmp_path: Path) -> None:
    seed(sqlite_url, utcnow())
    write_catalog(env)
    disk = tmp_path / "www-disk"
    mount_tmpfs(disk, "4m")
    try:
        env = dict(env, SITE_DIR=str(disk / "site"))
        r = generate(env)
        assert r.returncode == 0, r.stderr
        site = disk / "site"
        before = snapshot(site)
        # fill the disk but for a few KB: the next build cannot be written beside the live one
        ballast = disk / "ballast"
        with ballast.open("wb") as fh:
            try:
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
            except OSError:
                pass
        os.truncate(ballast, max(0, ballast.stat().st_size - 8192))
        big_catalog(env, 40)
        r = generate(env)
        assert snapshot(site) == before
        assert sorted(p.name for p in disk.iterdir() if not p.name.startswith(".")) == ["ballast", "site"]
        assert r.returncode == 3, r.stdout + r.stderr  # a clear error, not a traceback
        assert r.stderr.startswith("error: ") and "No space left on device" in r.stderr, r.stderr
        ballast.unlink()
        r = generate(env)
        assert r.returncode == 0, r.stderr
        assert whole_build(site) and snapshot(site) != before
    finally:
        umount(disk)


def test_database_down_at_generate_keeps_the_site(env: dict[str, str], sqlite_url: str) -> None:
    seed(sqlite_url, utcnow())
    write_catalog(env)
    assert generate(env).returncode == 0
    site = Path(env["SITE_DIR"])
    before = snapshot(site)
    for args in ((), ("--if-changed",)):
        r = generate(dict(env, DATABASE_URL="mysql://pt:pw@127.0.0.1:1/prices"), *args)
        assert r.returncode == 3, r.stderr
        assert r.stderr.startswith("error: cannot open database mysql://pt:***@127.0.0.1:1/prices"), r.stderr
        assert snapshot(site) == before
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith("site")) == ["site"]
