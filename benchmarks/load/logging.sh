#!/usr/bin/env bash
# The access log's cost: config-samples/hello with the log off and on (to a file), in
# alternating rounds so that neither side always runs second on a warmer machine. wrk -t2
# on the same cores, a warm-up, then a bounded run; req/s and the server's CPU per request.
#   benchmarks/load/logging.sh [seconds] [connections] [rounds]
# Needs wrk. Everything stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/jdk.sh"
. "$here/common.sh"
secs=${1:-8}
conns=${2:-64}
rounds=${3:-3}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
(cd "$root" && mvn -B -q package -DskipTests)
log=$(mktemp /tmp/genro-access.XXXXXX)
pid=""
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT

echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); commit $(git -C "$root" rev-parse --short HEAD);" \
  "wrk -t2 -c$conns, ${secs}s; $(nproc) cores shared by wrk and the server"
for round in $(seq 1 "$rounds"); do
  for mode in off on; do
    if [ "$mode" = off ]; then flag=--middleware.logging=false; else : > "$log"; flag=--middleware.logging.to=$log; fi
    "$JAVA_HOME/bin/java" -jar "$root/server/target/genro-server.jar" "$root/config-samples/hello" --port 8000 "$flag" \
      > /tmp/genro-load-logging.log 2>&1 &
    pid=$!
    for _ in $(seq 1 60); do curl -sf -o /dev/null http://127.0.0.1:8000/_server/ready && break; sleep 0.5; done
    wrk -t2 -c"$conns" -d3s http://127.0.0.1:8000/hello/ > /dev/null
    before=$(cpu_ticks "$pid")
    out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency http://127.0.0.1:8000/hello/)
    after=$(cpu_ticks "$pid")
    rate=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    printf 'round %d  log %-3s %10s req/s  p99 %8s  cpu %5s us/req%s\n' "$round" "$mode" "$rate" \
      "$(awk '$1=="99%" {print $2}' <<<"$out")" "$(cpu_per_request $((after - before)) "$rate" "$secs")" \
      "$([ "$mode" = on ] && echo "  ($(wc -l < "$log") lines)" || true)"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  done
done
