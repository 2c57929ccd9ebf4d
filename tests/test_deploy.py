"""deploy.sh against a real sshd on a loopback port, with throwaway keys, and real rsync."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, need

from powertracker.lock import job_lock

DEPLOY = ROOT / "deploy.sh"
SSHD = Path("/usr/sbin/sshd")


@dataclass
class SshServer:
    port: int
    client_key: Path
    known_hosts: Path
    other_key: Path  # a key the server does not accept


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "pt-test", "-f", str(path)],
                   check=True, capture_output=True)


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    for tool in ("rsync", "ssh", "ssh-keygen", "flock"):
        if shutil.which(tool) is None:
            need(f"{tool} is not installed")
    if not SSHD.exists():
        need(f"{SSHD} is not installed (apt install openssh-server)")
    if os.geteuid() != 0:
        need("the sshd test server runs as root (it logs the test user in as itself)")
    d = tmp_path_factory.mktemp("sshd")
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation directory
    for name in ("host_key", "client_key", "other_key"):
        _keygen(d / name)
    (d / "authorized_keys").write_text((d / "client_key.pub").read_text())
    port = _free_port()
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
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "p").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Prices</title><h1>Prices</h1>\n")
    (site / "p" / "river-2.html").write_text("<h1>River 2</h1><p>£299.00</p>\n")
    (site / "p" / "delta-2.html").write_text("<h1>Delta 2</h1><p>£799.00</p>\n")
    (site / "style.css").write_text("body{font-family:sans-serif}\n")
    return site


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "www"
    path.mkdir()
    return path


@pytest.fixture
def deploy_env(env: dict[str, str], sshd: SshServer, site: Path, target: Path) -> dict[str, str]:
    env = dict(env)
    env.update({
        "SITE_DIR": str(site),
        "DEPLOY_TARGET": f"root@127.0.0.1:{target}/",
        "DEPLOY_SSH_KEY": str(sshd.client_key),
        "DEPLOY_SSH_PORT": str(sshd.port),
        "DEPLOY_KNOWN_HOSTS": str(sshd.known_hosts),
    })
    return env


def deploy(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(DEPLOY), *args], env=env, capture_output=True, text=True, timeout=60,
                          cwd="/")


def tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def summary(output: str) -> tuple[int, int]:
    """(files transferred, files deleted) from the summary line."""
    m = re.search(r"(?:transferred|would transfer) (\d+) files .*?delete(?:d)? (\d+)", output)
    assert m, output
    return int(m.group(1)), int(m.group(2))


def deployment_log(env: dict[str, str]) -> str:
    return (Path(env["LOG_DIR"]) / "deployment.log").read_text()


def test_first_deploy_copies_the_site_then_nothing_changes(deploy_env: dict[str, str], site: Path,
                                                           target: Path) -> None:
    r = deploy(deploy_env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert tree(target) == tree(site)
    assert summary(r.stdout) == (4, 0)
    assert "<f+++++++++ index.html" in r.stdout
    log = deployment_log(deploy_env)
    assert "deploy ok: transferred 4 files" in log
    status = json.loads((Path(deploy_env["DATA_DIR"]) / "deploy.status").read_text())
    assert (status["status"], status["files_transferred"], status["files_deleted"]) == ("ok", 4, 0)

    again = deploy(deploy_env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert summary(again.stdout) == (0, 0)
    assert "deploy ok: transferred 0 files (0 bytes" in deployment_log(deploy_env)
    assert tree(target) == tree(site)


def test_deleted_page_is_removed_at_target(deploy_env: dict[str, str], site: Path, target: Path) -> None:
    assert deploy(deploy_env).returncode == 0
    (site / "p" / "delta-2.html").unlink()
    (site / "index.html").write_text("<h1>Prices, updated</h1>\n")
    r = deploy(deploy_env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert summary(r.stdout) == (1, 1)
    assert "*deleting   p/delta-2.html" in r.stdout
    assert not (target / "p" / "delta-2.html").exists()
    assert tree(target) == tree(site)


def test_dry_run_changes_nothing(deploy_env: dict[str, str], site: Path, target: Path) -> None:
    (target / "old.html").write_text("stale page\n")
    r = deploy(deploy_env, "--dry-run")
    assert r.returncode == 0, r.stdout + r.stderr
    assert summary(r.stdout) == (4, 1)
    assert "nothing changed" in r.stdout
    assert tree(target) == {"old.html": b"stale page\n"}
    assert not (Path(deploy_env["DATA_DIR"]) / "deploy.status").exists()


def test_wrong_key_fails_clearly_and_leaves_target(deploy_env: dict[str, str], sshd: SshServer,
                                                   target: Path) -> None:
    (target / "live.html").write_text("live\n")
    env = dict(deploy_env, DEPLOY_SSH_KEY=str(sshd.other_key))
    r = deploy(env)
    assert r.returncode == 3, r.stdout + r.stderr
    assert "the host refused the key" in r.stderr, r.stderr
    assert "Permission denied" in r.stderr
    assert tree(target) == {"live.html": b"live\n"}
    assert "deploy failed: the host refused the key" in deployment_log(env)
    errors = (Path(env["LOG_DIR"]) / "errors.log").read_text()
    assert "the host refused the key" in errors
    status = json.loads((Path(env["DATA_DIR"]) / "deploy.status").read_text())
    assert status["status"] == "failed"


def test_unknown_host_key_is_refused(deploy_env: dict[str, str], tmp_path: Path, target: Path) -> None:
    empty = tmp_path / "known_hosts_empty"
    empty.write_text("")
    r = deploy(dict(deploy_env, DEPLOY_KNOWN_HOSTS=str(empty)))
    assert r.returncode == 3, r.stdout + r.stderr
    assert "host key not in" in r.stderr
    assert tree(target) == {}


def test_unreachable_port_fails(deploy_env: dict[str, str], target: Path) -> None:
    r = deploy(dict(deploy_env, DEPLOY_SSH_PORT=str(_free_port())))
    assert r.returncode == 3, r.stdout + r.stderr
    assert "host unreachable" in r.stderr, r.stderr
    assert tree(target) == {}


def test_missing_target_is_a_config_error(deploy_env: dict[str, str], target: Path) -> None:
    r = deploy(dict(deploy_env, DEPLOY_TARGET=""))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "DEPLOY_TARGET is not set" in r.stderr
    assert "DEPLOY_TARGET is not set" in deployment_log(deploy_env)


@pytest.mark.parametrize("breakage", ["no_index", "empty_index", "no_site"])
def test_refuses_an_empty_or_half_built_site(deploy_env: dict[str, str], site: Path, target: Path,
                                             breakage: str) -> None:
    (target / "live.html").write_text("live\n")
    if breakage == "no_index":
        (site / "index.html").unlink()
    elif breakage == "empty_index":
        (site / "index.html").write_text("")
    else:
        shutil.rmtree(site)
    r = deploy(deploy_env)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "index.html" in r.stderr or "does not exist" in r.stderr
    assert tree(target) == {"live.html": b"live\n"}


def test_held_lock_exits_3(deploy_env: dict[str, str], target: Path) -> None:
    with job_lock(Path(deploy_env["DATA_DIR"]), "deploy"):
        r = deploy(deploy_env)
    assert r.returncode == 3, r.stdout + r.stderr
    assert f"(pid {os.getpid()})" in r.stderr
    assert tree(target) == {}


def test_bad_settings_and_arguments_exit_2(deploy_env: dict[str, str], tmp_path: Path) -> None:
    r = deploy(dict(deploy_env, DEPLOY_SSH_PORT="twenty-two"))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "DEPLOY_SSH_PORT" in r.stderr
    r = deploy(dict(deploy_env, DEPLOY_SSH_KEY=str(tmp_path / "nope")))
    assert r.returncode == 2 and "is not a readable file" in r.stderr, r.stderr
    r = deploy(deploy_env, "--bogus")
    assert r.returncode == 2 and "unknown argument" in r.stderr, r.stderr


def test_help() -> None:
    r = subprocess.run([str(DEPLOY), "-h"], capture_output=True, text=True, timeout=10)
    assert r.returncode == 0
    assert r.stdout.startswith("Usage: deploy.sh [--dry-run]")
    assert "Example:" in r.stdout
