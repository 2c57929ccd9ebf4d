"""The unattended pipeline: generate --if-changed, the metrics file, quick_status's deploy and
backup judgement, the cron installer and the systemd units."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT
from test_status import OFFERS, PRODUCTS, RETAILERS, seed

import monitor
import quick_status
from powertracker import jobstatus, store
from powertracker.db import connect, utcnow


def write_catalog(env: dict[str, str]) -> None:
    products = Path(env["PRODUCTS_DIR"])
    products.mkdir(parents=True, exist_ok=True)
    doc = [{"id": p, "name": p.replace("-", " ").title(), "category": "Power stations",
            "offers": [{"retailer": r, "url": f"http://127.0.0.1/{r}/{p}"} for r in RETAILERS]} for p in PRODUCTS]
    (products / "catalog.json").write_text(json.dumps(doc))
    Path(env["RETAILERS_FILE"]).write_text(json.dumps({r: {"name": r.title()} for r in RETAILERS}))


def generate(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "generate.py"), *args], env=env, cwd="/",
                          capture_output=True, text=True, timeout=60)


def invoke(script: object, env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(script.main, list(args), env=env)  # type: ignore[attr-defined]


def test_generate_if_changed(env: dict[str, str], sqlite_url: str) -> None:
    write_catalog(env)
    seed(sqlite_url, utcnow())
    state = Path(env["DATA_DIR"]) / "generate.state"
    r = generate(env, "--if-changed", "--json")
    assert r.returncode == 0, r.stderr
    first = json.loads(r.stdout)
    assert first["pages"] > 0 and json.loads(state.read_text())["action"] == "built"
    r = generate(env, "--if-changed")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "data unchanged since the last build; skipped\n"
    assert json.loads(state.read_text())["action"] == "skipped"
    assert json.loads(generate(env, "--if-changed", "--json").stdout) == {"skipped": True}
    # a scrape attempt (even a failed one) is new data
    db = connect(sqlite_url)
    store.record_attempt(db, run_id=None, product_id="river-2", retailer="shop-a", url="http://x/",
                         outcome="timeout", attempted_at=utcnow())
    db.close()
    r = generate(env, "--if-changed", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["run_id"] == first["run_id"] + 1
    assert generate(env, "--if-changed").stdout.endswith("skipped\n")
    # a catalog edit is new data too; so is a missing site
    catalog = Path(env["PRODUCTS_DIR"]) / "catalog.json"
    catalog.write_text(catalog.read_text().replace("River 2", "River Two"))
    assert generate(env, "--if-changed").stdout.startswith("generated ")
    shutil.rmtree(env["SITE_DIR"])
    assert generate(env, "--if-changed").stdout.startswith("generated ")
    assert (Path(env["SITE_DIR"]) / "index.html").is_file()
    # the operator sees the skip
    assert generate(env, "--if-changed").stdout.endswith("skipped\n")
    out = invoke(monitor, env).stdout
    assert "generate   skipped  checked " in out and "data unchanged since the last build" in out, out


def test_generate_if_changed_rebuilds_an_old_build(env: dict[str, str], sqlite_url: str) -> None:
    write_catalog(env)
    seed(sqlite_url, utcnow())
    assert generate(env, "--if-changed").returncode == 0
    state = Path(env["DATA_DIR"]) / "generate.state"
    doc = json.loads(state.read_text())
    doc["built_at"] = jobstatus.stamp(utcnow() - timedelta(hours=4))  # older than STALE_HOURS
    state.write_text(json.dumps(doc))
    assert generate(env, "--if-changed").stdout.startswith("generated ")


def test_generate_if_changed_with_the_database_down(env: dict[str, str]) -> None:
    write_catalog(env)
    r = generate(dict(env, DATABASE_URL="mysql://root@127.0.0.1:1/x"), "--if-changed")
    assert r.returncode == 3, r.stderr
    assert r.stderr.startswith("error: cannot open database mysql://root@127.0.0.1:1/x")


def metrics(env: dict[str, str]) -> dict[str, float]:
    text = (Path(env["DATA_DIR"]) / "metrics" / "power_tracker.prom").read_text()
    return {line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
            if line and not line.startswith("#")}


def test_metrics_file_after_each_job(env: dict[str, str], db_url: str) -> None:
    env = dict(env, DATABASE_URL=db_url)
    write_catalog(env)
    seed(db_url, utcnow(), failing=3)
    assert generate(env).returncode == 0
    m = metrics(env)
    assert m["power_tracker_database_up"] == 1
    assert (m['power_tracker_offers{state="fresh"}'], m['power_tracker_offers{state="failing"}']) == (10, 3)
    assert m['power_tracker_retailer_attempts{retailer="shop-a",window="24h"}'] == 10
    assert m['power_tracker_retailer_successes{retailer="shop-a",window="7d"}'] == 8
    assert m['power_tracker_table_rows{table="scrape_log"}'] == 20
    assert m['power_tracker_job_last_run_ok{job="generate"}'] == 1
    assert m['power_tracker_job_last_run_ok{job="scrape"}'] == 0  # partial
    assert m["power_tracker_health_state"] == 1
    assert abs(m["power_tracker_metrics_written_timestamp_seconds"] - utcnow().timestamp()) < 60
    assert any(k.startswith("power_tracker_disk_free_bytes{path=") for k in m)
    # the database down: the file still says so, and the job's own exit code is unchanged
    r = generate(dict(env, DATABASE_URL="mysql://root@127.0.0.1:1/x"))
    assert r.returncode == 3, r.stderr
    m = metrics(env)
    assert m["power_tracker_database_up"] == 0 and "power_tracker_offers_total" not in m
    assert not list((Path(env["DATA_DIR"]) / "metrics").glob(".*tmp*"))  # written atomically


def test_metrics_file_setting(env: dict[str, str], sqlite_url: str, tmp_path: Path) -> None:
    write_catalog(env)
    seed(sqlite_url, utcnow())
    target = tmp_path / "textfile" / "pt.prom"
    assert generate(dict(env, METRICS_FILE=str(target))).returncode == 0
    assert "power_tracker_offers_total 10\n" in target.read_text()
    assert target.stat().st_mode & 0o777 == 0o644


def test_quick_status_line_with_deploy_and_backups(env: dict[str, str], sqlite_url: str) -> None:
    write_catalog(env)
    now = utcnow()
    seed(sqlite_url, now)
    assert generate(env).returncode == 0
    env = dict(env, DEPLOY_TARGET="www@host:/srv/")
    r = invoke(quick_status, env)
    assert r.exit_code == 1, r.output
    assert r.stdout == "WARNING - 10/10 offers fresh, site 0 min old, never deployed (never deployed)\n"
    settings_env = {k: v for k, v in env.items()}
    from powertracker.config import load_settings

    settings = load_settings(settings_env, env_file=Path("/nonexistent"))
    jobstatus.record(settings, "deploy", "ok", now=now - timedelta(minutes=5), target="www@host:/srv/",
                     deployed_at=jobstatus.stamp(now - timedelta(minutes=5)))
    r = invoke(quick_status, env)
    assert r.stdout == "OK - 10/10 offers fresh, site 0 min old, deployed 5 min ago\n", r.output
    jobstatus.record(settings, "deploy", "failed", now=now, error="host unreachable",
                     deployed_at=jobstatus.stamp(now - timedelta(minutes=5)))
    r = invoke(quick_status, env, "--json")
    assert r.exit_code == 1, r.output
    doc = json.loads(r.stdout)
    assert doc["line"] == ("WARNING - 10/10 offers fresh, site 0 min old, deployed 5 min ago"
                           " (last deploy failed: host unreachable)")
    assert doc["deployed_at"] == jobstatus.stamp(now - timedelta(minutes=5))
    # backups: none is fine for a young database, an old one warns; so does a failed backup
    env.pop("DEPLOY_TARGET")
    db = connect(sqlite_url)
    db.execute("UPDATE runs SET started_at = :t WHERE id = 1", {"t": now - timedelta(days=3)})
    db.close()
    r = invoke(quick_status, env)
    assert r.stdout == "WARNING - 10/10 offers fresh, site 0 min old (no backup yet)\n", r.output
    backups = Path(env["DATA_DIR"]) / "backups"
    backups.mkdir()
    old = now - timedelta(hours=40)
    (backups / f"tracker-{old:%Y%m%dT%H%M%SZ}.sqlite.gz").write_bytes(b"x")
    r = invoke(quick_status, env)
    assert r.stdout == ("WARNING - 10/10 offers fresh, site 0 min old"
                        " (newest backup 40.0 h old (warning above 36 h))\n"), r.output
    assert invoke(quick_status, dict(env, BACKUP_MAX_AGE_HOURS="48")).exit_code == 0
    jobstatus.record(settings, "backup", "failed", error="backup failed, disk full")
    r = invoke(quick_status, dict(env, BACKUP_MAX_AGE_HOURS="48"))
    assert r.stdout.endswith("(last backup failed: backup failed, disk full)\n"), r.output


def test_install_cron_is_idempotent(tmp_path: Path) -> None:
    tab = tmp_path / "crontab"
    tab.write_text("MAILTO=me@example.org\n5 5 * * * echo mine\n")
    script = ROOT / "scripts" / "install_cron.sh"
    env = dict(os.environ, CRONTAB_FILE=str(tab))
    for _ in range(2):
        r = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=30)
        assert r.returncode == 0, r.stderr
        assert r.stdout == f"installed the Power Tracker block (7 jobs) for {ROOT}\n"
    text = tab.read_text()
    assert text.startswith("MAILTO=me@example.org\n5 5 * * * echo mine\n# >>> power-tracker >>>")
    assert text.count("# >>> power-tracker >>>") == 1 and text.count("python generate.py --if-changed") == 1
    assert f"cd {ROOT} && timeout 50m .venv/bin/python scrape.py" in text
    assert "/home/pi/power-tracker" not in text
    r = subprocess.run([str(script), "--remove"], env=env, capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    assert tab.read_text() == "MAILTO=me@example.org\n5 5 * * * echo mine\n"
    r = subprocess.run([str(script), "--dry-run"], env=env, capture_output=True, text=True, timeout=30)
    assert "# <<< power-tracker <<<" in r.stdout and "power-tracker" not in tab.read_text()
    tab.write_text("# >>> power-tracker >>>\n* * * * * x\n")
    r = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "unmatched" in r.stderr, r.stderr
    r = subprocess.run([str(script), "-h"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and "Example:" in r.stdout


def test_systemd_units(tmp_path: Path) -> None:
    units = sorted((ROOT / "systemd").glob("power-tracker-*"))
    services = {p.stem for p in units if p.suffix == ".service"}
    assert services == {p.stem for p in units if p.suffix == ".timer"}
    assert services == {f"power-tracker-{j}" for j in ("scrape", "generate", "deploy", "backup", "export",
                                                       "cleanup")}
    for unit in units:
        text = unit.read_text().replace("/home/pi/power-tracker", str(ROOT)).replace("=pi\n", "=root\n")
        (tmp_path / unit.name).write_text(text)
        if unit.suffix == ".service":
            command = next(line for line in text.splitlines() if line.startswith("ExecStart=")).split()
            program = command[1] if "python" in command[0] else command[0].removeprefix("ExecStart=")
            assert (ROOT / program).is_file(), command
        else:
            assert "Persistent=true" in text
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed; unit syntax not verified")
    r = subprocess.run(["systemd-analyze", "verify", "--man=no", *sorted(str(p) for p in tmp_path.iterdir())],
                       capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_every_new_script_has_help() -> None:
    for script in ("backup.py", "restore.py", "export_prices.py"):
        r = subprocess.run([sys.executable, str(ROOT / script), "-h"], capture_output=True, text=True,
                           timeout=60, cwd="/")
        assert r.returncode == 0 and "Example:" in r.stdout, script + r.stderr
    assert len(OFFERS) == 10


@pytest.mark.parametrize(("script", "job"), [("backup.py", "backup"), ("export_prices.py", "export"),
                                             ("cleanup_logs.py", "cleanup"), ("generate.py", "generate")])
def test_overlapping_runs_exit_3_at_once(script: str, job: str, env: dict[str, str], sqlite_url: str) -> None:
    from powertracker.lock import job_lock

    write_catalog(env)
    seed(sqlite_url, utcnow())
    with job_lock(Path(env["DATA_DIR"]), job):
        r = subprocess.run([sys.executable, str(ROOT / script)], env=env, cwd="/", capture_output=True,
                           text=True, timeout=60)
    assert r.returncode == 3, r.stdout + r.stderr
    assert f"another {job} run holds" in r.stderr and f"(pid {os.getpid()})" in r.stderr, r.stderr
