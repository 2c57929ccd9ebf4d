#!/usr/bin/env bash
# install_cron.sh - put crontab.example's block into the user's crontab, idempotently.
#
# The block between "# >>> power-tracker >>>" and "# <<< power-tracker <<<" is
# replaced wherever it is (or appended once); every other line of the crontab
# is kept as it was. /home/pi/power-tracker in the example becomes this checkout.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: scripts/install_cron.sh [--dry-run] [--remove] [-h|--help]

Install (or with --remove, take out) the Power Tracker block of crontab.example
in the current user's crontab. Running it again replaces the block; it never
adds a second one. CRONTAB_FILE=path edits that file instead of `crontab`
(for /etc/cron.d-style files and for tests).

  --dry-run   print the crontab it would install; change nothing
  --remove    remove the block
  -h, --help  this help

Example:
  scripts/install_cron.sh --dry-run && scripts/install_cron.sh
USAGE
}

DRY_RUN=0
REMOVE=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        -n|--dry-run) DRY_RUN=1 ;;
        --remove) REMOVE=1 ;;
        *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BEGIN='# >>> power-tracker >>>'
END='# <<< power-tracker <<<'
if [[ "$ROOT" == *'#'* || "$ROOT" == *' '* ]]; then
    echo "error: the checkout path '$ROOT' contains '#' or a space, which cron lines cannot hold" >&2; exit 2
fi

read_current() {
    if [[ -n "${CRONTAB_FILE:-}" ]]; then cat "$CRONTAB_FILE" 2>/dev/null || true
    else
        command -v crontab >/dev/null || { echo "error: crontab is not installed (apt install cron)" >&2; exit 2; }
        crontab -l 2>/dev/null || true
    fi
}

current="$(read_current)"
if [[ "$(printf '%s\n' "$current" | grep -c "^$BEGIN")" != "$(printf '%s\n' "$current" | grep -c "^$END")" ]]; then
    echo "error: the crontab has an unmatched '$BEGIN' or '$END' line; fix it by hand (crontab -e)" >&2; exit 2
fi
others="$(printf '%s\n' "$current" | awk -v b="$BEGIN" -v e="$END" \
    'index($0, b) == 1 {skip = 1} !skip {print} index($0, e) == 1 {skip = 0}' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}')"
block=""
if [[ "$REMOVE" == 0 ]]; then
    block="$(sed "s#/home/pi/power-tracker#$ROOT#g" "$ROOT/crontab.example")"
fi
new="$others"
if [[ -n "$block" ]]; then new="${others:+$others
}$block"; fi

if [[ "$DRY_RUN" == 1 ]]; then printf '%s\n' "$new"; exit 0; fi
if [[ -n "${CRONTAB_FILE:-}" ]]; then
    tmp="$(mktemp "$(dirname "$CRONTAB_FILE")/.crontab.XXXXXX")"
    printf '%s\n' "$new" >"$tmp"
    mv "$tmp" "$CRONTAB_FILE"
else
    printf '%s\n' "$new" | crontab -
fi
if [[ "$REMOVE" == 1 ]]; then echo "removed the Power Tracker block"; else
    echo "installed the Power Tracker block ($(printf '%s\n' "$block" | grep -c '^[0-9*]') jobs) for $ROOT"; fi
