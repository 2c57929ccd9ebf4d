"""Shared fixtures: real SQLite files, a throwaway MariaDB database, the demo shop.

A test that needs a service the machine lacks skips with the reason, unless
REQUIRE_SERVICES=1 (CI), where it fails instead.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pymysql
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powertracker.config import Settings, load_settings  # noqa: E402
from powertracker.db import Database, connect  # noqa: E402

MARIADB_TEST_URL = os.environ.get("MARIADB_TEST_URL", "mysql://root@127.0.0.1:3306/")


def need(reason: str) -> None:
    """Skip for want of a service, or fail when REQUIRE_SERVICES=1."""
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


def _mariadb_server() -> pymysql.connections.Connection:
    parts = urlsplit(MARIADB_TEST_URL)
    try:
        return pymysql.connect(host=parts.hostname or "127.0.0.1", port=parts.port or 3306,
                               user=parts.username or "root", password=parts.password or "",
                               connect_timeout=3, autocommit=True)
    except pymysql.Error as exc:
        need(f"no MariaDB at {MARIADB_TEST_URL} ({exc.args[-1] if exc.args else exc})")
        raise


@pytest.fixture
def mariadb_url() -> Iterator[str]:
    """A fresh, empty database on the MariaDB server; dropped afterwards."""
    server = _mariadb_server()
    name = "pt_test_" + secrets.token_hex(4)
    with server.cursor() as cur:
        cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    parts = urlsplit(MARIADB_TEST_URL)
    yield f"{parts.scheme}://{parts.netloc}/{name}"
    with server.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
    server.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture(params=["sqlite", "mariadb"])
def db_url(request: pytest.FixtureRequest) -> str:
    """Run the test once on SQLite and once on MariaDB."""
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = connect(db_url)
    yield database
    database.close()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[Database]:
    database = connect(sqlite_url)
    yield database
    database.close()


@pytest.fixture
def demo_shop() -> Iterator[object]:
    """The demo shop on a free loopback port, at round 1."""
    from powertracker.demo_shop import DemoShop

    shop = DemoShop(port=0, round=1)
    shop.start()
    yield shop
    shop.stop()


@pytest.fixture
def env(tmp_path: Path, sqlite_url: str) -> dict[str, str]:
    """Environment for running the scripts against temporary folders."""
    base = {k: v for k, v in os.environ.items() if k not in _SETTING_VARS}
    base.update({
        "DATABASE_URL": sqlite_url,
        "PRODUCTS_DIR": str(tmp_path / "products"),
        "RETAILERS_FILE": str(tmp_path / "retailers.json"),
        "SITE_DIR": str(tmp_path / "site"),
        "LOG_DIR": str(tmp_path / "logs"),
        "DATA_DIR": str(tmp_path / "data"),
    })
    return base


@pytest.fixture
def settings(env: dict[str, str], tmp_path: Path) -> Settings:
    return load_settings(env, env_file=tmp_path / "no.env")


from powertracker.config import SETTINGS  # noqa: E402

_SETTING_VARS = {s.name for s in SETTINGS}
