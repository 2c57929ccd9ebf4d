#!/usr/bin/env python3
"""Full status for the operator: jobs, retailers (24 h, 7 days), failing and stale offers, data age,
database, disk, backups, site, locks, logs. Colour on a terminal, plain when piped, --json for machines."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from powertracker.venv import use_project_venv  # noqa: E402

use_project_venv(__file__)

import click  # noqa: E402

from powertracker import report  # noqa: E402
from powertracker import status as st  # noqa: E402
from powertracker.cli import CONTEXT_SETTINGS, echo_json, fail, json_option, settings_or_exit  # noqa: E402
from powertracker.errors import ConfigError, PowerTrackerError  # noqa: E402
from powertracker.logs import log_path  # noqa: E402


@click.command(context_settings=CONTEXT_SETTINGS)
@json_option
@click.option("--scrapes", type=click.FloatRange(min=0), metavar="HOURS", help="List scrape attempts of the last HOURS.")
@click.option("--logs", "log_name", metavar="NAME", help="Show the tail of a log: scraping, errors, ... or a file name.")
@click.option("--lines", type=click.IntRange(min=1), default=50, show_default=True, help="Lines for --logs.")
def main(as_json: bool, scrapes: float | None, log_name: str | None, lines: int) -> None:
    """Show the full status report (colour on a terminal), or one part of it.

    Example: ./monitor.py --scrapes 2   |   ./monitor.py --logs errors --lines 20
    """
    settings = settings_or_exit()
    try:
        if log_name is not None:
            try:
                path = log_path(settings, log_name)
            except KeyError as exc:
                raise ConfigError(exc.args[0]) from None
            tail = st.tail(path, lines)
            if not path.is_file():
                click.echo(f"no log at {path} yet", err=True)
            echo_json({"log": str(path), "lines": tail}) if as_json else click.echo("\n".join(tail), nl=bool(tail))
            return
        with st.open_database(settings) as db:
            if scrapes is not None:
                rows = st.recent_scrapes(db, scrapes)
                echo_json(st.jsonable(rows)) if as_json else click.echo("\n".join(report.scrape_lines(rows)))
                return
            status = st.gather(db, settings)
    except PowerTrackerError as exc:
        fail(exc)
    if as_json:
        echo_json(st.status_json(status))
    else:
        judged = report.assess(status, settings.warn_failure_rate, settings.crit_failure_rate,
                               settings.backup_max_age_hours)
        click.echo("\n".join(report.report_lines(status, judged)))


if __name__ == "__main__":
    main()
