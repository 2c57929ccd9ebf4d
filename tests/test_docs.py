"""The documentation keeps up: every script answers -h, every setting is documented."""

from __future__ import annotations

import subprocess
import sys

import pytest

from powertracker.config import PROJECT_ROOT, SETTINGS

SCRIPTS = ["scrape.py", "generate.py", "monitor.py", "quick_status.py", "cleanup_logs.py"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_has_help_with_an_example(script: str) -> None:
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / script), "-h"],
                            capture_output=True, text=True, timeout=60, cwd="/")
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout
    assert "Example" in result.stdout, f"{script} -h shows no example"


def test_deploy_script_has_help() -> None:
    result = subprocess.run(["bash", str(PROJECT_ROOT / "deploy.sh"), "--help"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "DEPLOY_TARGET" in result.stdout


@pytest.mark.parametrize("document", ["README.md", ".env.example"])
def test_every_setting_is_documented(document: str) -> None:
    text = (PROJECT_ROOT / document).read_text()
    missing = [s.name for s in SETTINGS if s.name not in text]
    assert missing == [], f"{document} does not mention {missing}"


def test_readme_shows_the_two_commands_that_matter() -> None:
    text = (PROJECT_ROOT / "README.md").read_text()
    assert "make demo" in text and "make test" in text
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "REQUIRE_SERVICES=1" in ci
