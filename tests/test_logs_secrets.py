"""No password or DSN secret ever reaches a log, a status file or the metrics file.

Every job runs against MariaDB through a user with a password in DATABASE_URL
(plus runs with a wrong password and an unreachable server), then every file
the jobs wrote and everything they printed is searched for the password.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from conftest import MARIADB_TEST_URL, ROOT, _mariadb_server

from powertracker.demo_shop import DemoShop, copy_catalog


@pytest.fixture
def secret_url(mariadb_url: str) -> Iterator[tuple[str, str]]:
    """(URL with a password, the password) for a user of the test database."""
    user = "pt_u_" + secrets.token_hex(3)
    password = f"Zq9!{secrets.token_hex(6)}@x"
    database = urlsplit(mariadb_url).path.strip("/")
    server = _mariadb_server()
    with server.cursor() as cur:
        for host in ("localhost", "127.0.0.1", "%"):
            cur.execute(f"CREATE USER '{user}'@'{host.replace('%', '%%')}' IDENTIFIED BY %s", (password,))
            for db in (database, database + "_r"):  # _r: the restore target, created by restore.py
                cur.execute(f"GRANT ALL ON `{db}`.* TO '{user}'@'{host}'")
    parts = urlsplit(MARIADB_TEST_URL)
    yield f"mysql://{user}:{quote(password, safe='')}@{parts.hostname}:{parts.port or 3306}/{database}", password
    with server.cursor() as cur:
        for host in ("localhost", "127.0.0.1", "%"):
            cur.execute(f"DROP USER IF EXISTS '{user}'@'{host}'")
    server.close()


def test_no_secret_in_any_log(secret_url: tuple[str, str], env: dict[str, str], demo_shop: DemoShop,
                              tmp_path: Path) -> None:
    url, password = secret_url
    copy_catalog(Path(env["PRODUCTS_DIR"]), Path(env["RETAILERS_FILE"]), demo_shop.url)
    env = dict(env, DATABASE_URL=url, DEFAULT_DELAY="0", LOG_LEVEL="DEBUG")
    wrong = url.replace(quote(password, safe=""), "not-the-password")
    down = url.replace(f"@{urlsplit(url).hostname}:{urlsplit(url).port}", "@127.0.0.1:1")
    py = sys.executable
    before = set(Path(tempfile.gettempdir()).glob("pt-client-*.cnf"))
    runs = [
        (env, [py, "scrape.py"], {0, 1}),
        (env, [py, "generate.py", "--if-changed"], {0}),
        (env, [py, "generate.py", "--if-changed"], {0}),
        (env, [py, "backup.py"], {0}),
        (env, [py, "export_prices.py"], {0}),
        (env, [py, "cleanup_logs.py"], {0}),
        (env, [py, "monitor.py"], {0}),
        (env, [py, "monitor.py", "--json"], {0}),
        (env, [py, "quick_status.py", "--settings"], {0}),
        (env, [py, "quick_status.py"], {0, 1, 2}),
        (env, [py, "restore.py", "latest", "--to", url + "_r"], {0}),
        (env, ["./deploy.sh"], {2}),
        (dict(env, DATABASE_URL=wrong), [py, "scrape.py"], {3}),
        (dict(env, DATABASE_URL=wrong), [py, "backup.py"], {3}),
        (dict(env, DATABASE_URL=wrong), [py, "generate.py"], {3}),
        (dict(env, DATABASE_URL=down), [py, "cleanup_logs.py"], {3}),
        (dict(env, DATABASE_URL=down), [py, "export_prices.py"], {3}),
        (dict(env, DATABASE_URL=down), [py, "quick_status.py"], {3}),
    ]
    printed = []
    try:
        for run_env, argv, codes in runs:
            r = subprocess.run(argv, env=run_env, cwd=ROOT, capture_output=True, text=True, timeout=120)
            assert r.returncode in codes, f"{argv}: {r.returncode}\n{r.stdout}\n{r.stderr}"
            printed.append(r.stdout + r.stderr)
    finally:
        server = _mariadb_server()
        with server.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{urlsplit(url).path.strip('/')}_r`")
        server.close()
    written = [p for d in (env["LOG_DIR"], env["DATA_DIR"]) for p in Path(d).rglob("*")
               if p.is_file() and "backups" not in p.parts]
    names = {p.name for p in written}
    assert {"power_tracker.log", "errors.log", "scraping.log", "deployment.log", "backup.status",
            "export.status", "cleanup.status", "jobs.jsonl", "power_tracker.prom", "generate.state"} <= names, names
    errors = (Path(env["LOG_DIR"]) / "errors.log").read_text()
    assert "Access denied" in errors and "mysql://pt_u_" in errors  # failures are logged, masked
    for secret in (password, quote(password, safe=""), password[:10]):
        for path in written:
            assert secret.encode() not in path.read_bytes(), f"{secret!r} in {path}"
        for text in printed:
            assert secret not in text, text
    assert "mysql://pt_u_" in "".join(printed) and ":***@" in "".join(printed)
    assert set(Path(tempfile.gettempdir()).glob("pt-client-*.cnf")) == before  # password files removed
