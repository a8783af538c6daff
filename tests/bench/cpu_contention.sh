#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# How long a run takes when other processes keep the cores busy: the demo project cut down
# to a quick search (NASWOT, 12 x 30, no final training) and to a short version of every
# phase (200 one-shot steps, 2 generations, 1 final epoch), each alone and beside one busy
# loop per core. Prints a table of wall times and the run's own phase times.
#   tests/bench/cpu_contention.sh [build/bin/calibra-cli]
set -euo pipefail
cli=$(realpath "${1:-build/bin/calibra-cli}")
work=$(mktemp -d "${TMPDIR:-/tmp}/calibra-contention.XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
"$cli" run --population 12 --generations 30 --estimator naswot --final-epochs 0 --write-project quick.yaml >/dev/null
"$cli" run --generations 2 --final-epochs 1 --write-project short.yaml >/dev/null
sed -i 's/^  steps: .*/  steps: 200/' short.yaml
cores=$(nproc)

run() { # project, label
    rm -rf run
    local start=$EPOCHREALTIME
    "$cli" run "$1" -d run >run.log 2>&1 || { echo "$1 ($2) failed:"; tail -5 run.log; exit 1; }
    printf '%-10s %-22s %8.1f  %s\n' "$1" "$2" "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')" \
        "$(sed -n 's/^time: //p' run.log)"
}

printf '%-10s %-22s %8s  %s\n' project machine "wall s" "phases (the run's own report)"
for project in quick.yaml short.yaml; do
    run "$project" idle
    busy=()
    for ((i = 0; i < cores; ++i)); do
        (while :; do :; done) &
        busy+=($!)
    done
    run "$project" "$cores busy loop(s)"
    kill "${busy[@]}"
    wait "${busy[@]}" 2>/dev/null || true
done
