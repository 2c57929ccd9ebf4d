#!/usr/bin/env python3
"""Build the static price-comparison site into SITE_DIR, atomically.

The new build goes into a folder beside SITE_DIR and replaces it in one step;
if anything fails, the live site stays as it was.

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
from powertracker.site import generate  # noqa: E402


@click.command(context_settings=CONTEXT_SETTINGS, help=__doc__)
@json_option
@verbose_option
def main(as_json: bool, verbose: bool) -> None:
    settings = settings_or_exit()
    logs.configure_logging(settings, verbose)
    try:
        with job_lock(settings.data_dir, "generate"):
            summary = generate(settings)
    except PowerTrackerError as exc:
        fail(exc)
    if as_json:
        echo_json(summary.as_json())
    else:
        click.echo(f"generated {summary.pages} pages ({summary.changed} files changed, {summary.bytes} bytes)"
                   f" for {summary.products} products, {summary.priced} priced, in {summary.duration_ms} ms"
                   f" -> {summary.site_dir}")


if __name__ == "__main__":
    main()
