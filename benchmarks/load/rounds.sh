#!/usr/bin/env bash
# One load on several servers running at once, measured in turn, round after round, so that
# each round compares them under the same conditions: a single run of run.sh moves by a fifth
# from one invocation to the next on a machine of this kind, while the ratio of two servers
# measured seconds apart moves much less.
#   benchmarks/load/rounds.sh pipelined [rounds] [seconds] [connections]
#       /plaintext pipelined x16 on the bare virtual-thread loop, the engine alone and the full
#       server (benchmarks/load/bench-app, default middleware): the ceiling, the engine, ours
#   benchmarks/load/rounds.sh keepalive [rounds] [seconds] [connections]
#       /plaintext keep-alive on the same three and Helidon 4 SE, whose CPU per request is
#       the issue's yardstick for ours
# (defaults 5 rounds, 6 s, 64 connections). For each round: req/s and each server's CPU per
# request (from /proc); then the medians of each, and the medians of the per-round ratios of
# the full server to each other server (req/s for pipelined, CPU per request for keep-alive)
# and of the engine to the bare loop. Needs wrk and curl. Everything stops by itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bin/jdk.sh"
. "$root/benchmarks/load/common.sh"
mode=${1:-}
case $mode in
  pipelined) names=(bare engine server) ;;
  keepalive) names=(bare engine helidon server) ;;
  *) echo "usage: $0 pipelined|keepalive [rounds] [seconds] [connections]" >&2; exit 2 ;;
esac
rounds=${2:-5}
secs=${3:-6}
conns=${4:-64}
for tool in wrk curl; do command -v $tool >/dev/null || { echo "$tool is not installed" >&2; exit 1; }; done
load_build
java="$JAVA_HOME/bin/java"
jar="$root/benchmarks/target/benchmarks.jar"
load_init
cp -r "$root/benchmarks/load/bench-app" "$work/app"

declare -A port=([server]=8000) pid
for name in "${names[@]}"; do
  [ "$name" = server ] && continue
  port[$name]=${peer_port[$name]}
  peer_command "$name"
  start "$name" "${port[$name]}" "${cmd[@]}"
  pid[$name]=${pids[-1]}
done
start server 8000 "$java" -jar "$root/server/target/genro-server.jar" "$work/app" --port 8000 --middleware.logging=false
pid[server]=${pids[-1]}

load() { # port seconds -> req/s
  local script=()
  [ "$mode" = pipelined ] && script=(-s "$root/benchmarks/load/pipeline.lua")
  wrk -t2 -c"$conns" -d"$2s" "${script[@]}" "http://127.0.0.1:$1/plaintext" ${script[0]:+-- 16} \
    | awk '/Requests\/sec/ {print $2}'
}

echo "JDK: $("$java" -version 2>&1 | head -1); commit $(git -C "$root" rev-parse --short HEAD);" \
  "wrk -t2 -c$conns, $mode$([ "$mode" = pipelined ] && echo " x16"), ${secs}s a measurement, $rounds rounds; $(nproc) cores shared by wrk and the servers"
for name in "${names[@]}"; do load "${port[$name]}" 3 > /dev/null; done # warm-up: every JIT done before round 1
declare -A rates cpus ratios
for r in $(seq 1 "$rounds"); do
  declare -A rate=() cpu=()
  line="round $r:"
  for name in "${names[@]}"; do
    before=$(cpu_ticks "${pid[$name]}")
    rate[$name]=$(load "${port[$name]}" "$secs")
    after=$(cpu_ticks "${pid[$name]}")
    cpu[$name]=$(cpu_per_request $((after - before)) "${rate[$name]}" "$secs" 2)
    rates[$name]+="${rate[$name]} "; cpus[$name]+="${cpu[$name]} "
    line+=$(printf '  %s %10s req/s %6s us' "$name" "${rate[$name]}" "${cpu[$name]}")
  done
  # pipelined: throughput against the ceiling; keep-alive: every server is at the loopback's
  # limit, so CPU per request is what tells them apart
  ratios[engine/bare]+="$(awk -v a="${rate[engine]}" -v b="${rate[bare]}" -v c="${cpu[engine]}" -v d="${cpu[bare]}" \
    -v m="$mode" 'BEGIN {print m == "pipelined" ? a / b : c / d}') "
  for name in "${names[@]}"; do
    [ "$name" = server ] && continue
    ratios[server/$name]+="$(awk -v a="${rate[server]}" -v b="${rate[$name]}" -v c="${cpu[server]}" -v d="${cpu[$name]}" \
      -v m="$mode" 'BEGIN {print m == "pipelined" ? a / b : c / d}') "
  done
  echo "$line"
done
for name in "${names[@]}"; do
  printf 'median %-8s %10.0f req/s  cpu %.2f us per request\n' "$name" "$(median <<<"${rates[$name]}")" "$(median <<<"${cpus[$name]}")"
done
if [ "$mode" = pipelined ]; then what="req/s (higher is better)"; else what="CPU per request (lower is better)"; fi
line="median of the rounds' ratios, $what:"
for key in engine/bare $(for name in "${names[@]}"; do [ "$name" = server ] || echo "server/$name"; done); do
  line+=$(printf '  %s %.2fx' "$key" "$(median <<<"${ratios[$key]}")")
done
echo "$line"
# stopped and waited for here, not only by the exit trap, which does not wait: a script run
# next (all.sh runs idle.sh) would find the ports still taken
while [ ${#pids[@]} -gt 0 ]; do stop_last; done
