#!/usr/bin/env python3
"""Apply the retention: rotated logs beyond their count, daily_summary.log (one line a day, 30 kept),
scrape_log rows older than SCRAPE_LOG_KEEP_DAYS folded into daily counts, old job records."""

import sys
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from powertracker.venv import use_project_venv  # noqa: E402

use_project_venv(__file__)

import click  # noqa: E402

from powertracker import jobstatus  # noqa: E402
from powertracker.cli import CONTEXT_SETTINGS, dry_run_option, echo_json, fail, json_option, settings_or_exit  # noqa: E402
from powertracker.errors import DatabaseError, PowerTrackerError  # noqa: E402
from powertracker.lock import job_lock  # noqa: E402
from powertracker.logs import configure_logging  # noqa: E402
from powertracker.retention import cleanup  # noqa: E402


@click.command(context_settings=CONTEXT_SETTINGS)
@dry_run_option
@json_option
def main(dry_run: bool, as_json: bool) -> None:
    """Run daily from cron; exit 3 when the lock is held or the database cannot be read.

    Example: ./cleanup_logs.py --dry-run
    """
    settings = settings_or_exit(job=None if dry_run else "cleanup")
    try:
        if not dry_run:
            configure_logging(settings)
        with nullcontext() if dry_run else job_lock(settings.data_dir, "cleanup"):
            result = cleanup(settings, dry_run=dry_run)
    except PowerTrackerError as exc:
        fail(exc)
    pruned = result.pruned
    if not dry_run:
        jobstatus.record(settings, "cleanup", "failed" if result.error else "ok", error=result.error,
                         rotated_removed=len(result.removed), summary_lines=len(result.summary_written),
                         scrape_log_rows_folded=pruned.rows if pruned else 0)
    remove, write, trim = ("would remove", "would write", "would trim") if dry_run else ("removed", "wrote", "trimmed")
    if as_json:
        echo_json(result.as_json())
    else:
        for r in result.removed:
            click.echo(f"{remove} {r.path} ({r.size_bytes} bytes)")
        for line in result.summary_written:
            click.echo(f"{write} daily_summary.log line: {line}")
        if pruned:
            click.echo(f"{'would fold' if dry_run else 'folded'} {pruned.rows} scrape_log rows of {len(pruned.days)}"
                       f" days before {pruned.cutoff} into {pruned.groups} daily counts"
                       f" and {'delete' if dry_run else 'deleted'} them")
        click.echo(f"{'dry run: ' if dry_run else ''}{remove} {len(result.removed)} rotated files, {write}"
                   f" {len(result.summary_written)} summary lines, {trim} {result.summary_trimmed} old lines"
                   + ("; nothing changed" if dry_run else ""))
    if result.error:
        fail(DatabaseError(f"daily summary not written, scrape_log not pruned: {result.error}"))


if __name__ == "__main__":
    main()
