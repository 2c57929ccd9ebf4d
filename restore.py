#!/usr/bin/env python3
"""Restore a backup from backup.py into DATABASE_URL, or into another database with --to.

A target that already holds rows is refused unless --force. While restoring into
DATABASE_URL it holds the scrape, generate, cleanup and backup locks, so cron waits.
Exit codes: 0 restored; 2 usage error (no such backup, wrong kind, target not empty); 3 fatal.
"""

import sys
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from powertracker.venv import use_project_venv  # noqa: E402

use_project_venv(__file__)

import click  # noqa: E402

from powertracker.cli import CONTEXT_SETTINGS, dry_run_option, echo_json, fail, json_option, settings_or_exit  # noqa: E402
from powertracker.errors import PowerTrackerError  # noqa: E402
from powertracker.lock import job_lock  # noqa: E402
from powertracker.logs import configure_logging  # noqa: E402
from powertracker.restore import resolve_source, restore_backup  # noqa: E402


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("backup", metavar="BACKUP_FILE|latest")
@click.option("--to", "target", metavar="URL", help="Restore into this database instead of DATABASE_URL.")
@click.option("--force", is_flag=True, help="Replace a target that already holds rows.")
@dry_run_option
@json_option
def main(backup: str, target: str | None, force: bool, dry_run: bool, as_json: bool) -> None:
    """Restore BACKUP_FILE (or the newest backup: latest).

    Example: ./restore.py latest --to sqlite:///data/restored.db
    """
    settings = settings_or_exit()
    try:
        configure_logging(settings)
        source = resolve_source(settings, backup)
        with ExitStack() as locks:
            if not dry_run and (target is None or target == settings.database_url):
                for job in ("scrape", "generate", "cleanup", "backup"):
                    locks.enter_context(job_lock(settings.data_dir, job))
            result = restore_backup(settings, source, target, force=force, dry_run=dry_run)
    except PowerTrackerError as exc:
        fail(exc)
    if as_json:
        echo_json(result.as_json())
    elif dry_run:
        click.echo(f"would restore {result.source} into {result.target} (replacing {result.replaced_rows} rows);"
                   " dry run, nothing changed")
    else:
        click.echo(f"restored {result.source} into {result.target}: "
                   + ", ".join(f"{t} {n}" for t, n in result.tables.items()))


if __name__ == "__main__":
    main()
