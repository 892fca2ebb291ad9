#!/usr/bin/env bash
# Start time: from spawning the process to the first 200, for the peers run.sh runs (the
# bare virtual-thread loop, the engine alone, the JDK's HttpServer on virtual threads, nginx
# in the foreground, Helidon 4 SE: each asked for /plaintext) and the full server on a copy of
# config-samples/hello with its compiled apps cached (a first start compiles them), then
# the full server with the CDS archive that bin/serve keeps (-XX:+AutoCreateSharedArchive:
# one run writes it as it exits), and with a JDK AOT cache trained on that copy
# (-XX:AOTCacheOutput, then -XX:AOTCache). StartTimer spawns each command several times and
# prints the minimum and the median. Then ours, in each of its three ways, as a ratio of
# each peer's plain start (the peers start as they ship, without an archive or a cache).
#   benchmarks/load/start.sh [runs]
# Needs curl and nginx (apt-get install curl nginx-light). Everything stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/jdk.sh"
. "$here/common.sh"
runs=${1:-5}
load_nginx
load_build
java="$JAVA_HOME/bin/java"
jar="$root/benchmarks/target/benchmarks.jar"
server="$root/server/target/genro-server.jar"
load_init
nginx_peer_conf
cp -r "$root/config-samples/hello" "$work/hello"
rm -rf "$work/hello/.genro"

timer() { "$java" -cp "$jar" org.genro.http.bench.StartTimer "$runs" "$@" | tail -1; }
serve() { echo "$java" "$@" -jar "$server" "$work/hello" --port 8000 --middleware.logging=false; }

declare -A took # what -> "min median", in ms
time_it() { # label what port path command...
  local label=$1 what=$2 line; shift 2
  line=$(timer "$@")
  took[$what]=$(awk '{print $6, $9}' <<<"$line") # start to first 200: min N ms, median N ms
  printf '%-22s %s\n' "$label" "$line"
}

echo "JDK: $("$java" -version 2>&1 | head -1); $("$nginx" -v 2>&1); commit $(git -C "$root" rev-parse --short HEAD);" \
  "$runs runs each"
for peer in "${peers[@]}"; do
  peer_command "$peer"
  case $peer in bare) label="bare loop" ;; jdk) label="jdk httpserver" ;; *) label=$peer ;; esac
  time_it "$label" "$peer" "${peer_port[$peer]}" /plaintext "${cmd[@]}"
done
"$java" -cp "$jar" org.genro.http.bench.StartTimer 1 8000 /hello/ $(serve) > /dev/null # compiles the apps once
time_it "server" server 8000 /hello/ $(serve)

# train FILE JVM-FLAGS...: serves some requests, then stops with SIGTERM; the JVM writes
# FILE (an archive or a cache) as it exits
train() {
  local file=$1; shift
  $(serve "$@") > "$work/train.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:8000/hello/ && break; sleep 0.2; done
  for path in /hello/ /hello/info '/hello/greet?name=a&times=2' /_server/health /_server/ready; do
    curl -s -o /dev/null "http://127.0.0.1:8000$path"
  done
  stop_last
  [ -f "$file" ] || { echo "$file was not written:" >&2; cat "$work/train.log" >&2; exit 1; }
}

cds=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$work/genro.jsa" -Xlog:cds=off) # as bin/serve
train "$work/genro.jsa" "${cds[@]}"
time_it "server, CDS archive" cds 8000 /hello/ $(serve "${cds[@]}")

train "$work/genro.aot" -XX:AOTCacheOutput="$work/genro.aot"
time_it "server, AOT cache" aot 8000 /hello/ $(serve -XX:AOTCache="$work/genro.aot")

# ratios A B: A's "min median" over B's, as "N.NNx / N.NNx"
ratios() {
  local a b
  read -r -a a <<<"$1"; read -r -a b <<<"$2"
  echo "$(ratio "${a[0]}" "${b[0]}") / $(ratio "${a[1]}" "${b[1]}")"
}
echo "ours (server) as a ratio of each peer's plain start, min / median (lower is better)"
for peer in "${peers[@]}"; do
  printf '  vs %-8s plain %s  CDS archive %s  AOT cache %s\n' "$peer" "$(ratios "${took[server]}" "${took[$peer]}")" \
    "$(ratios "${took[cds]}" "${took[$peer]}")" "$(ratios "${took[aot]}" "${took[$peer]}")"
done
