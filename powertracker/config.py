"""Settings: the one place that reads the environment.

Every setting is declared once in ``SETTINGS`` with its variable, default and
help. ``load_settings()`` reads the process environment, lets ``.env`` fill
what is unset (never override), validates, and returns a frozen ``Settings``.
Relative paths are resolved against the project root, so cron can run the
scripts from any working directory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dotenv import dotenv_values

from .errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str  # the environment variable
    field: str  # the Settings attribute
    default: str | None
    help: str
    kind: str = "str"  # str | path | int | float | url | secret
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("DATABASE_URL", "database_url", "sqlite:///data/tracker.db",
            "sqlite:///path/to/file.db or mysql://user:pass@host:3306/dbname", "url", secret=True),
    Setting("PRODUCTS_DIR", "products_dir", "data/products", "folder of product JSON files", "path"),
    Setting("RETAILERS_FILE", "retailers_file", "data/retailers.json", "per-retailer settings", "path"),
    Setting("SITE_DIR", "site_dir", "static", "where generate.py writes the site", "path"),
    Setting("LOG_DIR", "log_dir", "logs", "folder for the six log files", "path"),
    Setting("DATA_DIR", "data_dir", "data", "locks, journal, backups and exports", "path"),
    Setting("DEPLOY_TARGET", "deploy_target", None, "rsync destination, user@host:/path/"),
    Setting("DEPLOY_SSH_KEY", "deploy_ssh_key", None, "private key deploy.sh uses", "path"),
    Setting("DEPLOY_SSH_PORT", "deploy_ssh_port", "22", "SSH port of the web host", "int"),
    Setting("DEPLOY_KNOWN_HOSTS", "deploy_known_hosts", "~/.ssh/known_hosts",
            "pinned host keys for the web host", "path"),
    Setting("USER_AGENT", "user_agent",
            "PowerTracker/0.1 (+https://github.com/power-tracker/power-tracker)",
            "User-Agent sent to retailers: project name and a contact URL"),
    Setting("REQUEST_TIMEOUT", "request_timeout", "20", "seconds before a page fetch gives up", "float"),
    Setting("DEFAULT_DELAY", "default_delay", "5", "seconds between requests to one retailer", "float"),
    Setting("STALE_HOURS", "stale_hours", "3", "an offer unseen for longer is stale", "float"),
    Setting("WARN_FAILURE_RATE", "warn_failure_rate", "0.2",
            "quick_status.py warns above this share of failing offers", "float"),
    Setting("CRIT_FAILURE_RATE", "crit_failure_rate", "0.5",
            "quick_status.py is critical above this share of failing offers", "float"),
    Setting("LOG_LEVEL", "log_level", "INFO", "DEBUG, INFO, WARNING or ERROR"),
    # operations (issue 6): retention, backups, metrics, deploy retry
    Setting("SCRAPE_LOG_KEEP_DAYS", "scrape_log_keep_days", "90",
            "scrape_log rows older than this many days become daily counts (scrape_log_daily)", "int"),
    Setting("BACKUP_DIR", "backup_dir", None, "where backup.py writes backups (default DATA_DIR/backups)", "path"),
    Setting("BACKUP_MAX_AGE_HOURS", "backup_max_age_hours", "36",
            "quick_status.py warns when the newest backup is older", "float"),
    Setting("METRICS_FILE", "metrics_file", None,
            "Prometheus textfile written after every job (default DATA_DIR/metrics/power_tracker.prom)", "path"),
    Setting("DEPLOY_RETRY_DELAY", "deploy_retry_delay", "30",
            "seconds deploy.sh waits before its one retry after a transient failure", "int"),
    # scraping (issue 4): concurrency, validation, schedule, proxies
    Setting("SCRAPE_CONCURRENCY", "scrape_concurrency", "4",
            "requests in flight at once over all retailers (each retailer also has its own cap)", "int"),
    Setting("SUSPICIOUS_DROP", "suspicious_drop", "0.6",
            "a price this share below the offer's recent median is held until the next scrape confirms it"
            " (0 = off)", "float"),
    Setting("SUSPICIOUS_RISE", "suspicious_rise", "3",
            "a price this many times the offer's recent median is held until confirmed (0 = off)", "float"),
    Setting("DUE_HIGH_MINUTES", "due_high_minutes", "15", "a high-priority product is due this often", "int"),
    Setting("DUE_NORMAL_MINUTES", "due_normal_minutes", "60", "a normal-priority product is due this often", "int"),
    Setting("DUE_LOW_MINUTES", "due_low_minutes", "1440", "a low-priority product is due this often", "int"),
    Setting("PROXY_URL", "proxy_url", None,
            "proxy for every retailer: http://, https:// or socks5h://[user:pass@]host:port", secret=True),
    Setting("RETAILER_PROXIES", "retailer_proxies", None,
            "per-retailer proxies, 'retailer=URL' separated by spaces ('retailer=direct': no proxy)", secret=True),
    # site (issue 5)
    Setting("SITE_URL", "site_url", None,
            "public address of the site, e.g. https://prices.example.org/ (absolute URLs in sitemap and feeds)"),
)


@dataclass(frozen=True)
class Settings:
    database_url: str
    products_dir: Path
    retailers_file: Path
    site_dir: Path
    log_dir: Path
    data_dir: Path
    deploy_target: str | None
    deploy_ssh_key: Path | None
    deploy_ssh_port: int
    deploy_known_hosts: Path
    user_agent: str
    request_timeout: float
    default_delay: float
    stale_hours: float
    warn_failure_rate: float
    crit_failure_rate: float
    log_level: str
    scrape_log_keep_days: int
    backup_dir: Path | None
    backup_max_age_hours: float
    metrics_file: Path | None
    deploy_retry_delay: int
    scrape_concurrency: int
    suspicious_drop: float
    suspicious_rise: float
    due_high_minutes: int
    due_normal_minutes: int
    due_low_minutes: int
    proxy_url: str | None
    retailer_proxies: str | None
    site_url: str | None
    root: Path = PROJECT_ROOT

    def masked(self) -> dict[str, str]:
        """Effective values by variable name, secrets masked."""
        out: dict[str, str] = {}
        for s in SETTINGS:
            value = getattr(self, s.field)
            text = "" if value is None else str(value)
            if s.secret:
                text = mask_url(text)
            out[s.name] = text
        return out


def mask_url(url: str) -> str:
    """Hide the password in a URL such as mysql://user:secret@host/db."""
    return re.sub(r"(//[^:/@]+:)[^@]*@", r"\1***@", url)


