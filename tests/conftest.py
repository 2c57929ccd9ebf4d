"""Shared fixtures: real SQLite files, a throwaway MariaDB database, the demo shop.

A test that needs a service the machine lacks skips with the reason, unless
REQUIRE_SERVICES=1 (CI), where it fails instead.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
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


SSHD = Path("/usr/sbin/sshd")


@dataclass
class SshServer:
    port: int
    client_key: Path
    known_hosts: Path
    other_key: Path  # a key the server does not accept


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "pt-test", "-f", str(path)],
                   check=True, capture_output=True)


@pytest.fixture(scope="session")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    for tool in ("rsync", "ssh", "ssh-keygen", "flock"):
        if shutil.which(tool) is None:
            need(f"{tool} is not installed")
    if not SSHD.exists():
        need(f"{SSHD} is not installed (apt install openssh-server)")
    if os.geteuid() != 0:
        need("the sshd test server runs as root (it logs the test user in as itself)")
    # one server for the whole session: deploy tests and the end-to-end pipeline test share it
    d = tmp_path_factory.mktemp("sshd")
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation directory
    for name in ("host_key", "client_key", "other_key"):
        _keygen(d / name)
    (d / "authorized_keys").write_text((d / "client_key.pub").read_text())
    port = free_port()
    cfg = d / "sshd_config"
    cfg.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {d / 'host_key'}\n"
        f"AuthorizedKeysFile {d / 'authorized_keys'}\nPidFile {d / 'sshd.pid'}\n"
        "UsePAM no\nStrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nLogLevel VERBOSE\n"
    )
    log = (d / "sshd.log").open("w")
    proc = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(cfg)], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"sshd did not start: {(d / 'sshd.log').read_text()}")
            time.sleep(0.05)
    host_pub = " ".join((d / "host_key.pub").read_text().split()[:2])
    (d / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_pub}\n")
    yield SshServer(port, d / "client_key", d / "known_hosts", d / "other_key")
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


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
