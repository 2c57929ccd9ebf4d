#!/usr/bin/env python3
"""One status line with monitoring-plugin exit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from powertracker.venv import use_project_venv  # noqa: E402

use_project_venv(__file__)

import click  # noqa: E402

from powertracker import report  # noqa: E402
from powertracker import status as st  # noqa: E402
from powertracker.cli import CONTEXT_SETTINGS, echo_json, json_option  # noqa: E402
from powertracker.config import load_settings  # noqa: E402
from powertracker.errors import PowerTrackerError  # noqa: E402


@click.command(context_settings=CONTEXT_SETTINGS)
@json_option
@click.option("--settings", "show_settings", is_flag=True, help="Print effective settings, secrets masked.")
def main(as_json: bool, show_settings: bool) -> None:
    """Print one line such as 'OK - 48/50 offers fresh, site 12 min old, deployed 5 min ago'.

    Thresholds: STALE_HOURS, WARN_FAILURE_RATE, CRIT_FAILURE_RATE, BACKUP_MAX_AGE_HOURS.
    Example: ./quick_status.py --json
    """
    try:
        settings = load_settings()
        if show_settings:
            masked = settings.masked()
            echo_json(masked) if as_json else click.echo("\n".join(f"{k}={v}" for k, v in masked.items()))
            return
        with st.open_database(settings) as db:
            status = st.gather(db, settings)
    except PowerTrackerError as exc:
        line = f"UNKNOWN - {exc}"
        echo_json({"state": "UNKNOWN", "exit_code": report.UNKNOWN, "line": line}) if as_json else click.echo(line)
        sys.exit(report.UNKNOWN)
    a = report.assess(status, settings.warn_failure_rate, settings.crit_failure_rate, settings.backup_max_age_hours)
    if as_json:
        echo_json({"state": a.state_name, "exit_code": a.state, "line": a.line, "reasons": a.reasons,
                   **st.status_json(status)["summary"], "last_scrape_at": st.jsonable(status.last_scrape_at),
                   "site_built_at": st.jsonable(status.site_built_at),
                   "deployed_at": st.jsonable(report.deployed_at(status)),
                   "newest_backup_at": st.jsonable(status.backups[0].taken_at if status.backups else None)})
    else:
        click.echo(a.line)
    sys.exit(a.state)


if __name__ == "__main__":
    main()
