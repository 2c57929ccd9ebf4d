"""Skip work that would change nothing: build only when the data changed, deploy only when the site did.

- ``generate.py --if-changed`` (cron) asks ``run_if_changed``: it builds when
  the *data fingerprint* differs from the one of the last build, when there
  is no site, or when the last build is older than STALE_HOURS (pages mark
  stale offers, which needs a rebuild even without new data). The
  fingerprint is cheap: newest ids, counts and times of ``price_history`` and
  ``scrape_log`` (every scrape run adds attempts, so any scrape changes it),
  the schema version, the catalog files, the templates and STALE_HOURS. It is
  taken *before* the build, so data that arrives during a build triggers the
  next one. The decision goes to ``DATA_DIR/generate.state``.
- deploy.sh asks ``python -m powertracker.pipeline deploy-check``: the
  *site fingerprint* (every path and file content under SITE_DIR) compared
  with the one the last successful deploy to the same target recorded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from . import jobstatus
from .atomic import write_atomically
from .config import Settings
from .db import Database, connect, utcnow

logger = logging.getLogger(__name__)

STATE = "generate.state"
T = TypeVar("T")


def _files(paths: list[Path]) -> list[tuple[str, int, int]]:
    out = []
    for root in paths:
        found = sorted(root.rglob("*")) if root.is_dir() else [root] if root.is_file() else []
        for p in found:
            if p.is_file():
                st = p.stat()
                out.append((str(p), st.st_size, st.st_mtime_ns))
    return out


def data_fingerprint(db: Database, settings: Settings) -> str:
    """A digest of everything a build reads; equal digests build equal sites."""
    figures = [
        db.query("SELECT MAX(id) AS id, COUNT(*) AS n, MAX(last_seen) AS last_seen, SUM(observations) AS obs"
                 " FROM price_history")[0],
        db.query("SELECT MAX(id) AS id, COUNT(*) AS n FROM scrape_log")[0],
        db.query("SELECT MAX(version) AS version FROM schema_migrations")[0],
    ]
    inputs = _files([settings.products_dir, settings.retailers_file, settings.root / "templates"])
    doc = json.dumps([figures, inputs, settings.stale_hours], sort_keys=True, default=str)
    return hashlib.sha256(doc.encode()).hexdigest()


def read_state(settings: Settings) -> dict[str, Any] | None:
    """The last --if-changed decision: fingerprint, built_at, checked_at (datetimes), action."""
    try:
        doc = json.loads((settings.data_dir / STATE).read_text(encoding="utf-8"))
        for key in ("built_at", "checked_at"):
            doc[key] = jobstatus.parse_stamp(doc[key])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return dict(doc)


def _write_state(settings: Settings, fingerprint: str, built_at: datetime, now: datetime, action: str) -> None:
    doc = {"fingerprint": fingerprint, "built_at": jobstatus.stamp(built_at), "checked_at": jobstatus.stamp(now),
           "action": action}
    write_atomically(settings.data_dir / STATE, json.dumps(doc, sort_keys=True).encode() + b"\n")


def run_if_changed(settings: Settings, build: Callable[[Settings], T], now: datetime | None = None) -> T | None:
    """Call ``build(settings)`` unless nothing it reads changed since the last build; None when skipped.

    Call it holding the generate lock. Raises DatabaseError when the database is unreachable.
    """
    now = now or utcnow()
    with connect(settings.database_url) as db:  # as the build itself would: a fresh database gets its schema
        fingerprint = data_fingerprint(db, settings)
    state = read_state(settings)
    fresh_enough = state is not None and state["built_at"] >= now - timedelta(hours=settings.stale_hours)
    if state and state.get("fingerprint") == fingerprint and fresh_enough \
            and (settings.site_dir / "index.html").is_file():
        _write_state(settings, fingerprint, state["built_at"], now, "skipped")
        logger.info("run=- product=-: data unchanged since the build of %s; site not rebuilt",
                    jobstatus.stamp(state["built_at"]))
        return None
    result = build(settings)
    _write_state(settings, fingerprint, now, now, "built")
    return result


def site_fingerprint(site_dir: Path) -> str:
    """A digest of every path and file content under ``site_dir``."""
    digest = hashlib.sha256()
    for path in sorted(site_dir.rglob("*")):
        rel = str(path.relative_to(site_dir)).encode()
        if path.is_file():
            digest.update(b"f\0" + rel + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        elif path.is_dir():
            digest.update(b"d\0" + rel + b"\0")
    return digest.hexdigest()


def deploy_check(settings: Settings) -> tuple[bool, str, str]:
    """(changed, site fingerprint, when the target last got files or '-') for deploy.sh."""
    fingerprint = site_fingerprint(settings.site_dir)
    last = jobstatus.last(settings, "deploy")
    if last is None:
        return True, fingerprint, "-"
    deployed = str(last.get("deployed_at") or (jobstatus.stamp(last["finished_at"])
                                               if last.get("status") == "ok" else "-"))
    same = (last.get("status") in ("ok", "skipped") and last.get("site_fingerprint") == fingerprint
            and last.get("target") == settings.deploy_target)
    return not same, fingerprint, deployed


def main(argv: list[str] | None = None) -> int:
    """``python -m powertracker.pipeline deploy-check``: prints 'changed|unchanged FINGERPRINT DEPLOYED_AT'."""
    from .config import load_settings
    from .errors import ConfigError

    args = sys.argv[1:] if argv is None else argv
    if args != ["deploy-check"]:
        sys.stderr.write("usage: python -m powertracker.pipeline deploy-check\n")
        return 2
    try:
        settings = load_settings()
    except ConfigError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    changed, fingerprint, deployed = deploy_check(settings)
    sys.stdout.write(f"{'changed' if changed else 'unchanged'} {fingerprint} {deployed}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
