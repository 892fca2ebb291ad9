#!/usr/bin/env bash
# Load on loopback with wrk: the bare virtual-thread loop (baseline, parses nothing),
# the engine alone (plaintext), and the full server on config-samples/hello (access log off;
# logging.sh measures what turning it on costs).
# Each target gets a warm-up and then a bounded run, plain and pipelined x16; the CPU the
# server used per plain request comes from /proc, since wrk shares the cores with it.
#   benchmarks/load/run.sh [seconds] [connections]
# Needs wrk (Debian: apt-get install wrk). Everything stops by itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/bin/jdk.sh"
secs=${1:-8}
conns=${2:-64}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
(cd "$root" && mvn -B -q package -DskipTests)
jar="$root/benchmarks/target/benchmarks.jar"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
. "$root/benchmarks/load/cpu.sh"

start() { # name port command...
  local name=$1 port=$2; shift 2
  "$@" > "/tmp/genro-load-$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.5; done
  echo "$name did not start" >&2; exit 1
}

measure() { # name url [nopipe]
  local name=$1 url=$2
  wrk -t2 -c"$conns" -d3s "$url" > /dev/null
  local plain piped="Requests/sec: n/a" before after
  before=$(cpu_ticks "${pids[-1]}")
  plain=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$url")
  after=$(cpu_ticks "${pids[-1]}")
  if [ "${3:-}" != nopipe ]; then
    piped=$(wrk -t2 -c"$conns" -d"${secs}s" -s "$root/benchmarks/load/pipeline.lua" "$url" -- 16)
  fi
  local rate
  rate=$(awk '/Requests\/sec/ {print $2}' <<<"$plain")
  printf '%-10s plain: %10s req/s  p50 %8s  p99 %8s  cpu %5s us/req | pipelined x16: %10s req/s\n' "$name" \
    "$rate" "$(awk '$1=="50%" {print $2}' <<<"$plain")" "$(awk '$1=="99%" {print $2}' <<<"$plain")" \
    "$(cpu_per_request $((after - before)) "$rate" "$secs")" "$(awk '/Requests\/sec/ {print $2}' <<<"$piped")"
}

stop_last() { kill "${pids[-1]}" 2>/dev/null || true; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }

echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); commit $(git -C "$root" rev-parse --short HEAD); wrk -t2 -c$conns, ${secs}s"
start bare 8081 "$JAVA_HOME/bin/java" -cp "$jar" org.genro.http.bench.BareLoopServer 8081
measure bare http://127.0.0.1:8081/plaintext nopipe   # one canned answer per read: pipelining breaks it
stop_last
start engine 8080 "$JAVA_HOME/bin/java" -cp "$jar" org.genro.http.bench.PlaintextServer 8080
measure engine http://127.0.0.1:8080/plaintext
stop_last
start server 8000 "$JAVA_HOME/bin/java" -jar "$root/server/target/genro-server.jar" "$root/config-samples/hello" --port 8000 --middleware.logging=false
measure server http://127.0.0.1:8000/hello/
stop_last
