"""deploy.sh against a real sshd on a loopback port, with throwaway keys, and real rsync."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import ROOT, SshServer

from powertracker.lock import job_lock

DEPLOY = ROOT / "deploy.sh"


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
        "DEPLOY_RETRY_DELAY": "0",
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

    assert status["site_fingerprint"] and status["target"] == deploy_env["DEPLOY_TARGET"]
    metrics = (Path(deploy_env["DATA_DIR"]) / "metrics" / "power_tracker.prom").read_text()
    assert 'power_tracker_job_last_run_ok{job="deploy"} 1\n' in metrics
    assert "power_tracker_deploy_last_files_transferred 4\n" in metrics

    again = deploy(deploy_env)  # nothing changed: no rsync at all
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.startswith("deploy skipped: site unchanged since the last deploy ("), again.stdout
    skipped = json.loads((Path(deploy_env["DATA_DIR"]) / "deploy.status").read_text())
    assert (skipped["status"], skipped["deployed_at"]) == ("skipped", status["deployed_at"])
    assert tree(target) == tree(site)

    forced = deploy(deploy_env, "--force")  # rsync runs and finds nothing to send
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert summary(forced.stdout) == (0, 0)
    assert "deploy ok: transferred 0 files (0 bytes" in deployment_log(deploy_env)
    assert tree(target) == tree(site)
    (target / "index.html").write_text("changed on the host\n")  # --force repairs a changed target
    assert deploy(deploy_env).stdout.startswith("deploy skipped")
    assert summary(deploy(deploy_env, "--force").stdout) == (1, 0)
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
    assert "retrying" not in r.stdout + r.stderr  # a refused key is not transient
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


def test_unreachable_port_fails_after_one_retry(deploy_env: dict[str, str], target: Path) -> None:
    with socket.socket() as holder:  # bound, never listening: refused, and no other process can take the port
        holder.bind(("127.0.0.1", 0))
        port = holder.getsockname()[1]
        r = deploy(dict(deploy_env, DEPLOY_SSH_PORT=str(port), DEPLOY_RETRY_DELAY="1"))
    assert r.returncode == 3, r.stdout + r.stderr
    assert re.search(rf"transient failure \(rsync exit \d+: ssh: connect to host 127.0.0.1 port {port}:"
                     r" Connection refused\); retrying once in 1s\n", r.stdout), r.stdout
    # rsync reports ssh's refusal as 255, or as 12 when it notices the closed stream first: both are unreachable
    assert re.search(rf"error: deploy failed: host unreachable \(root@127\.0\.0\.1:{re.escape(str(target))}/ port {port},"
                     r" rsync exit (255|12)\); target unchanged", r.stderr), r.stderr
    assert "retrying once" in deployment_log(deploy_env)
    assert tree(target) == {}
    status = json.loads((Path(deploy_env["DATA_DIR"]) / "deploy.status").read_text())
    assert (status["status"], status["error"]) == ("failed", "host unreachable")


class FlakyProxy:
    """A loopback TCP proxy to sshd that drops its first ``drops`` connections at once."""

    def __init__(self, upstream: int, drops: int = 1) -> None:
        self.upstream, self.drops, self.accepted = upstream, drops, 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            if self.accepted <= self.drops:
                conn.close()
                continue
            up = socket.create_connection(("127.0.0.1", self.upstream))
            for a, b in ((conn, up), (up, conn)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


def test_transient_failure_is_retried_once(deploy_env: dict[str, str], sshd: SshServer, site: Path,
                                           target: Path, tmp_path: Path) -> None:
    proxy = FlakyProxy(sshd.port, drops=1)
    known = tmp_path / "known_hosts_proxy"
    known.write_text(sshd.known_hosts.read_text().replace(f"]:{sshd.port} ", f"]:{proxy.port} "))
    try:
        r = deploy(dict(deploy_env, DEPLOY_SSH_PORT=str(proxy.port), DEPLOY_KNOWN_HOSTS=str(known)))
    finally:
        proxy.close()
    assert r.returncode == 0, r.stdout + r.stderr
    assert proxy.accepted == 2
    assert re.search(r"transient failure \(rsync exit \d+: kex_exchange_identification: (read: )?Connection"
                     r" (closed by remote host|reset by peer)\); retrying once in 0s\n", r.stdout), r.stdout
    assert summary(r.stdout) == (4, 0)
    assert tree(target) == tree(site)


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
