"""Judging and rendering the status (status.py gathers it).

``assess`` turns a Status into a monitoring-plugin state and the one line
quick_status.py prints; ``report_lines`` is monitor.py's full report, styled
with click (click.echo drops the colour when stdout is not a terminal).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import click

from .status import SUCCESS, RetailerRate, Status

OK, WARNING, CRITICAL, UNKNOWN = 0, 1, 2, 3
STATE_NAMES = ("OK", "WARNING", "CRITICAL", "UNKNOWN")
LOW_DISK_SHARE = 0.05  # warn below 5 % free
REPORT_LIMIT = 25  # offers listed per section of the text report; --json has them all


def ago(then: datetime | None, now: datetime) -> str:
    """'12 min ago', '3.5 h ago', '2 days ago' or 'never'."""
    if then is None:
        return "never"
    minutes = max(0, int((now - then).total_seconds() // 60))
    if minutes < 120:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h ago"
    return f"{minutes // (24 * 60)} days ago"


def age(then: datetime | None, now: datetime) -> str:
    """'12 min', '3.5 h', '2 days' (ago() without the 'ago')."""
    return ago(then, now).removesuffix(" ago")


@dataclass(frozen=True)
class Assessment:
    state: int  # OK, WARNING, CRITICAL
    line: str
    reasons: list[str]

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]


def deployed_at(status: Status) -> datetime | None:
    """When files last reached the web host (a skipped deploy carries the previous time on)."""
    dep = status.last_deploy
    if not dep:
        return None
    when = dep.get("deployed_at")
    if when and when != "-":
        return datetime.strptime(str(when), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=status.now.tzinfo)
    return dep["finished_at"] if dep.get("status") == "ok" else None  # type: ignore[no-any-return]


def _deploy_reasons(status: Status, limit: datetime) -> list[str]:
    dep = status.last_deploy
    if not status.deploy_configured or status.site_built_at is None:
        return []
    if dep is None:
        return ["never deployed"]
    if dep.get("status") not in ("ok", "skipped"):
        return [f"last deploy {dep.get('status')}: {dep.get('error') or 'see deployment.log'}"]
    if status.site_built_at > dep["finished_at"] and status.site_built_at < limit:
        return [f"site built {ago(status.site_built_at, status.now)} not deployed since"]
    return []


def _backup_reasons(status: Status, max_age_hours: float) -> list[str]:
    reasons = []
    limit = status.now - timedelta(hours=max_age_hours)
    job = status.jobs.get("backup")
    if job and job.get("status") == "failed":
        reasons.append(f"last backup failed: {job.get('error', '?')}")
    if status.backups:
        if status.backups[0].taken_at < limit:
            reasons.append(f"newest backup {age(status.backups[0].taken_at, status.now)} old"
                           f" (warning above {max_age_hours:g} h)")
    elif status.first_run_at is not None and status.first_run_at < limit:
        reasons.append("no backup yet")
    return reasons


def assess(status: Status, warn_rate: float, crit_rate: float, backup_max_age_hours: float = 36.0) -> Assessment:
    """Judge the status: the share of failing or stale offers against the thresholds.

    Above ``crit_rate`` is CRITICAL, above ``warn_rate`` WARNING. These warn too: no offers,
    no scrape within STALE_HOURS, no site or an old one, a failed or overdue deploy, a
    failed, missing or old backup (a database younger than the backup age gets no warning
    for having none), a disk under 5 % free.
    """
    total = len(status.offers)
    fresh, failing = len(status.fresh), len(status.failing)
    state, reasons = OK, []

    def worse(level: int, reason: str) -> None:
        nonlocal state
        state = max(state, level)
        reasons.append(reason)

    if total == 0:
        worse(WARNING, "no offers tracked yet")
    else:
        for share, what in ((failing / total, "failing"), ((total - fresh) / total, "stale")):
            if share > crit_rate:
                worse(CRITICAL, f"{share:.0%} of offers {what} (critical above {crit_rate:.0%})")
            elif share > warn_rate:
                worse(WARNING, f"{share:.0%} of offers {what} (warning above {warn_rate:.0%})")
    limit = status.now - timedelta(hours=status.stale_hours)
    if status.last_scrape_at is None or status.last_scrape_at < limit:
        worse(WARNING, f"no scrape within {status.stale_hours:g} h")
    if status.site_built_at is None:
        worse(WARNING, "no site built")
    elif status.site_built_at < limit:
        worse(WARNING, f"site older than {status.stale_hours:g} h")
    for reason in _deploy_reasons(status, limit) + _backup_reasons(status, backup_max_age_hours):
        worse(WARNING, reason)
    for disk in status.disks:
        if disk.total_bytes and disk.free_bytes / disk.total_bytes < LOW_DISK_SHARE:
            worse(WARNING, f"disk of {disk.path} {disk.free_bytes / disk.total_bytes:.0%} free")
    parts = [f"{fresh}/{total} offers fresh"]
    if failing:
        parts.append(f"{failing} failing")
    parts.append("no site" if status.site_built_at is None else f"site {age(status.site_built_at, status.now)} old")
    if status.deploy_configured:
        when = deployed_at(status)
        parts.append("never deployed" if when is None else f"deployed {ago(when, status.now)}")
    line = f"{STATE_NAMES[state]} - {', '.join(parts)}"
    if reasons and state != OK:
        line += f" ({'; '.join(reasons)})"
    return Assessment(state, line, reasons)


def size(n: int | None) -> str:
    if n is None:
        return "?"
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"


def _short(text: str, width: int = 120) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def _when(t: datetime | None, now: datetime) -> str:
    return "never" if t is None else f"{t:%Y-%m-%d %H:%M} ({ago(t, now)})"


def _state(text: str) -> str:
    fg = "green" if text in ("ok", "skipped") else "yellow" if text in ("partial", "running") else "red"
    return click.style(f"{text:<8}", fg=fg)


def _rate(r: RetailerRate | None) -> str:
    if r is None or r.rate is None:
        return f"{'-':>16}"
    fg = "green" if r.rate == 1 else "yellow" if r.rate >= 0.5 else "red"
    return f"{r.successes:>5}/{r.attempts:<5} " + click.style(f"{r.rate:>4.0%}", fg=fg)


def _job_lines(status: Status) -> list[str]:
    now, out = status.now, []
    for run in status.runs:
        took = f", {int((run.finished_at - run.started_at).total_seconds())} s" if run.finished_at else ""
        stats = " ".join(f"{k}={v}" for k, v in sorted(run.stats.items()) if not isinstance(v, (dict, list)))
        out.append(f"  {run.job:<10} {_state(run.status)} started {_when(run.started_at, now)}{took}  {stats}".rstrip())
    check = status.generate_check
    if check and check.get("action") == "skipped":
        out.append(f"  {'generate':<10} {_state('skipped')} checked {_when(check.get('checked_at'), now)}:"
                   " data unchanged since the last build")
    for job, doc in sorted(status.jobs.items()):
        skip = ("job", "status", "finished_at", "site_fingerprint", "deployed_at")
        figures = " ".join(f"{k}={v}" for k, v in sorted(doc.items()) if k not in skip and v not in ("", None))
        out.append(f"  {job:<10} {_state(str(doc.get('status')))} finished {_when(doc['finished_at'], now)}"
                   f"  {_short(figures)}".rstrip())
    return out or ["  none yet"]


def report_lines(status: Status, assessment: Assessment) -> list[str]:
    """The full status as text lines."""
    colour = ("green", "yellow", "red", "magenta")[assessment.state]
    now = status.now

    def head(text: str) -> str:
        return click.style(text, bold=True)

    out = [click.style(assessment.line, fg=colour, bold=True), f"at {now:%Y-%m-%d %H:%M} UTC", "",
           head("Jobs (last run)"), *_job_lines(status), "",
           head(f"Retailers {'':<12} {'last 24 h':>16}  {'last 7 days':>16}")]
    week = {r.retailer: r for r in status.retailers_7d}
    for r in status.retailers_24h + [w for w in status.retailers_7d
                                     if w.retailer not in {d.retailer for d in status.retailers_24h}]:
        day = r if r in status.retailers_24h else None
        out.append(f"  {r.retailer:<20} {_rate(day)}  {_rate(week.get(r.retailer))}")
    if not status.retailers_7d and not status.retailers_24h:
        out.append("  no attempts")
    out += ["", head(f"Failing offers ({len(status.failing)})")]
    for o in status.failing[:REPORT_LIMIT]:
        http = f" HTTP {o.http_status}" if o.http_status else ""
        out.append(f"  {o.product_id} @ {o.retailer}: {click.style(str(o.last_outcome), fg='red')}{http}"
                   f" since {_when(o.failing_since, now)}" + (f": {_short(o.error)}" if o.error else ""))
    if len(status.failing) > REPORT_LIMIT:
        out.append(f"  ... and {len(status.failing) - REPORT_LIMIT} more (monitor.py --json lists all)")
    out += ["", head(f"Stale offers ({len(status.stale)} of {len(status.offers)} from the {status.offers_source}"
                     f" not seen within {status.stale_hours:g} h)")]
    out += [f"  {o.product_id} @ {o.retailer}: last seen {_when(o.last_seen, now)}"
            for o in status.stale[:REPORT_LIMIT]]
    if len(status.stale) > REPORT_LIMIT:
        out.append(f"  ... and {len(status.stale) - REPORT_LIMIT} more (monitor.py --json lists all)")
    out += ["", head("Data and database"), f"  newest price {_when(status.data_updated_at, now)},"
            f" last scrape {_when(status.last_scrape_at, now)}",
            f"  {status.database} ({status.dialect}), {size(status.size_bytes)}",
            "  " + ", ".join(f"{t} {n}" for t, n in status.rows.items())]
    out += ["", head("Disk, backups, site, locks")]
    out += [f"  {size(d.free_bytes)} free of {size(d.total_bytes)} ({d.free_bytes / d.total_bytes:.0%})"
            f" on the disk of {d.path}" for d in status.disks if d.total_bytes]
    newest = status.backups[0] if status.backups else None
    out += ["  backups: none" if newest is None else
            f"  backups: {len(status.backups)}, {size(sum(b.size_bytes for b in status.backups))};"
            f" newest {newest.path.name} ({size(newest.size_bytes)}, {ago(newest.taken_at, now)})",
            f"  site built {_when(status.site_built_at, now)}" + (
                f", deployed {_when(deployed_at(status), now)}" if status.deploy_configured else ""),
            "  locks: " + (", ".join(f"{job} {'free' if pid is None else f'held by pid {pid}'}"
                                     for job, pid in status.locks.items()) or "none")]
    out += ["", head("Logs")]
    for lf in status.logs:
        rotated = f" (+{lf.rotated_files} rotated, {size(lf.rotated_bytes)})" if lf.rotated_files else ""
        out.append(f"  {lf.path.name:<22} {size(lf.size_bytes) if lf.exists else 'absent':>9}{rotated}")
    if status.catalog_problems:
        out += ["", head(f"Catalog problems ({len(status.catalog_problems)})")]
        out += [f"  {p}" for p in status.catalog_problems]
    return out


def scrape_lines(rows: list[dict[str, Any]]) -> list[str]:
    """monitor.py --scrapes: one line per attempt, newest first."""
    out = []
    for r in rows:
        ok = r["outcome"] in SUCCESS
        price = f"{r['price']} {r['currency'] or ''}".strip() if r["price"] is not None else "-"
        http = str(r["http_status"] or "-")
        ms = f"{r['duration_ms']} ms" if r["duration_ms"] is not None else "-"
        outcome = click.style(f"{r['outcome']:<12}", fg="green" if ok else "red")
        out.append(f"{r['attempted_at']:%Y-%m-%d %H:%M:%S}  {r['product_id']:<24} {r['retailer']:<16} "
                   f"{outcome} {http:>4} {ms:>8}  {price}"
                   + (f"  {_short(r['error'])}" if r["error"] else ""))
    return out or ["no scrape attempts in that time"]
