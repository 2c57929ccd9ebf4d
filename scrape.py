#!/usr/bin/env python3
"""Scrape every offer in the catalog and store the prices (cron runs this hourly).

Exit codes: 0 all offers priced; 1 some offers failed or the catalog has problems
(with --extract: no price found); 2 usage or configuration error; 3 fatal (database
unreachable, another run holds the lock).

\b
Examples:
    ./scrape.py --json
    ./scrape.py --extract https://shop.example/p/river-2 --json
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from powertracker.venv import use_project_venv  # noqa: E402

use_project_venv(__file__)

import click  # noqa: E402

from powertracker.cli import CONTEXT_SETTINGS, echo_json, fail, json_option, settings_or_exit, verbose_option  # noqa: E402
from powertracker.errors import PowerTrackerError  # noqa: E402
from powertracker.logs import configure_logging  # noqa: E402
from powertracker.scrape import extract_one, run_scrape  # noqa: E402


@click.command(context_settings=CONTEXT_SETTINGS, help=__doc__)
@click.option("--extract", "target", metavar="URL_OR_FILE", help="Only show what the extractor finds on one page.")
@click.option("--selector", metavar="CSS", help="With --extract: try this CSS selector first.")
@click.option("--currency", metavar="CODE", help="With --extract: the currency for ambiguous symbols ($, kr).")
@json_option
@verbose_option
def main(target: str | None, selector: str | None, currency: str | None, as_json: bool, verbose: bool) -> None:
    settings = settings_or_exit()
    configure_logging(settings, verbose)
    try:
        if target:
            ext = extract_one(settings, target, selector=selector, currency=currency)
            data = ext.as_json()
            if as_json:
                echo_json(data)
            else:
                for key in ("price", "currency", "availability", "was_price", "title", "strategy", "confidence"):
                    click.echo(f"{key + ':':14}{'-' if data[key] is None else data[key]}")
            sys.exit(0 if ext.price is not None else 1)
        summary = run_scrape(settings)
    except PowerTrackerError as exc:
        fail(exc)
    if as_json:
        echo_json(summary.as_json())
    else:
        click.echo(f"run {summary.run_id}: {summary.offers} offers, {summary.ok} ok, {summary.no_price} no price, "
                   f"{summary.rejected} rejected, {summary.failed} failed; {summary.new_rows} price changes")
        for problem in summary.problems:
            click.echo(f"catalog problem: {problem}")
    sys.exit(summary.exit_code)


if __name__ == "__main__":
    main()
