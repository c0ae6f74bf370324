#!/usr/bin/env bash
# Start-up time from outside: milliseconds from spawning `serve` to its --port-file being written,
# which is when health is SERVING. Each start uses fresh model and data directories, and the
# server is stopped with SIGTERM before the next.
#   scripts/startup-time.sh RUNS [java options...]
#   scripts/startup-time.sh 5
#   scripts/startup-time.sh 5 -XX:SharedArchiveFile=leadscore-cli/target/leadscore.jsa
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${LEADSCORE_JAR:-$root/leadscore-cli/target/leadscore.jar}"
runs="${1:?usage: startup-time.sh RUNS [java options...]}"
shift
work="$(mktemp -d "${TMPDIR:-/tmp}/leadscore-startup.XXXXXX")"
trap 'rm -rf "$work"' EXIT
for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/run" && mkdir -p "$work/run/models"
  start=$(date +%s%N)
  java -XX:+ExitOnOutOfMemoryError "$@" -jar "$jar" serve --host 127.0.0.1 --port 0 \
    --metrics-port 0 --models "$work/run/models" --data "$work/run/data" \
    --port-file "$work/run/port" >"$work/run/log" 2>&1 &
  pid=$!
  # Bounded: a start that takes over 60 s is reported as failed.
  for ((w = 0; w < 12000; w++)); do
    [ -s "$work/run/port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.005
  done
  end=$(date +%s%N)
  if [ -s "$work/run/port" ]; then
    echo "run $i: $(((end - start) / 1000000)) ms to the port file, $(grep -o 'startup_ms=[0-9]*' "$work/run/log" || true)"
  else
    echo "run $i: failed; log:" && cat "$work/run/log"
  fi
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
