#!/usr/bin/env bash
# WebSocket load on loopback: round trips per second and latency with 100 and 1,000
# connections, each sending its next message when the answer to the last one is back.
# Peers, one at a time and in the same run: node ws (echo), our engine alone (echo), and
# the full server answering WSX calls (config-samples/hello, GET /hello/greet). CPU time
# the server process used per 1,000 round trips comes from /proc.
#   benchmarks/load/ws.sh [seconds] [warm-up seconds]
# Needs node and npm (the ws package is installed here by npm ci). Everything stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/jdk.sh"
secs=${1:-10}
warm=${2:-3}
command -v node >/dev/null || { echo "node is not installed (apt-get install nodejs npm)" >&2; exit 1; }
[ -d "$here/node_modules/ws" ] || (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
(cd "$root" && mvn -B -q package -DskipTests)
jar="$root/benchmarks/target/benchmarks.jar"
java="$JAVA_HOME/bin/java"
. "$here/common.sh"
load_init

measure() { # name port path mode
  local name=$1 port=$2 path=$3 mode=$4 pid=${pids[-1]}
  for conns in 100 1000; do
    local before after line trips
    before=$(cpu_ticks "$pid")
    line=$("$java" -Xss256k -cp "$jar" org.genro.http.bench.WsLoadClient "$port" "$path" "$mode" "$conns" "$warm" "$secs")
    after=$(cpu_ticks "$pid")
    trips=$(awk '{print $5}' <<<"$line")
    # the warm-up's round trips are not counted, so this overstates a little
    printf '%-7s %s  server CPU %5.1f ms/1k trips\n' "$name" "$line" \
      "$(awk -v t=$((after - before)) -v hz="$hz" -v r="$trips" -v s="$((secs + warm))" 'BEGIN {print t / hz * 1000 / (r * s / 1000)}')"
  done
}

echo "JDK: $("$java" -version 2>&1 | head -1); node $(node --version); commit $(git -C "$root" rev-parse --short HEAD);" \
  "${warm}s warm-up + ${secs}s per run; $(nproc) cores shared by client and server"
start node 8091 node "$here/ws-echo.mjs" 8091
measure node 8091 / echo
stop_last
start engine 8090 "$java" -cp "$jar" org.genro.http.bench.WsEchoServer 8090
measure engine 8090 / echo
stop_last
start wsx 8000 "$java" -jar "$root/server/target/genro-server.jar" "$root/config-samples/hello" --port 8000 \
  --middleware.logging=false
measure wsx 8000 /_wsx wsx
stop_last
