"""What each operations job did last: ``DATA_DIR/<job>.status`` plus a history.

Jobs whose runs are not rows in the ``runs`` table (deploy, backup, cleanup,
export) record their outcome here, so monitor.py, quick_status.py, the
metrics file and daily_summary.log can read it even when the database is
down. Each record is one JSON object with at least ``finished_at``
(``YYYY-MM-DDTHH:MM:SSZ``) and ``status`` (ok, skipped, partial, failed).

- ``DATA_DIR/<job>.status``: the job's last record, replaced atomically;
- ``DATA_DIR/jobs.jsonl``: every record of every job, one line each, appended
  (cleanup_logs.py keeps the last ``HISTORY_DAYS`` days).

``python -m powertracker.jobstatus record JOB key=value ...`` is how
deploy.sh records a run (values that look like integers are stored as such).
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from .atomic import write_atomically
from .config import Settings

logger = logging.getLogger(__name__)

JOBS = ("deploy", "backup", "cleanup", "export")
HISTORY = "jobs.jsonl"
HISTORY_DAYS = 60
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def stamp(t: datetime) -> str:
    return t.astimezone(UTC).strftime(TIME_FORMAT)


def parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


def record(settings: Settings, job: str, status: str, now: datetime | None = None,
           **figures: Any) -> dict[str, Any]:
    """Record one run of ``job``; returns the record. Never raises on a full disk: logs instead."""
    doc: dict[str, Any] = {"job": job, "status": status,
                           "finished_at": stamp(now or datetime.now(UTC)), **figures}
    line = json.dumps(doc, sort_keys=True, default=str)
    try:
        write_atomically(settings.data_dir / f"{job}.status", line.encode() + b"\n")
        with open(settings.data_dir / HISTORY, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    except OSError as exc:
        logger.error("cannot record the %s run in %s: %s", job, settings.data_dir, exc)
    return doc


def last(settings: Settings, job: str) -> dict[str, Any] | None:
    """The last record of ``job`` with ``finished_at`` as a datetime, or None."""
    try:
        doc = json.loads((settings.data_dir / f"{job}.status").read_text(encoding="utf-8"))
        doc["finished_at"] = parse_stamp(doc["finished_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return dict(doc)


def history(settings: Settings, job: str | None = None, since: datetime | None = None) -> list[dict[str, Any]]:
    """Records from jobs.jsonl, oldest first (lines that do not parse are skipped)."""
    out = []
    try:
        lines = (settings.data_dir / HISTORY).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    for line in lines:
        try:
            doc = json.loads(line)
            doc["finished_at"] = parse_stamp(doc["finished_at"])
        except (ValueError, KeyError, TypeError):
            continue
        if (job is None or doc.get("job") == job) and (since is None or doc["finished_at"] >= since):
            out.append(doc)
    return out


def trim_history(settings: Settings, now: datetime, dry_run: bool = False) -> int:
    """Drop jobs.jsonl lines older than HISTORY_DAYS; returns how many."""
    path = settings.data_dir / HISTORY
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    first = now - timedelta(days=HISTORY_DAYS)
    kept = []
    for line in lines:
        try:
            if parse_stamp(json.loads(line)["finished_at"]) >= first:
                kept.append(line)
        except (ValueError, KeyError, TypeError):
            continue
    if len(kept) != len(lines) and not dry_run:
        write_atomically(path, "".join(k + "\n" for k in kept).encode())
    return len(lines) - len(kept)


def _value(text: str) -> Any:
    return int(text) if text.lstrip("-").isdigit() else text


def main(argv: list[str] | None = None) -> int:
    """``python -m powertracker.jobstatus record JOB STATUS [key=value ...]`` (for deploy.sh)."""
    from .config import load_settings
    from .errors import ConfigError

    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3 or args[0] != "record" or any("=" not in a for a in args[3:]):
        sys.stderr.write("usage: python -m powertracker.jobstatus record JOB STATUS [key=value ...]\n")
        return 2
    try:
        settings = load_settings()
    except ConfigError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    figures = {k: _value(v) for k, v in (a.split("=", 1) for a in args[3:])}
    record(settings, args[1], args[2], **figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
