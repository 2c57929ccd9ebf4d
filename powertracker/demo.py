"""``make demo``: start the demo shop, scrape it round after round, build the site.

Uses the demo catalog (data/demo/) unless PRODUCTS_DIR / RETAILERS_FILE are
set, and the usual DATABASE_URL (SQLite at data/tracker.db by default). Each
round is recorded a few hours after the previous one, ending now, so the site
shows a price history with movement.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import timedelta

import click

from .cli import CONTEXT_SETTINGS, fail, settings_or_exit
from .config import PROJECT_ROOT
from .db import utcnow
from .demo_shop import DemoShop
from .errors import PowerTrackerError
from .logs import configure_logging
from .scrape import run_scrape
from .site import generate


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option("--rounds", default=6, show_default=True, type=click.IntRange(1, 100),
              help="How many rounds to scrape (prices move between rounds).")
@click.option("--hours-apart", default=4, show_default=True, type=click.IntRange(0, 24 * 7),
              help="Hours between the recorded times of two rounds.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535),
              help="Port of the demo shop on 127.0.0.1 (the demo catalog expects 8765).")
def main(rounds: int, hours_apart: int, port: int) -> None:
    """Run the demo end to end: shop, several scrapes, site.

    Example: python -m powertracker.demo --rounds 6
    """
    settings = settings_or_exit()
    if not os.environ.get("PRODUCTS_DIR"):
        settings = replace(settings, products_dir=PROJECT_ROOT / "data" / "demo" / "products")
    if not os.environ.get("RETAILERS_FILE"):
        settings = replace(settings, retailers_file=PROJECT_ROOT / "data" / "demo" / "retailers.json")
    configure_logging(settings)
    try:
        shop = DemoShop(port=port, round=1).start()
    except OSError as exc:
        click.echo(f"error: cannot start the demo shop on 127.0.0.1:{port}: {exc}", err=True)
        sys.exit(2)
    click.echo(f"demo shop serving on {shop.url}/", err=True)
    end = utcnow()
    try:
        for n in range(1, rounds + 1):
            shop.set_round(n)
            summary = run_scrape(settings, now=end - timedelta(hours=hours_apart * (rounds - n)))
            click.echo(f"round {n}/{rounds}: {summary.ok} of {summary.offers} offers priced", err=True)
        build = generate(settings)
    except PowerTrackerError as exc:
        fail(exc)
    finally:
        shop.stop()
    where = settings.site_dir
    click.echo(f"site built: {build.pages} pages in {where}/")
    click.echo("serve it:   make serve   (then open http://127.0.0.1:8000/)")


if __name__ == "__main__":
    main()
