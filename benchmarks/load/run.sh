#!/usr/bin/env bash
# Keep-alive load on loopback with wrk, our server against its peers in one run: the bare
# virtual-thread loop (parses nothing but where requests end: the ceiling of this design), our engine alone, the
# JDK's HttpServer on virtual threads, nginx (Debian nginx-light, started here), Helidon 4
# SE (benchmarks/helidon, a Maven project outside the product's reactor) and the full
# server (benchmarks/load/bench-app: the same two routes, default middleware). For each:
# a warm-up of every load below, then /plaintext and /json (each after a warm-up of its own)
# and /plaintext pipelined x16;
# req/s, p99, and the server's CPU per request from /proc (wrk shares the cores, so CPU
# per request compares better than req/s). Then ours as a ratio of each peer, and the
# engine's and the server's pipelined figure as a ratio of the bare loop's (it counts the
# requests each read ends and answers them in one write: the ceiling for pipelining).
#   benchmarks/load/run.sh [seconds] [connections]
# idle.sh and start.sh run the same peers for idle connections and start time; all.sh runs
# the three in one invocation.
# Needs wrk, curl and nginx (apt-get install wrk curl nginx-light). Everything stops by itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bin/jdk.sh"
. "$root/benchmarks/load/common.sh"
secs=${1:-8}
conns=${2:-64}
for tool in wrk curl; do command -v $tool >/dev/null || { echo "$tool is not installed" >&2; exit 1; }; done
load_nginx
load_build
java="$JAVA_HOME/bin/java"
jar="$root/benchmarks/target/benchmarks.jar"
load_init
cp -r "$root/benchmarks/load/bench-app" "$work/app"
nginx_peer_conf

declare -A plain_cpu json_cpu piped
run() { # url -> "req/s p99 cpu"
  local url=$1 before after out rate
  wrk -t2 -c"$conns" -d3s "$url" > /dev/null
  before=$(cpu_ticks "${pids[-1]}")
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$url")
  after=$(cpu_ticks "${pids[-1]}")
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  echo "$rate $(awk '$1=="99%" {print $2}' <<<"$out") $(cpu_per_request $((after - before)) "$rate" "$secs")"
}

measure() { # name port
  local name=$1 base="http://127.0.0.1:$2" p j pipe path
  # Every route and the pipelined load first, the same for every peer: a server with more
  # code than the others is still compiling it after one short warm-up, and the JIT's
  # threads count in its CPU, so the first route measured would pay for the others' code.
  for path in plaintext json; do wrk -t2 -c"$conns" -d3s "$base/$path" > /dev/null; done
  wrk -t2 -c"$conns" -d3s -s "$root/benchmarks/load/pipeline.lua" "$base/plaintext" -- 16 > /dev/null
  read -r -a p <<<"$(run "$base/plaintext")"
  if [ "$name" = bare ]; then j=(n/a n/a n/a); else read -r -a j <<<"$(run "$base/json")"; fi
  pipe=$(wrk -t2 -c"$conns" -d"${secs}s" -s "$root/benchmarks/load/pipeline.lua" "$base/plaintext" -- 16 \
    | awk '/Requests\/sec/ {print $2}')
  plain_cpu[$name]=${p[2]}; json_cpu[$name]=${j[2]}; piped[$name]=$pipe
  printf '%-8s plaintext %10s req/s p99 %8s cpu %5s us | json %10s req/s p99 %8s cpu %5s us | pipelined x16 %10s req/s\n' \
    "$name" "${p[0]}" "${p[1]}" "${p[2]}" "${j[0]}" "${j[1]}" "${j[2]}" "$pipe"
}

echo "JDK: $("$java" -version 2>&1 | head -1); $("$nginx" -v 2>&1); commit $(git -C "$root" rev-parse --short HEAD);" \
  "wrk -t2 -c$conns, ${secs}s; $(nproc) cores shared by wrk and the server"
for peer in "${peers[@]}"; do
  peer_command "$peer"
  start "$peer" "${peer_port[$peer]}" "${cmd[@]}"
  measure "$peer" "${peer_port[$peer]}"
  stop_last
done
start server 8000 "$java" -jar "$root/server/target/genro-server.jar" "$work/app" --port 8000 --middleware.logging=false
measure server 8000
stop_last

echo "ours (server) as a ratio of each peer: CPU per request (lower is better), pipelined req/s (higher is better)"
for peer in "${peers[@]}"; do
  printf '  vs %-8s cpu plaintext %s  cpu json %s  pipelined %s\n' "$peer" "$(ratio "${plain_cpu[server]}" "${plain_cpu[$peer]}")" \
    "$(ratio "${json_cpu[server]}" "${json_cpu[$peer]}")" "$(ratio "${piped[server]}" "${piped[$peer]}")"
done
printf 'pipelined x16 as a ratio of the bare loop (higher is better): engine %s  server %s\n' \
  "$(ratio "${piped[engine]}" "${piped[bare]}")" "$(ratio "${piped[server]}" "${piped[bare]}")"
