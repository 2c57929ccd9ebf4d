#!/usr/bin/env python3
"""Export each product's price history as CSV and JSON under DATA_DIR/prices/ (atomic; unchanged files
are not rewritten). Exit codes: 0 done; 2 configuration error; 3 database unreachable or lock held."""

import sys
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from powertracker.venv import use_project_venv  # noqa: E402

use_project_venv(__file__)

import click  # noqa: E402

from powertracker import jobstatus  # noqa: E402
from powertracker.cli import CONTEXT_SETTINGS, dry_run_option, echo_json, fail, json_option, settings_or_exit  # noqa: E402
from powertracker.errors import PowerTrackerError  # noqa: E402
from powertracker.export import export_prices  # noqa: E402
from powertracker.lock import job_lock  # noqa: E402
from powertracker.logs import configure_logging  # noqa: E402
from powertracker.status import open_database  # noqa: E402


@click.command(context_settings=CONTEXT_SETTINGS)
@dry_run_option
@json_option
def main(dry_run: bool, as_json: bool) -> None:
    """Write DATA_DIR/prices/<product>.csv and .json for every product with a price history.

    Example: ./export_prices.py --dry-run
    """
    settings = settings_or_exit(job=None if dry_run else "export")
    try:
        if not dry_run:
            configure_logging(settings)
        with nullcontext() if dry_run else job_lock(settings.data_dir, "export"), open_database(settings) as db:
            result = export_prices(db, settings, dry_run=dry_run)
    except PowerTrackerError as exc:
        if not dry_run:
            jobstatus.record(settings, "export", "failed", error=str(exc)[:300])
        fail(exc)
    if not dry_run:
        jobstatus.record(settings, "export", "ok", products=result.products, files_changed=len(result.written))
    if as_json:
        return echo_json(result.as_json())
    verb = "would write" if dry_run else "wrote"
    click.echo(f"{verb} {len(result.written)} files for {result.products} products ({result.rows} history rows)"
               f" in {result.directory}" + (f"; skipped unsafe ids: {', '.join(result.skipped)}" if result.skipped
                                             else "") + ("; dry run, nothing changed" if dry_run else ""))


if __name__ == "__main__":
    main()
