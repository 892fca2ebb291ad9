#!/usr/bin/env bash
# Start time: from spawning the process to the first 200, for the bare virtual-thread loop,
# the engine alone and the full server on a copy of config-samples/hello with its compiled
# apps cached (a first start compiles them), then the full server with the CDS archive that
# bin/serve keeps (-XX:+AutoCreateSharedArchive: one run writes it as it exits), and with a
# JDK AOT cache trained on that copy (-XX:AOTCacheOutput, then -XX:AOTCache). StartTimer
# spawns each command several times and prints the minimum and the median.
#   benchmarks/load/start.sh [runs]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/jdk.sh"
runs=${1:-5}
(cd "$root" && mvn -B -q package -DskipTests)
java="$JAVA_HOME/bin/java"
jar="$root/benchmarks/target/benchmarks.jar"
server="$root/server/target/genro-server.jar"
work=$(mktemp -d /tmp/genro-start.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r "$root/config-samples/hello" "$work/hello"
rm -rf "$work/hello/.genro"

timer() { "$java" -cp "$jar" org.genro.http.bench.StartTimer "$runs" "$@" | tail -1; }
serve() { echo "$java" "$@" -jar "$server" "$work/hello" --port 8000 --middleware.logging=false; }

echo "JDK: $("$java" -version 2>&1 | head -1); commit $(git -C "$root" rev-parse --short HEAD); $runs runs each"
printf '%-22s %s\n' "bare loop" "$(timer 8081 /plaintext "$java" -cp "$jar" org.genro.http.bench.BareLoopServer 8081)"
printf '%-22s %s\n' "engine" "$(timer 8080 /plaintext "$java" -cp "$jar" org.genro.http.bench.PlaintextServer 8080)"
"$java" -cp "$jar" org.genro.http.bench.StartTimer 1 8000 /hello/ $(serve) > /dev/null # compiles the apps once
printf '%-22s %s\n' "server" "$(timer 8000 /hello/ $(serve))"

# train FILE JVM-FLAGS...: serves some requests, then stops with SIGTERM; the JVM writes
# FILE (an archive or a cache) as it exits
train() {
  local file=$1; shift
  $(serve "$@") > "$work/train.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -sf -o /dev/null http://127.0.0.1:8000/hello/ && break; sleep 0.2; done
  for path in /hello/ /hello/info '/hello/greet?name=a&times=2' /_server/health /_server/ready; do
    curl -s -o /dev/null "http://127.0.0.1:8000$path"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  [ -f "$file" ] || { echo "$file was not written:" >&2; cat "$work/train.log" >&2; exit 1; }
}

cds=(-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$work/genro.jsa" -Xlog:cds=off) # as bin/serve
train "$work/genro.jsa" "${cds[@]}"
printf '%-22s %s\n' "server, CDS archive" "$(timer 8000 /hello/ $(serve "${cds[@]}"))"

train "$work/genro.aot" -XX:AOTCacheOutput="$work/genro.aot"
printf '%-22s %s\n' "server, AOT cache" "$(timer 8000 /hello/ $(serve -XX:AOTCache="$work/genro.aot"))"
