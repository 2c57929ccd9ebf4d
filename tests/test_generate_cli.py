"""generate.py as cron runs it: a subprocess, from another working directory."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from lxml import html as lhtml
from sitedata import seed, snapshot, write_catalog

from powertracker.lock import job_lock

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "generate.py"


def run(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_generate_writes_the_site_and_prints_one_line(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    seed(env["DATABASE_URL"])
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    r = run(env, cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("generated 9 pages (25 files written or removed, "), r.stdout
    assert lines[0].endswith(f"for 3 products (3 rendered), 2 priced, in {lines[0].split(' in ')[1].split()[0]} ms"
                             f" -> {tmp_path / 'site'}")
    doc = lhtml.fromstring((tmp_path / "site" / "index.html").read_bytes())
    assert [li.get("data-product") for li in doc.cssselect("li.card")] == ["delta-2", "river-2", "panel-100"]
    log = (tmp_path / "logs" / "site_generation.log").read_text(encoding="utf-8")
    summary = [line for line in log.splitlines() if "files written or removed" in line]
    assert len(summary) == 1 and "built 3 products (3 rendered), 25 files written or removed of 25" in summary[0]
    assert " s wall, " in summary[0] and summary[0].endswith(" MB)") and "peak RSS" in summary[0]
    assert r.stderr == ""  # not a terminal: no progress bar


def test_generate_json(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    seed(env["DATABASE_URL"])
    r = run(env, "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {"pages", "files", "bytes", "changed", "products", "rendered", "priced", "duration_ms",
                         "site_dir", "run_id"}
    assert (data["pages"], data["files"], data["products"], data["priced"], data["rendered"]) == (9, 25, 3, 2, 3)
    assert data["bytes"] == sum(p.stat().st_size for p in (tmp_path / "site").rglob("*") if p.is_file())
    again = json.loads(run(env, "--json", cwd=tmp_path).stdout)
    assert (again["changed"], again["rendered"]) == (0, 0) and again["run_id"] == data["run_id"] + 1
    full = json.loads(run(env, "--json", "--full", cwd=tmp_path).stdout)
    assert (full["changed"], full["rendered"]) == (0, 3)


def test_progress_bar_on_a_terminal(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    seed(env["DATABASE_URL"])
    main, child = pty.openpty()
    try:
        r = subprocess.run([sys.executable, str(SCRIPT)], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                           stderr=child, text=True, timeout=60)
        os.close(child)
        child = -1
        shown = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
        if child >= 0:
            os.close(child)
    assert r.returncode == 0, shown
    assert b"[########################] 3/3  ok 3" in shown, shown
    assert r.stdout.startswith("generated 9 pages")


def test_unreachable_database_exits_3_and_keeps_the_site(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    seed(env["DATABASE_URL"])
    assert run(env, cwd=tmp_path).returncode == 0
    before = snapshot(tmp_path / "site")
    r = run({**env, "DATABASE_URL": "mysql://root@127.0.0.1:1/x"}, cwd=tmp_path)
    assert r.returncode == 3, r.stderr
    assert r.stdout == ""
    assert r.stderr.startswith("error: cannot open database mysql://root@127.0.0.1:1/x")
    assert snapshot(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("site")) == ["site"]


def test_lock_held_exits_3(env: dict[str, str], tmp_path: Path) -> None:
    write_catalog(tmp_path)
    with job_lock(tmp_path / "data", "generate"):
        r = run(env, cwd=tmp_path)
    assert r.returncode == 3, r.stderr
    assert "another generate run holds" in r.stderr
    assert not (tmp_path / "site").exists()


def test_config_errors_exit_2(env: dict[str, str], tmp_path: Path) -> None:
    r = run({**env, "DATABASE_URL": "postgres://x/y"}, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert "DATABASE_URL" in r.stderr and "scheme must be sqlite or mysql" in r.stderr
    r = run(env, cwd=tmp_path)  # no products folder at all
    assert r.returncode == 2, r.stderr
    assert "no valid products" in r.stderr and "products folder does not exist" in r.stderr
    r = run(env, "--no-such-option", cwd=tmp_path)
    assert r.returncode == 2 and "No such option" in r.stderr


def test_help(env: dict[str, str], tmp_path: Path) -> None:
    for flag in ("-h", "--help"):
        r = run(env, flag, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert r.stdout.startswith("Usage: generate.py [OPTIONS]")
        assert "./generate.py --json" in r.stdout and "--verbose" in r.stdout