def _convert(s: Setting, raw: str, root: Path) -> Any:
    if s.kind == "path":
        path = Path(raw).expanduser()
        return path if path.is_absolute() else root / path
    if s.kind in ("int", "float"):
        cast: Callable[[str], Any] = int if s.kind == "int" else float
        try:
            value = cast(raw)
        except ValueError:
            raise ConfigError(f"{s.name}={raw!r} is not a number ({s.help})") from None
        if value < 0:
            raise ConfigError(f"{s.name}={raw!r} must not be negative ({s.help})")
        return value
    if s.kind == "url":
        return _check_database_url(s.name, raw, root)
    return raw


def _check_database_url(name: str, raw: str, root: Path) -> str:
    parts = urlsplit(raw)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path and sqlite:////absolute/path, as SQLAlchemy spells them
        path = raw[len("sqlite:///"):] if raw.startswith("sqlite:///") else ""
        if not path:
            raise ConfigError(f"{name}={mask_url(raw)!r}: expected sqlite:///path/to/file.db")
        p = Path(path)
        return "sqlite:///" + str(p if p.is_absolute() else root / p)
    if parts.scheme in ("mysql", "mariadb", "mysql+pymysql"):
        if not parts.hostname or not parts.path.strip("/"):
            raise ConfigError(f"{name}={mask_url(raw)!r}: expected mysql://user:pass@host:3306/dbname")
        return raw
    raise ConfigError(f"{name}={mask_url(raw)!r}: scheme must be sqlite or mysql")


def load_settings(
    environ: Mapping[str, str] | None = None,
    env_file: Path | None = None,
    root: Path = PROJECT_ROOT,
) -> Settings:
    """Build Settings from ``environ`` (default: os.environ) and ``.env``.

    Variables already set win over ``.env`` (override=False semantics).
    Raises ConfigError naming the variable when a value is invalid.
    """
    env = dict(os.environ if environ is None else environ)
    env_path = root / ".env" if env_file is None else env_file
    if env_path.is_file():
        for key, value in dotenv_values(env_path).items():
            if value is not None:
                env.setdefault(key, value)
    values: dict[str, Any] = {}
    for s in SETTINGS:
        raw = env.get(s.name)
        if raw is None or raw == "":
            raw = s.default
        values[s.field] = None if raw is None else _convert(s, raw, root)
    if values["log_level"].upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"LOG_LEVEL={values['log_level']!r}: use DEBUG, INFO, WARNING or ERROR")
    values["log_level"] = values["log_level"].upper()
    assert {f.name for f in fields(Settings)} - {"root"} == set(values)
    return Settings(root=root, **values)


def shell_lines(settings: Settings, names: list[str]) -> list[str]:
    """``NAME='value'`` lines for a shell to eval (unset settings give ''); secrets unmasked."""
    import shlex

    by_name = {s.name: s for s in SETTINGS}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ConfigError(f"unknown setting {', '.join(unknown)}; choose from {', '.join(by_name)}")
    lines = []
    for name in names or list(by_name):
        value = getattr(settings, by_name[name].field)
        lines.append(f"{name}={shlex.quote('' if value is None else str(value))}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """``python -m powertracker.config --shell [NAME...]``: effective settings for deploy.sh."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "--shell":
        sys.stderr.write("usage: python -m powertracker.config --shell [NAME...]\n")
        return 2
    try:
        sys.stdout.write("".join(line + "\n" for line in shell_lines(load_settings(), args[1:])))
    except ConfigError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
