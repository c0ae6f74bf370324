#!/usr/bin/env bash
# Server CPU per acknowledged StreamEvents event, read from the server's own /proc/PID/stat, so
# the load client sharing the machine does not hide it. Starts `serve` with a fresh RocksDB store,
# runs scoring-bench's EventStreamLoad (a warm-up of EVENTS/5, at most 200,000, on other leads,
# then EVENTS over LEADS), and reports events/s, server CPU per event (warm-up and JIT included),
# server RSS and the store's bytes on disk per lead. Loopback only; stops the server at the end.
#   scripts/stream-cpu.sh EVENTS LEADS [STREAMS=4] [--batch N] [--order in-order|newest-first]
#   scripts/stream-cpu.sh 200000 10000       # 20 events per lead
#   scripts/stream-cpu.sh 100000 100         # 1,000 per lead: the retained history fills up
#   scripts/stream-cpu.sh 200000 10000 4 --batch 100   # StreamEventBatches, 100 events per message
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${LEADSCORE_JAR:-$root/leadscore-cli/target/leadscore.jar}"
bench="${BENCH_JAR:-$root/scoring-bench/target/benchmarks.jar}"
events="${1:?usage: stream-cpu.sh EVENTS LEADS [STREAMS]}"
leads="${2:?usage: stream-cpu.sh EVENTS LEADS [STREAMS]}"
streams="${3:-4}"
shift $(($# < 3 ? $# : 3))
# Anything after STREAMS (e.g. --batch 100) goes to EventStreamLoad as it is.
extra=("$@")
work="$(mktemp -d "${TMPDIR:-/tmp}/leadscore-stream.XXXXXX")"
mkdir -p "$work/models"
java -XX:+ExitOnOutOfMemoryError ${LEADSCORE_JAVA_OPTS:-} -jar "$jar" serve --host 127.0.0.1 \
  --port 0 --metrics-port 0 --models "$work/models" --data "$work/data" \
  --port-file "$work/port" >"$work/log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for ((w = 0; w < 600; w++)); do
  [ -s "$work/port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/log"; exit 1; }
  sleep 0.1
done
[ -s "$work/port" ] || { echo "server did not start in 60 s"; exit 1; }
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(cpu)
# Bounded: the client gives up on a stream after 10 minutes.
java -cp "$bench" dev.leadscore.bench.EventStreamLoad "$(cat "$work/port")" "$events" "$leads" "$streams" \
  ${extra[@]+"${extra[@]}"}
after=$(cpu)
warmup=$((events / 5 < 200000 ? events / 5 : 200000))
total=$((events + warmup))
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
disk=$(du -sb "$work/data" | cut -f1)
awk -v c=$((after - before)) -v t="$ticks" -v n="$total" -v rss="$rss" -v disk="$disk" \
  -v leads="$leads" -v warm="$warmup" 'BEGIN {
    printf "server CPU %.2f s for %d events (%d warm-up): %.1f us per event\n", c / t, n, warm, c / t / n * 1e6
    printf "server RSS %.0f MB; store on disk %.0f bytes per lead (%d leads + warm-up leads)\n", rss / 1024, disk / leads, leads
  }'
