"""Shared click pieces for the entry points: options, settings, exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .config import Settings, load_settings
from .errors import PowerTrackerError

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")(fn)


def verbose_option(fn: F) -> F:
    return click.option("-v", "--verbose", is_flag=True, help="Also log DEBUG detail to stderr.")(fn)


def dry_run_option(fn: F) -> F:
    return click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")(fn)


def settings_or_exit(job: str | None = None) -> Settings:
    """Load settings; a configuration error exits 2 with its message on stderr.

    With ``job`` (a cron job: scrape, generate, backup ...), the metrics file
    (METRICS_FILE) is rewritten when the command ends, however it ends.
    """
    try:
        settings = load_settings()
    except PowerTrackerError as exc:
        fail(exc)
        raise AssertionError("unreachable") from None
    ctx = click.get_current_context(silent=True)
    if job is not None and ctx is not None:
        from .metrics import write_metrics

        ctx.call_on_close(lambda: write_metrics(settings))
    return settings


def fail(exc: PowerTrackerError) -> None:
    """Print the error on stderr and exit with the code its type carries."""
    click.echo(f"error: {exc}", err=True)
    sys.exit(exc.exit_code)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, sort_keys=True, default=str))
