#!/usr/bin/env bash
# deploy.sh - rsync the built site (SITE_DIR) to the web host (DEPLOY_TARGET) over SSH.
#
# Settings come from the environment, with .env filling what is unset (asked of
# powertracker.config, so the script sees exactly what the Python side sees).
# Every line goes to LOG_DIR/deployment.log through `python -m powertracker.logs`.
# It deploys only when the site changed since the last deploy to the same target
# (a fingerprint of every path and file content, kept in DATA_DIR/deploy.status),
# retries once after a transient network failure (DEPLOY_RETRY_DELAY seconds
# later), records what it did (DATA_DIR/deploy.status, DATA_DIR/jobs.jsonl) and
# rewrites the metrics file.
#
# Exit codes: 0 deployed (or nothing to change); 1 rsync finished with some files
# not transferred; 2 usage or configuration error (no target, no key, no built
# site); 3 fatal (lock held, host unreachable, key or host key refused).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SETTING_NAMES=(SITE_DIR LOG_DIR DATA_DIR DEPLOY_TARGET DEPLOY_SSH_KEY DEPLOY_SSH_PORT DEPLOY_KNOWN_HOSTS
               DEPLOY_RETRY_DELAY)

usage() {
    cat <<'EOF'
Usage: deploy.sh [--dry-run] [--force] [-h|--help]

Rsync the last good build in SITE_DIR to DEPLOY_TARGET (user@host:/path/) over
SSH, deleting files the site no longer has. The host key must already be in
DEPLOY_KNOWN_HOSTS; the script never asks questions (BatchMode). When the site
is unchanged since the last deploy to the same target it does nothing; a
transient network failure is retried once after DEPLOY_RETRY_DELAY seconds.

  --dry-run   show what would be transferred and deleted; change nothing
  --force     deploy even when the site is unchanged (repairs a changed target)
  -h, --help  this help

Settings (environment, then .env): SITE_DIR (static), DEPLOY_TARGET,
DEPLOY_SSH_KEY, DEPLOY_SSH_PORT (22), DEPLOY_KNOWN_HOSTS (~/.ssh/known_hosts),
DEPLOY_RETRY_DELAY (30), LOG_DIR (logs), DATA_DIR (data; holds deploy.lock
and deploy.status).

Example:
  DEPLOY_TARGET=www@example.org:/var/www/prices/ ./deploy.sh --dry-run
EOF
}

DRY_RUN=0
FORCE=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        -n|--dry-run) DRY_RUN=1 ;;
        -f|--force) FORCE=1 ;;
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
METRICS=0  # set once settings are valid: a real run rewrites the metrics file however it ends
finish() {
    rm -f "$RSYNC_OUT" "$RSYNC_ERR"
    exec 4>&-
    wait "$LOGGER_PID" 2>/dev/null || true
    if [[ "$METRICS" == 1 ]]; then "$PYTHON" -m powertracker.metrics >/dev/null 2>&1 || true; fi
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
if [[ "$DRY_RUN" == 0 ]]; then METRICS=1; fi

# --- only when the site changed since the last deploy to this target ---------
read -r site_state SITE_FP DEPLOYED_AT < <("$PYTHON" -m powertracker.pipeline deploy-check) \
    || die 3 "cannot fingerprint $SITE_DIR"
if [[ "$site_state" == unchanged && "$FORCE" == 0 ]]; then
    if [[ "$DRY_RUN" == 1 ]]; then
        log "site unchanged since the last deploy ($DEPLOYED_AT): a deploy would do nothing"
    else
        "$PYTHON" -m powertracker.jobstatus record deploy skipped target="$DEPLOY_TARGET" \
            site_fingerprint="$SITE_FP" deployed_at="$DEPLOYED_AT" || true
        log "deploy skipped: site unchanged since the last deploy ($DEPLOYED_AT); --force deploys anyway"
        exit 0
    fi
fi

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
run_rsync() {
    set +e
    rsync "${RSYNC_ARGS[@]}" "$SITE_DIR/" "$DEPLOY_TARGET" >"$RSYNC_OUT" 2>"$RSYNC_ERR"
    rc=$?
    set -e
}
transient() {  # a network failure worth one retry (never a refused key or host key)
    case "$rc" in 255|5|10|12|30|35) ;; *) return 1 ;; esac
    if grep -q 'Permission denied\|Host key verification failed\|REMOTE HOST IDENTIFICATION' "$RSYNC_ERR"; then
        return 1
    fi
    grep -q 'Connection refused\|timed out\|Connection reset\|Connection closed\|kex_exchange_identification\|Broken pipe\|No route to host\|Network is unreachable\|Could not resolve\|connection unexpectedly closed\|Temporary failure' \
        "$RSYNC_ERR"
}
run_rsync
if [[ "$rc" -ne 0 ]] && transient; then
    log "$mode: transient failure (rsync exit $rc: $(tr -d '\r' <"$RSYNC_ERR" | grep -v '^$' | head -n 1)); retrying once in ${DEPLOY_RETRY_DELAY}s"
    sleep "$DEPLOY_RETRY_DELAY"
    run_rsync
fi
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

write_status() {  # DATA_DIR/deploy.status and jobs.jsonl: the last real deploy, read by monitor.py
    if [[ "$DRY_RUN" == 1 ]]; then return 0; fi
    local when="$DEPLOYED_AT" extra=()
    if [[ "$1" == ok ]]; then when="$(date -u +%Y-%m-%dT%H:%M:%SZ)"; fi
    if [[ -n "${2:-}" ]]; then extra=("error=$2"); fi
    "$PYTHON" -m powertracker.jobstatus record deploy "$1" rsync_exit="$rc" files_transferred="$files" \
        files_deleted="$deleted" bytes_transferred="$size" bytes_sent="$sent" target="$DEPLOY_TARGET" \
        seconds="$elapsed" site_fingerprint="$SITE_FP" deployed_at="$when" "${extra[@]}" || true
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
            write_status failed "$reason"
            die 3 "$mode failed: $reason ($DEPLOY_TARGET port $DEPLOY_SSH_PORT, rsync exit $rc); target unchanged"
            ;;
        23|24)
            write_status partial "rsync exit $rc"
            die 1 "$mode partly failed: rsync exit $rc, some files not transferred ($files sent)"
            ;;
        *)
            write_status failed "rsync exit $rc"
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
