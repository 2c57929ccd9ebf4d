"""Power Tracker: scrape retail prices, keep their history, publish a static site."""

__version__ = "0.1.0"
