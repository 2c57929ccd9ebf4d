#!/usr/bin/env bash
# deploy.sh - rsync the built site (SITE_DIR) to the web host (DEPLOY_TARGET) over SSH.
#
# Settings come from the environment, with .env filling what is unset (asked of
# powertracker.config, so the script sees exactly what the Python side sees).
# Every line goes to LOG_DIR/deployment.log through `python -m powertracker.logs`.
#
# Exit codes: 0 deployed (or nothing to change); 1 rsync finished with some files
# not transferred; 2 usage or configuration error (no target, no key, no built
# site); 3 fatal (lock held, host unreachable, key or host key refused).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SETTING_NAMES=(SITE_DIR LOG_DIR DATA_DIR DEPLOY_TARGET DEPLOY_SSH_KEY DEPLOY_SSH_PORT DEPLOY_KNOWN_HOSTS)

usage() {
    cat <<'EOF'
Usage: deploy.sh [--dry-run] [-h|--help]

Rsync the last good build in SITE_DIR to DEPLOY_TARGET (user@host:/path/) over
SSH, deleting files the site no longer has. The host key must already be in
DEPLOY_KNOWN_HOSTS; the script never asks questions (BatchMode).

  --dry-run   show what would be transferred and deleted; change nothing
  -h, --help  this help

Settings (environment, then .env): SITE_DIR (static), DEPLOY_TARGET,
DEPLOY_SSH_KEY, DEPLOY_SSH_PORT (22), DEPLOY_KNOWN_HOSTS (~/.ssh/known_hosts),
LOG_DIR (logs), DATA_DIR (data; holds deploy.lock and deploy.status).

Example:
  DEPLOY_TARGET=www@example.org:/var/www/prices/ ./deploy.sh --dry-run
EOF
}

DRY_RUN=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        -n|--dry-run) DRY_RUN=1 ;;
        *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done

# --- Python and effective settings -------------------------------------------
if [[ -n "${PYTHON:-}" ]]; then :
elif [[ -x "$ROOT/.venv/bin/python" ]]; then PYTHON="$ROOT/.venv/bin/python"
else PYTHON="$(command -v python3 || true)"
fi
if [[ -z "$PYTHON" ]]; then
    echo "error: no Python found (set PYTHON, or create .venv)" >&2; exit 2
fi
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"

if ! settings="$("$PYTHON" -m powertracker.config --shell "${SETTING_NAMES[@]}")"; then
    echo "error: cannot load settings (see above)" >&2; exit 2
fi
# Only NAME='quoted' lines for the names asked for; shlex.quote makes eval safe.
eval "$settings"

for tool in rsync ssh flock; do
    if ! command -v "$tool" >/dev/null; then
        echo "error: $tool is not installed" >&2; exit 2
    fi
done

# --- logging: one long-lived logger process fed through fd 4 ------------------
mkdir -p "$LOG_DIR" "$DATA_DIR"
exec 4> >("$PYTHON" -m powertracker.logs deployment >/dev/null)
LOGGER_PID=$!
RSYNC_OUT="$(mktemp)"
RSYNC_ERR="$(mktemp)"
finish() {
    rm -f "$RSYNC_OUT" "$RSYNC_ERR"
    exec 4>&-
    wait "$LOGGER_PID" 2>/dev/null || true
}
trap finish EXIT

log() { printf '%s\n' "$*"; printf '%s\n' "$*" >&4 || true; }
err() { printf 'error: %s\n' "$*" >&2; printf 'error: %s\n' "$*" >&4 || true; }
die() { local code="$1"; shift; err "$*"; exit "$code"; }

# --- refuse anything that could publish a broken or empty site ---------------
[[ -n "$DEPLOY_TARGET" ]] || die 2 "DEPLOY_TARGET is not set (user@host:/path/); nothing deployed"
[[ "$DEPLOY_TARGET" == *:* ]] \
    || die 2 "DEPLOY_TARGET='$DEPLOY_TARGET' is not a remote user@host:/path/ destination"
[[ -d "$SITE_DIR" ]] || die 2 "SITE_DIR $SITE_DIR does not exist; run generate.py first"
[[ -s "$SITE_DIR/index.html" ]] \
    || die 2 "SITE_DIR $SITE_DIR has no index.html; refusing to rsync --delete an empty or half-built site"
if [[ -n "$DEPLOY_SSH_KEY" && ! -r "$DEPLOY_SSH_KEY" ]]; then
    die 2 "DEPLOY_SSH_KEY $DEPLOY_SSH_KEY is not a readable file"
fi
[[ -r "$DEPLOY_KNOWN_HOSTS" ]] \
    || die 2 "DEPLOY_KNOWN_HOSTS $DEPLOY_KNOWN_HOSTS is missing; add the host key (ssh-keyscan, checked by hand)"
for path in "$DEPLOY_SSH_KEY" "$DEPLOY_KNOWN_HOSTS"; do
    [[ "$path" != *"'"* ]] || die 2 "path $path contains a single quote, which rsync -e cannot pass"
done

# --- one deploy at a time ----------------------------------------------------
LOCK="$DATA_DIR/deploy.lock"
exec 9>>"$LOCK"
if ! flock -n 9; then
    die 3 "another deploy holds $LOCK (pid $(head -c 32 "$LOCK" 2>/dev/null || echo unknown)); exiting"
