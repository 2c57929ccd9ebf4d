"""Settings: defaults, .env that never overrides, validation naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from powertracker.config import SETTINGS, load_settings, mask_url
from powertracker.errors import ConfigError


def test_defaults_resolve_against_the_project_root(tmp_path: Path) -> None:
    s = load_settings({}, env_file=tmp_path / "none.env", root=tmp_path)
    assert s.database_url == f"sqlite:///{tmp_path}/data/tracker.db"
    assert s.products_dir == tmp_path / "data" / "products"
    assert s.site_dir == tmp_path / "static"
    assert s.deploy_ssh_port == 22
    assert s.deploy_target is None
    assert s.request_timeout == 20.0


def test_env_file_fills_only_unset_variables(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("SITE_DIR=from-dotenv\nLOG_DIR=/var/log/pt\n")
    s = load_settings({"SITE_DIR": "/srv/site"}, env_file=env_file, root=tmp_path)
    assert s.site_dir == Path("/srv/site")  # the shell wins
    assert s.log_dir == Path("/var/log/pt")  # .env fills the gap


@pytest.mark.parametrize(("name", "value", "message"), [
    ("DEPLOY_SSH_PORT", "twenty-two", "DEPLOY_SSH_PORT='twenty-two' is not a number"),
    ("REQUEST_TIMEOUT", "-1", "REQUEST_TIMEOUT='-1' must not be negative"),
    ("DATABASE_URL", "postgres://x/y", "scheme must be sqlite or mysql"),
    ("DATABASE_URL", "mysql://bob:hunter2@db", "expected mysql://user:pass@host:3306/dbname"),
    ("LOG_LEVEL", "LOUD", "LOG_LEVEL='LOUD'"),
])
def test_bad_values_name_the_variable(tmp_path: Path, name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("'", "'")) as info:
        load_settings({name: value}, env_file=tmp_path / "none.env", root=tmp_path)
    assert "hunter2" not in str(info.value)


def test_masked_hides_the_database_password(tmp_path: Path) -> None:
    s = load_settings({"DATABASE_URL": "mysql://tracker:s3cret@db.lan:3306/pt"},
                      env_file=tmp_path / "none.env", root=tmp_path)
    shown = s.masked()
    assert shown["DATABASE_URL"] == "mysql://tracker:***@db.lan:3306/pt"
    assert set(shown) == {setting.name for setting in SETTINGS}
    assert mask_url("sqlite:///data/tracker.db") == "sqlite:///data/tracker.db"
