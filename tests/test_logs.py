"""powertracker.logs: the six files, their routing, modes and rotation, and the stdin logger."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from powertracker.config import Settings
from powertracker.logs import LOG_FILES, MB, PrivateRotatingFileHandler, configure_logging, log_path


def _detach() -> None:
    names = [""] + [n for spec in LOG_FILES.values() for n in spec[3]]
    for name in names:
        lg = logging.getLogger(name)
        for handler in list(lg.handlers):
            if getattr(handler, "_powertracker", False):
                lg.removeHandler(handler)
                handler.close()


@pytest.fixture
def configured(settings: Settings) -> Iterator[Path]:
    level = logging.getLogger().level
    configure_logging(settings, stderr=False)
    yield settings.log_dir
    _detach()
    logging.getLogger().setLevel(level)


def read(log_dir: Path, name: str) -> str:
    for handler in logging.getLogger().handlers + logging.getLogger("powertracker").handlers:
        handler.flush()
    return (log_dir / name).read_text()


def test_specs_match_the_design() -> None:
    assert {k: v[:3] for k, v in LOG_FILES.items()} == {
        "power_tracker": ("power_tracker.log", 10 * MB, 5),
        "scraping": ("scraping.log", 10 * MB, 10),
        "site_generation": ("site_generation.log", 5 * MB, 3),
        "deployment": ("deployment.log", 5 * MB, 3),
        "errors": ("errors.log", 5 * MB, 5),
        "daily_summary": ("daily_summary.log", 0, 30),
    }


def test_routing_to_the_right_files(configured: Path) -> None:
    logging.getLogger("powertracker.scrape").info("run=1 product=river-2 fetched")
    logging.getLogger("powertracker.site").info("built 12 pages")
    logging.getLogger("powertracker.deploy").warning("slow upload")
    logging.getLogger("powertracker.store").error("run=1 product=delta-2 failed")
    logging.getLogger("powertracker.scrape").debug("parse detail")  # below INFO
    logging.getLogger("somelib").error("third-party failure")
    scraping = read(configured, "scraping.log")
    assert "INFO powertracker.scrape: run=1 product=river-2 fetched" in scraping
    assert "built 12 pages" not in scraping and "parse detail" not in scraping
    assert "INFO powertracker.site: built 12 pages" in read(configured, "site_generation.log")
    assert "WARNING powertracker.deploy: slow upload" in read(configured, "deployment.log")
    main = read(configured, "power_tracker.log")
    for text in ("river-2 fetched", "built 12 pages", "slow upload", "delta-2 failed"):
        assert text in main
    assert "third-party failure" not in main
    errors = read(configured, "errors.log").splitlines()
    assert [line.split(" ", 2)[2] for line in errors] == [
        "ERROR powertracker.store: run=1 product=delta-2 failed", "ERROR somelib: third-party failure"]


def test_files_are_private(configured: Path) -> None:
    logging.getLogger("powertracker").info("hello")
    for name in ("power_tracker.log", "scraping.log", "site_generation.log", "deployment.log", "errors.log"):
        assert (configured / name).stat().st_mode & 0o777 == 0o640, name


def test_reconfiguring_does_not_duplicate_lines(settings: Settings, configured: Path) -> None:
    configure_logging(settings, stderr=False)
    logging.getLogger("powertracker.scrape").info("once")
    assert read(configured, "scraping.log").count("once") == 1
    assert read(configured, "power_tracker.log").count("once") == 1


def test_a_log_rotates_at_its_size(tmp_path: Path) -> None:
    handler = PrivateRotatingFileHandler(tmp_path / "scraping.log", maxBytes=400, backupCount=2, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    for i in range(40):
        handler.handle(logging.LogRecord("powertracker.scrape", logging.INFO, "", 0, f"{i:03d} " + "x" * 45,
                                         None, None))
    handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["scraping.log", "scraping.log.1", "scraping.log.2"]
    for p in tmp_path.iterdir():
        assert p.stat().st_size <= 400, p.name
        assert p.stat().st_mode & 0o777 == 0o640, p.name
    assert (tmp_path / "scraping.log").read_text().splitlines()[-1].startswith("039 ")
    assert (tmp_path / "scraping.log.1").read_text().splitlines()[-1].startswith("034 ")  # 7 lines a file
    assert (tmp_path / "scraping.log.2").read_text().splitlines()[0].startswith("021 ")  # older ones dropped


def test_log_path(settings: Settings) -> None:
    assert log_path(settings, "scraping") == settings.log_dir / "scraping.log"
    assert log_path(settings, "errors.log") == settings.log_dir / "errors.log"
    with pytest.raises(KeyError, match="unknown log 'nope'"):
        log_path(settings, "nope")


def _stdin_logger(env: dict[str, str], name: str, text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "powertracker.logs", name], input=text, env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=30)


def test_stdin_logger_appends(env: dict[str, str], settings: Settings) -> None:
    r = _stdin_logger(env, "deployment", "deploy start\n\nerror: host unreachable\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "deploy start\nerror: host unreachable\n"
    r = _stdin_logger(env, "deployment.log", "deploy ok\n")
    assert r.returncode == 0, r.stderr
    lines = (settings.log_dir / "deployment.log").read_text().splitlines()
    assert [line.split(" ", 2)[2] for line in lines] == [
        "INFO powertracker.deployment: deploy start",
        "ERROR powertracker.deployment: error: host unreachable",
        "INFO powertracker.deployment: deploy ok",
    ]
    assert "error: host unreachable" in (settings.log_dir / "errors.log").read_text()
    assert (settings.log_dir / "deployment.log").stat().st_mode & 0o777 == 0o640


def test_stdin_logger_rejects_unknown_names(env: dict[str, str]) -> None:
    r = _stdin_logger(env, "nonsense", "x\n")
    assert r.returncode == 2
    assert r.stderr.startswith("usage: python -m powertracker.logs {power_tracker,")


def test_job_records_and_their_history(env: dict[str, str], settings: Settings) -> None:
    from datetime import UTC, datetime, timedelta

    from powertracker import jobstatus

    t0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    jobstatus.record(settings, "backup", "ok", now=t0 - timedelta(days=61), size_bytes=10)
    jobstatus.record(settings, "backup", "failed", now=t0, error="disk full")
    last = jobstatus.last(settings, "backup")
    assert last is not None and (last["status"], last["finished_at"], last["error"]) == ("failed", t0, "disk full")
    assert [d["status"] for d in jobstatus.history(settings, "backup")] == ["ok", "failed"]
    assert jobstatus.trim_history(settings, t0, dry_run=True) == 1
    assert jobstatus.trim_history(settings, t0) == 1
    assert [d["status"] for d in jobstatus.history(settings)] == ["failed"]
    r = subprocess.run([sys.executable, "-m", "powertracker.jobstatus", "record", "deploy", "ok", "files=3",
                        "target=www@host:/a=b/"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    doc = jobstatus.last(settings, "deploy")
    assert doc is not None and (doc["files"], doc["target"]) == (3, "www@host:/a=b/")
    r = subprocess.run([sys.executable, "-m", "powertracker.jobstatus", "record", "deploy"], env=env, cwd=ROOT,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and r.stderr.startswith("usage:"), r.stderr
