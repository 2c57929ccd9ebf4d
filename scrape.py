#!/usr/bin/env python3
"""Scrape the due offers of the catalog and store the prices (cron runs this every 15 minutes).

An offer is due by its product's priority (DUE_HIGH_MINUTES, DUE_NORMAL_MINUTES,
DUE_LOW_MINUTES); --all fetches every offer. SIGTERM or Ctrl-C finishes the pages in
flight (a few seconds at most), stores what was read and exits 1.

Exit codes: 0 all attempted offers priced (or nothing due); 1 some offers failed, the
catalog has problems, or the run was stopped (with --extract: no price found); 2 usage or
configuration error; 3 fatal: another run holds the lock, or the database is unreachable
(the results then wait in DATA_DIR/journal/ for the next run).

\b
Examples:
    ./scrape.py --json
    ./scrape.py --all
    ./scrape.py --extract https://shop.example/p/river-2 --json
"""

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from powertracker.venv import use_project_venv  # noqa: E402

use_project_venv(__file__)

import click  # noqa: E402

from powertracker.cli import CONTEXT_SETTINGS, echo_json, fail, json_option, settings_or_exit, verbose_option  # noqa: E402
from powertracker.errors import PowerTrackerError  # noqa: E402
from powertracker.extract_report import summary_lines  # noqa: E402
from powertracker.logs import configure_logging  # noqa: E402
from powertracker.progress import ProgressBar  # noqa: E402
from powertracker.scrape import extract_one, run_scrape, stop_on_signals  # noqa: E402


@click.command(context_settings=CONTEXT_SETTINGS, help=__doc__)
@click.option("--all", "all_", is_flag=True, help="Fetch every offer, due or not.")
@click.option("--extract", "target", metavar="URL_OR_FILE", help="Only show what the extractor finds on one page.")
@click.option("--selector", metavar="CSS", help="With --extract: try this CSS selector first.")
@click.option("--currency", metavar="CODE", help="With --extract: the currency for ambiguous symbols ($, kr).")
@json_option
@verbose_option
def main(all_: bool, target: str | None, selector: str | None, currency: str | None, as_json: bool,
         verbose: bool) -> None:
    settings = settings_or_exit(job="scrape")
    configure_logging(settings, verbose)
    try:
        if target:
            ext = extract_one(settings, target, selector=selector, currency=currency)
            data = ext.as_json()
            if as_json:
                echo_json(data)
            else:
                click.echo("\n".join(summary_lines(ext)))
            sys.exit(0 if ext.price is not None else 1)
        stop = threading.Event()
        bar = ProgressBar(sys.stderr) if sys.stderr.isatty() and not verbose else None
        with stop_on_signals(stop):
            summary = run_scrape(settings, due_only=not all_, stop=stop, progress=bar)
    except PowerTrackerError as exc:
        fail(exc)
    echo_json(summary.as_json()) if as_json else click.echo(summary.text())
    if summary.database_error:
        click.echo(f"error: database unreachable: {summary.database_error}; {summary.journalled} result(s) kept"
                   f" in {settings.data_dir / 'journal'} for the next run", err=True)
    sys.exit(summary.exit_code)


if __name__ == "__main__":
    main()