fi
printf '%s\n' "$$" >"$LOCK"

# --- rsync --------------------------------------------------------------------
SSH_CMD="ssh -p $DEPLOY_SSH_PORT -o 'UserKnownHostsFile=$DEPLOY_KNOWN_HOSTS' -o StrictHostKeyChecking=yes"
SSH_CMD+=" -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=15 -o ServerAliveCountMax=3"
if [[ -n "$DEPLOY_SSH_KEY" ]]; then
    SSH_CMD+=" -i '$DEPLOY_SSH_KEY' -o IdentitiesOnly=yes"
fi
RSYNC_ARGS=(-az --delete --delete-delay --delay-updates --timeout=120 --itemize-changes --stats
            --chmod=D755,F644 --no-human-readable -e "$SSH_CMD")
mode="deploy"
if [[ "$DRY_RUN" == 1 ]]; then
    RSYNC_ARGS+=(--dry-run)
    mode="dry run"
fi
log "$mode start: $SITE_DIR/ -> $DEPLOY_TARGET (port $DEPLOY_SSH_PORT)"
started=$SECONDS
set +e
rsync "${RSYNC_ARGS[@]}" "$SITE_DIR/" "$DEPLOY_TARGET" >"$RSYNC_OUT" 2>"$RSYNC_ERR"
rc=$?
set -e
elapsed=$((SECONDS - started))

# Itemized changes (at most 50 lines logged), then the figures from --stats.
changes="$(grep -E '^([<>ch.*][fdLDS]|\*deleting)' "$RSYNC_OUT" || true)"
n_changes=0
if [[ -n "$changes" ]]; then n_changes="$(printf '%s\n' "$changes" | wc -l)"; fi
if [[ "$n_changes" -gt 0 ]]; then
    printf '%s\n' "$changes" | head -n 50 | while IFS= read -r line; do log "  $line"; done
    if [[ "$n_changes" -gt 50 ]]; then log "  ... and $((n_changes - 50)) more changes"; fi
fi
rsync_stat() {  # the number after "$1:" in rsync --stats output, 0 when absent
    local v
    v="$(sed -n "s/^$1: *\([0-9,]*\).*/\1/p" "$RSYNC_OUT" | head -n 1 | tr -d ,)"
    printf '%s' "${v:-0}"
}
files="$(rsync_stat 'Number of regular files transferred')"
deleted="$(rsync_stat 'Number of deleted files')"
size="$(rsync_stat 'Total transferred file size')"
sent="$(rsync_stat 'Total bytes sent')"
total="$(rsync_stat 'Number of files')"

write_status() {  # DATA_DIR/deploy.status: the last real deploy, read by monitor.py
    if [[ "$DRY_RUN" == 1 ]]; then return 0; fi
    "$PYTHON" - "$DATA_DIR/deploy.status" "$1" "$rc" "$files" "$deleted" "$size" "$sent" \
        "$DEPLOY_TARGET" "$elapsed" <<'EOF' || true
import json, os, sys, datetime
path, status, rc, files, deleted, size, sent, target, elapsed = sys.argv[1:]
doc = {"finished_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
       "status": status, "rsync_exit": int(rc), "files_transferred": int(files),
       "files_deleted": int(deleted), "bytes_transferred": int(size), "bytes_sent": int(sent),
       "target": target, "seconds": int(elapsed)}
with open(path + ".tmp", "w", encoding="utf-8") as fh:
    json.dump(doc, fh, sort_keys=True)
os.replace(path + ".tmp", path)
EOF
}

if [[ "$rc" -ne 0 ]]; then
    while IFS= read -r line; do if [[ -n "$line" ]]; then err "  $line"; fi; done <"$RSYNC_ERR"
    case "$rc" in
        255|5|10|12)
            reason="could not connect or log in"
            if grep -q 'Host key verification failed\|REMOTE HOST IDENTIFICATION HAS CHANGED' "$RSYNC_ERR"; then
                reason="host key not in $DEPLOY_KNOWN_HOSTS or changed"
            elif grep -q 'Permission denied' "$RSYNC_ERR"; then
                reason="the host refused the key ${DEPLOY_SSH_KEY:-(ssh default)}"
            elif grep -q 'Connection refused\|timed out\|No route to host\|Could not resolve\|Network is unreachable' \
                    "$RSYNC_ERR"; then
                reason="host unreachable"
            fi
            write_status failed
            die 3 "$mode failed: $reason ($DEPLOY_TARGET port $DEPLOY_SSH_PORT, rsync exit $rc); target unchanged"
            ;;
        23|24)
            write_status partial
            die 1 "$mode partly failed: rsync exit $rc, some files not transferred ($files sent)"
            ;;
        *)
            write_status failed
            die 3 "$mode failed: rsync exit $rc"
            ;;
    esac
fi

write_status ok
if [[ "$DRY_RUN" == 1 ]]; then
    log "dry run ok: would transfer $files files ($size bytes), delete $deleted; site has $total entries; nothing changed"
else
    log "deploy ok: transferred $files files ($size bytes, $sent bytes sent), deleted $deleted; site has $total entries; ${elapsed}s"
fi
