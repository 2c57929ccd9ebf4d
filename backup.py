#!/usr/bin/env python3
"""Back up the database into BACKUP_DIR (gzipped, atomic) and rotate: 7 daily, 4 weekly.

Exit codes: 0 written; 2 configuration error; 3 fatal (database unreachable, disk full, lock held).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from powertracker.venv import use_project_venv  # noqa: E402

use_project_venv(__file__)

import click  # noqa: E402

from powertracker import jobstatus  # noqa: E402
from powertracker.backup import create_backup  # noqa: E402
from powertracker.cli import CONTEXT_SETTINGS, dry_run_option, echo_json, fail, json_option, settings_or_exit  # noqa: E402
from powertracker.errors import PowerTrackerError  # noqa: E402
from powertracker.lock import job_lock  # noqa: E402
from powertracker.logs import configure_logging  # noqa: E402


@click.command(context_settings=CONTEXT_SETTINGS)
@dry_run_option
@json_option
def main(dry_run: bool, as_json: bool) -> None:
    """Write a consistent backup (SQLite online backup API, or mariadb-dump --single-transaction).

    Example: ./backup.py --dry-run   (cron: daily; restore with ./restore.py latest --to URL)
    """
    settings = settings_or_exit(job="backup")
    try:
        if dry_run:
            result = create_backup(settings, dry_run=True)
        else:
            configure_logging(settings)
            with job_lock(settings.data_dir, "backup"):
                result = create_backup(settings)
            jobstatus.record(settings, "backup", "ok", path=str(result.path), size_bytes=result.size_bytes,
                             source_bytes=result.source_bytes, rotated_out=len(result.removed))
    except PowerTrackerError as exc:
        if not dry_run:
            jobstatus.record(settings, "backup", "failed", error=str(exc)[:300])
        fail(exc)
    if as_json:
        echo_json(result.as_json())
        return
    verb = "would write" if dry_run else f"wrote {result.size_bytes} bytes ({result.source_bytes} uncompressed) to"
    click.echo(f"{verb} {result.path}")
    for old in result.removed:
        click.echo(f"{'would remove' if dry_run else 'removed'} {old.path.name} (rotation: 7 daily, 4 weekly)")
    click.echo(f"{len(result.kept)} backups kept" + ("; dry run, nothing changed" if dry_run else ""))


if __name__ == "__main__":
    main()
