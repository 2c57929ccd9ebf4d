#!/usr/bin/env python3
"""Bring the static price-comparison site in SITE_DIR up to date, atomically.

Only products whose data changed are rendered again, only files whose bytes
changed are written, and the result replaces SITE_DIR in one step; if anything
fails, the live site stays as it was. A progress bar shows on a terminal.

Example:

    ./generate.py --json
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from powertracker.venv import use_project_venv  # noqa: E402

use_project_venv(__file__)

import click  # noqa: E402

from powertracker import logs  # noqa: E402
from powertracker.cli import CONTEXT_SETTINGS, echo_json, fail, json_option, settings_or_exit, verbose_option  # noqa: E402
from powertracker.errors import PowerTrackerError  # noqa: E402
from powertracker.lock import job_lock  # noqa: E402
from powertracker.pipeline import run_if_changed  # noqa: E402
from powertracker.progress import ProgressBar  # noqa: E402
from powertracker.site import generate  # noqa: E402


@click.command(context_settings=CONTEXT_SETTINGS, help=__doc__)
@json_option
@verbose_option
@click.option("--if-changed", is_flag=True, help="Build only when the data changed since the last build (cron).")
@click.option("--full", is_flag=True, help="Render every product again (still writes only changed files).")
def main(as_json: bool, verbose: bool, if_changed: bool, full: bool) -> None:
    settings = settings_or_exit(job="generate")
    logs.configure_logging(settings, verbose)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None  # products rendered, on a terminal only

    def build(s):  # type: ignore[no-untyped-def]
        return generate(s, full=full, progress=bar)

    try:
        with job_lock(settings.data_dir, "generate"):
            summary = run_if_changed(settings, build) if if_changed else build(settings)
    except PowerTrackerError as exc:
        fail(exc)
    finally:
        if bar is not None and bar.total:
            bar.close()
    if summary is None:  # --if-changed and nothing changed
        return echo_json({"skipped": True}) if as_json else click.echo("data unchanged since the last build; skipped")
    if as_json:
        echo_json(summary.as_json())
    else:
        click.echo(f"generated {summary.pages} pages ({summary.changed} files written or removed, {summary.bytes}"
                   f" bytes) for {summary.products} products ({summary.rendered} rendered), {summary.priced} priced,"
                   f" in {summary.duration_ms} ms -> {summary.site_dir}")


if __name__ == "__main__":
    main()
