#!/usr/bin/env bash
# Start the object-store emulators the tests use, on 127.0.0.1, if they are not already up:
#   S3    moto server   http://127.0.0.1:5055      (PyPI moto[server], from .venv)
#   Azure Azurite blob  http://127.0.0.1:10000     (npm azurite, from .ci/cache/node)
# Idempotent; logs and data go under .ci/cache/emulators/. Called by .ci/run; usable by hand.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
STATE=$ROOT/.ci/cache/emulators
mkdir -p "$STATE"

MOTO=${MOTO_SERVER:-$ROOT/.venv/bin/moto_server}
AZURITE=${AZURITE_BIN:-$ROOT/.ci/cache/node/node_modules/.bin/azurite-blob}

up() { curl -s -o /dev/null --max-time 2 "$1"; }

wait_up() {
    local what=$1 url=$2 log=$3
    for _ in $(seq 1 60); do
        if up "$url"; then
            echo "$what is up ($url)"
            return 0
        fi
        sleep 0.5
    done
    echo "FAIL: $what did not start; last lines of $log:" >&2
    tail -n 20 "$log" >&2 || true
    exit 1
}

if up http://127.0.0.1:5055/moto-api/; then
    echo "moto S3 already running on :5055"
else
    [ -x "$MOTO" ] || { echo "FAIL: $MOTO missing (pip install -r .ci/requirements.txt into .venv)" >&2; exit 1; }
    nohup "$MOTO" -H 127.0.0.1 -p 5055 >"$STATE/moto.log" 2>&1 &
    wait_up "moto S3" http://127.0.0.1:5055/moto-api/ "$STATE/moto.log"
fi

# An Azurite left running from a checkout that has since been deleted answers on :10000 but
# fails every write (its --location is gone): stop it and start a fresh one.
for pid in $(pgrep -f azurite-blob || true); do
    loc=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -A1 -x -- --location | tail -n 1 || true)
    if [ -n "$loc" ] && [ ! -d "$loc" ]; then
        echo "stopping stale Azurite (pid $pid): its data directory $loc is gone"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do up http://127.0.0.1:10000/ || break; sleep 0.25; done
    fi
done

if up http://127.0.0.1:10000/; then
    echo "Azurite already running on :10000"
else
    [ -x "$AZURITE" ] || { echo "FAIL: $AZURITE missing (npm ci in .ci/cache/node)" >&2; exit 1; }
    nohup "$AZURITE" --blobHost 127.0.0.1 --blobPort 10000 --location "$STATE/azurite" \
        --skipApiVersionCheck --loose >"$STATE/azurite.log" 2>&1 &
    wait_up "Azurite blob" http://127.0.0.1:10000/ "$STATE/azurite.log"
fi
