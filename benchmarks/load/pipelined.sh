#!/usr/bin/env bash
# The pipelined x16 figure as the median of rounds: the bare virtual-thread loop, the engine
# alone and the full server (benchmarks/load/bench-app, default middleware) all running at
# once, each warmed up, then measured in turn, round after round, so that each round compares
# the three under the same conditions. A single run of run.sh moves by a fifth from one
# invocation to the next on a machine of this kind; the ratio of two servers measured
# seconds apart moves much less. For each round: req/s and the server's CPU per request
# (from /proc); then the median of each, and the medians of the per-round ratios of the
# engine and of the server to the bare loop and of the server to the engine.
#   benchmarks/load/pipelined.sh [rounds] [seconds] [connections]   (defaults 5, 6, 64)
# Needs wrk and curl. Everything stops by itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bin/jdk.sh"
. "$root/benchmarks/load/common.sh"
rounds=${1:-5}
secs=${2:-6}
conns=${3:-64}
for tool in wrk curl; do command -v $tool >/dev/null || { echo "$tool is not installed" >&2; exit 1; }; done
load_build
java="$JAVA_HOME/bin/java"
jar="$root/benchmarks/target/benchmarks.jar"
load_init
cp -r "$root/benchmarks/load/bench-app" "$work/app"

names=(bare engine server)
declare -A port=([bare]=${peer_port[bare]} [engine]=${peer_port[engine]} [server]=8000) pid
for name in bare engine; do
  peer_command "$name"
  start "$name" "${port[$name]}" "${cmd[@]}"
  pid[$name]=${pids[-1]}
done
start server 8000 "$java" -jar "$root/server/target/genro-server.jar" "$work/app" --port 8000 --middleware.logging=false
pid[server]=${pids[-1]}

pipelined() { # port seconds -> req/s
  wrk -t2 -c"$conns" -d"$2s" -s "$root/benchmarks/load/pipeline.lua" "http://127.0.0.1:$1/plaintext" -- 16 \
    | awk '/Requests\/sec/ {print $2}'
}
median() { tr ' ' '\n' | { grep -v '^$' || true; } | sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "JDK: $("$java" -version 2>&1 | head -1); commit $(git -C "$root" rev-parse --short HEAD);" \
  "wrk -t2 -c$conns pipelined x16, ${secs}s a measurement, $rounds rounds; $(nproc) cores shared by wrk and the servers"
for name in "${names[@]}"; do pipelined "${port[$name]}" 3 > /dev/null; done # warm-up: every JIT done before round 1
declare -A rates cpus
engine_bare="" server_bare="" server_engine=""
for r in $(seq 1 "$rounds"); do
  declare -A rate=()
  line="round $r:"
  for name in "${names[@]}"; do
    before=$(cpu_ticks "${pid[$name]}")
    rate[$name]=$(pipelined "${port[$name]}" "$secs")
    after=$(cpu_ticks "${pid[$name]}")
    cpu=$(cpu_per_request $((after - before)) "${rate[$name]}" "$secs" 2) # a pipelined request costs 1-3 us: two decimals
    rates[$name]+="${rate[$name]} "; cpus[$name]+="$cpu "
    line+=$(printf '  %s %10s req/s %5s us' "$name" "${rate[$name]}" "$cpu")
  done
  engine_bare+="$(awk -v a="${rate[engine]}" -v b="${rate[bare]}" 'BEGIN {print a / b}') "
  server_bare+="$(awk -v a="${rate[server]}" -v b="${rate[bare]}" 'BEGIN {print a / b}') "
  server_engine+="$(awk -v a="${rate[server]}" -v b="${rate[engine]}" 'BEGIN {print a / b}') "
  echo "$line"
done
for name in "${names[@]}"; do
  printf 'median %-7s %10.0f req/s  cpu %s us per request\n' "$name" "$(median <<<"${rates[$name]}")" "$(median <<<"${cpus[$name]}")"
done
printf 'median of the rounds'"'"' ratios (higher is better): engine/bare %.2fx  server/bare %.2fx  server/engine %.2fx\n' \
  "$(median <<<"$engine_bare")" "$(median <<<"$server_bare")" "$(median <<<"$server_engine")"
# stopped and waited for here, not only by the exit trap, which does not wait: a script run
# next (all.sh runs idle.sh) would find the ports still taken
while [ ${#pids[@]} -gt 0 ]; do stop_last; done
