"""Logging set-up for the entry points: the six log files in LOG_DIR.

| file | what | rotation |
| power_tracker.log | everything at INFO and above | 10 MB x 5 |
| scraping.log | fetch, extract and scrape detail | 10 MB x 10 |
| site_generation.log | site builds | 5 MB x 3 |
| deployment.log | deploy.sh (through ``python -m powertracker.logs deployment``) | 5 MB x 3 |
| errors.log | ERROR and above from every part | 5 MB x 5 |
| daily_summary.log | one line a day, written by cleanup_logs.py | 30 lines kept |

Only entry points call ``configure_logging``. Files are created mode 0640.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .config import Settings

MB = 1024 * 1024

# name -> (file, max bytes, backups, logger names routed to it)
LOG_FILES: dict[str, tuple[str, int, int, tuple[str, ...]]] = {
    "power_tracker": ("power_tracker.log", 10 * MB, 5, ("powertracker",)),
    "scraping": ("scraping.log", 10 * MB, 10,
                 ("powertracker.scrape", "powertracker.fetch", "powertracker.extract", "scrapers",
                  "powertracker.robots", "powertracker.dispatch", "powertracker.recorder", "powertracker.journal")),
    "site_generation": ("site_generation.log", 5 * MB, 3, ("powertracker.site",)),
    "deployment": ("deployment.log", 5 * MB, 3, ("powertracker.deploy",)),
    "errors": ("errors.log", 5 * MB, 5, ()),
    "daily_summary": ("daily_summary.log", 0, 30, ()),
}
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files are created with mode 0640.

    Each record is formatted once and the size checked with one ``fstat`` of the open file (the
    standard handler formats twice, stats the path twice and seeks): the scrape logs a line per
    changed price from the thread that writes the database. Same rule: roll over when the file
    would reach ``maxBytes``; never roll over what is not a regular file.
    """

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        return os.fdopen(fd, self.mode.replace("w", "a"), encoding=self.encoding, errors=self.errors)

    def _full(self, size: int) -> bool:
        if self.stream is None:  # delay was set, or a rollover left it closed
            self.stream = self._open()
        st = os.fstat(self.stream.fileno())
        return stat.S_ISREG(st.st_mode) and st.st_size + size >= self.maxBytes

    def emit(self, record: logging.LogRecord) -> None:
        try:
            msg = self.format(record)
            if self.maxBytes > 0 and self._full(len(msg) + 1):
                self.doRollover()
            if self.stream is None:
                self.stream = self._open()
            self.stream.write(msg + self.terminator)
            self.flush()
        except RecursionError:
            raise
        except Exception:  # noqa: BLE001 - logging's own rule: report through handleError, never raise
            self.handleError(record)


def log_path(settings: Settings, name: str) -> Path:
    """The path of a log by its short name (``scraping``) or file name."""
    key = name.removesuffix(".log")
    if key not in LOG_FILES:
        raise KeyError(f"unknown log {name!r}; choose from {', '.join(LOG_FILES)}")
    return settings.log_dir / LOG_FILES[key][0]


def _handler(settings: Settings, key: str, level: int) -> logging.Handler:
    filename, max_bytes, backups, _ = LOG_FILES[key]
    handler = PrivateRotatingFileHandler(
        settings.log_dir / filename, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


def configure_logging(settings: Settings, verbose: bool = False, stderr: bool | None = None) -> None:
    """Route the library's loggers to the six files, and WARNING+ to stderr.

    ``stderr`` defaults to on when stderr is a terminal, so cron stays quiet.
    """
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    level = logging.DEBUG if verbose else getattr(logging, settings.log_level)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_powertracker", False):
            root.removeHandler(handler)
            handler.close()
    for name in {n for spec in LOG_FILES.values() for n in spec[3]}:
        lg = logging.getLogger(name)
        for handler in list(lg.handlers):
            if getattr(handler, "_powertracker", False):
                lg.removeHandler(handler)
                handler.close()
    root.setLevel(level)

    def attach(lg: logging.Logger, handler: logging.Handler) -> None:
        handler._powertracker = True  # type: ignore[attr-defined]
        lg.addHandler(handler)

    attach(logging.getLogger("powertracker"), _handler(settings, "power_tracker", level))
    attach(root, _handler(settings, "errors", logging.ERROR))
    for key in ("scraping", "site_generation", "deployment"):
        for name in LOG_FILES[key][3]:
            attach(logging.getLogger(name), _handler(settings, key, level))
    if stderr if stderr is not None else sys.stderr.isatty():
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.DEBUG if verbose else logging.WARNING)
        console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        attach(root, console)


def main(argv: list[str] | None = None) -> int:
    """``python -m powertracker.logs NAME``: append stdin lines to log NAME (for deploy.sh)."""
    from .config import load_settings

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].removesuffix(".log") not in LOG_FILES:
        sys.stderr.write(f"usage: python -m powertracker.logs {{{','.join(LOG_FILES)}}} < lines\n")
        return 2
    settings = load_settings()
    settings.log_dir.mkdir(parents=True, exist_ok=True)
    key = args[0].removesuffix(".log")
    handler = _handler(settings, key, logging.DEBUG)
    errors = _handler(settings, "errors", logging.ERROR)
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        level = logging.ERROR if line.startswith(("ERROR", "error")) else logging.INFO
        record = logging.LogRecord(f"powertracker.{key}", level, "", 0, line, None, None)
        handler.handle(record)
        if level >= logging.ERROR:
            errors.handle(record)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
