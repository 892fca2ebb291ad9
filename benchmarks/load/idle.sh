#!/usr/bin/env bash
# Idle keep-alive connections: the memory each one adds to a server, and whether a new
# request is still served while they wait. For the peers run.sh runs (the bare
# virtual-thread loop, the engine alone, the JDK's HttpServer on virtual threads, nginx,
# Helidon 4 SE) and the full server (config-samples/hello), one after the other in the same
# run: the server's RSS (from /proc; nginx's is its master's and its workers' together) after
# a warm-up, then with N connections that have each served one request and now sit idle,
# and once more after a full collection; for a JVM, the live heap after a full collection
# before and after; then one more request over a new connection. Then ours (the full
# server) as a ratio of each peer.
# Each peer is set to keep N idle connections for as long as ours does (60 s): the JDK's
# HttpServer otherwise closes all but 200 idle ones, and after 30 s the rest; nginx gets
# N connections per worker (its connection table is allocated at start, so it is in the
# "before" figure). A line says so when the server holds fewer connections than the client.
#   benchmarks/load/idle.sh [connections]
# Needs curl and nginx (apt-get install curl nginx-light); the open-file limit must exceed
# the connection count. Everything stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/jdk.sh"
. "$here/common.sh"
n=${1:-10000}
load_ulimit "$n"
load_nginx
load_build
java="$JAVA_HOME/bin/java"
jar="$root/benchmarks/target/benchmarks.jar"
load_init
nginx_peer_conf $((n + 100))

# Live heap after a full collection: what the connections' objects hold, whatever heap
# the process had already touched (the full server compiles its apps at start, so its RSS
# has room the connections fill without growing). n/a for a process that is not a JVM.
heap_kib() {
  [[ $(readlink "/proc/$1/exe") == */java ]] || { echo n/a; return 0; }
  "$JAVA_HOME/bin/jcmd" "$1" GC.run > /dev/null
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | awk '/heap/ {for (i = 1; i < NF; i++) if ($i == "used") {sub("K", "", $(i+1)); print $(i+1); exit}}'
}

# per_connection AFTER BEFORE: KiB per idle connection to one decimal, or n/a
per_connection() {
  awk -v a="$1" -v b="$2" -v n="$n" 'BEGIN { print (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/) ? sprintf("%.1f", (a - b) / n) : "n/a" }'
}

declare -A rss_per heap_per
run() { # name port path command...
  local name=$1 port=$2 path=$3; shift 3
  start "$name" "$port" "$@"
  local server=${pids[-1]}
  for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$port$path" && break; sleep 0.5; done
  for _ in $(seq 1 200); do curl -s -o /dev/null "http://127.0.0.1:$port$path"; done # warm-up
  local before after collected status heap0 heap1 said held
  heap0=$(heap_kib "$server")
  before=$(settled_rss_kib "$server")
  coproc IDLE { "$java" -cp "$jar" org.genro.http.bench.IdleClient "$port" "$path" "$n"; }
  read -r said <&"${IDLE[0]}"
  after=$(rss_kib "$server") # as the connections left it, garbage of their requests included
  heap1=$(heap_kib "$server")
  collected=$(settled_rss_kib "$server")
  held=$(ss -Htn state established "( sport = :$port )" | wc -l)
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port$path" || true)
  echo >&"${IDLE[1]}"
  wait "$IDLE_PID" 2>/dev/null || true
  rss_per[$name]=$(per_connection "$after" "$before")
  heap_per[$name]=$(per_connection "$heap1" "$heap0")
  printf '%-7s %s  RSS %5d -> %5d MiB (%5d after a full collection): %5s KiB per connection; live heap %5s KiB per connection; a new request: %s\n' \
    "$name" "$said" $((before / 1024)) $((after / 1024)) $((collected / 1024)) "${rss_per[$name]}" "${heap_per[$name]}" "$status"
  [ "$held" -ge "$n" ] || echo "        the server held only $held of the $n connections when measured"
  stop_last
}

echo "JDK: $("$java" -version 2>&1 | head -1); $("$nginx" -v 2>&1); commit $(git -C "$root" rev-parse --short HEAD);" \
  "$n idle connections"
for peer in "${peers[@]}"; do
  if [ "$peer" = jdk ]; then # every idle connection kept, for 60 s (its defaults: 200, 30 s)
    peer_command jdk -Dsun.net.httpserver.maxIdleConnections="$n" -Dsun.net.httpserver.idleInterval=60
  else
    peer_command "$peer"
  fi
  run "$peer" "${peer_port[$peer]}" /plaintext "${cmd[@]}"
done
run server 8000 /hello/ "$java" -jar "$root/server/target/genro-server.jar" "$root/config-samples/hello" \
  --port 8000 --middleware.logging=false

echo "ours (server) as a ratio of each peer, per idle connection (lower is better)"
for peer in "${peers[@]}"; do
  printf '  vs %-8s RSS %s  live heap %s\n' "$peer" "$(ratio "${rss_per[server]}" "${rss_per[$peer]}")" \
    "$(ratio "${heap_per[server]}" "${heap_per[$peer]}")"
done
