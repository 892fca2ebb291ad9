#!/usr/bin/env bash
# Idle keep-alive connections: the memory each one adds to a server, and whether a new
# request is still served while they wait. For the bare virtual-thread loop, the engine
# alone and the full server (config-samples/hello), one after the other in the same run:
# the server's RSS (from /proc) after a warm-up, then with N connections that have each
# served one request and now sit idle, and the live heap after a full collection before and
# after; then one more request over a new connection.
#   benchmarks/load/idle.sh [connections]
# Needs curl; the open-file limit must exceed the connection count. Everything stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/jdk.sh"
n=${1:-10000}
[ "$(ulimit -n)" -gt $((n + 100)) ] || { echo "ulimit -n is $(ulimit -n): raise it above $n" >&2; exit 1; }
(cd "$root" && mvn -B -q package -DskipTests)
jar="$root/benchmarks/target/benchmarks.jar"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
# Live heap after a full collection: what the connections' objects hold, whatever heap
# the process had already touched (the full server compiles its apps at start, so its RSS
# has room the connections fill without growing).
heap_kib() {
  "$JAVA_HOME/bin/jcmd" "$1" GC.run > /dev/null
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | awk '/heap/ {for (i = 1; i < NF; i++) if ($i == "used") {sub("K", "", $(i+1)); print $(i+1); exit}}'
}

run() { # name port path command...
  local name=$1 port=$2 path=$3; shift 3
  "$@" > "/tmp/genro-idle-$name.log" 2>&1 &
  local server=$!
  pids+=("$server")
  for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$port$path" && break; sleep 0.5; done
  for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done # warm-up
  local before after status heap0 heap1
  heap0=$(heap_kib "$server")
  before=$(rss_kib "$server")
  coproc IDLE { "$JAVA_HOME/bin/java" -cp "$jar" org.genro.http.bench.IdleClient "$port" "$path" "$n"; }
  local said
  read -r said <&"${IDLE[0]}"
  after=$(rss_kib "$server")
  heap1=$(heap_kib "$server")
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port$path" || true)
  echo >&"${IDLE[1]}"
  wait "$IDLE_PID" 2>/dev/null || true
  printf '%-7s %s  RSS %5d -> %5d MiB: %5.1f KiB per connection; live heap %5.1f KiB per connection; a new request: %s\n' \
    "$name" "$said" $((before / 1024)) $((after / 1024)) "$(awk -v a="$after" -v b="$before" -v n="$n" 'BEGIN {print (a - b) / n}')" \
    "$(awk -v a="$heap1" -v b="$heap0" -v n="$n" 'BEGIN {print (a - b) / n}')" "$status"
  kill "$server"; wait "$server" 2>/dev/null || true; unset 'pids[-1]'
}

echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); commit $(git -C "$root" rev-parse --short HEAD); $n idle connections"
run bare 8081 /plaintext "$JAVA_HOME/bin/java" -cp "$jar" org.genro.http.bench.BareLoopServer 8081
run engine 8080 /plaintext "$JAVA_HOME/bin/java" -cp "$jar" org.genro.http.bench.PlaintextServer 8080
run server 8000 /hello/ "$JAVA_HOME/bin/java" -jar "$root/server/target/genro-server.jar" "$root/config-samples/hello" \
  --port 8000 --middleware.logging=false
