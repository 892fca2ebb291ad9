#!/usr/bin/env bash
# Builds of the full server side by side, for a change too small to show across two runs of
# all.sh: on this kind of machine a figure moves by a fifth from one run to the next, so each
# jar is measured in turn, round after round, and a change counts only when it shows in every
# round. Each line is one jar in one round; the summary gives each jar's median over the
# rounds and its ratio to the first jar's.
#   benchmarks/load/compare.sh [-r ROUNDS] [-m start|load|idle] JAR...
# start: start to first 200 of the hello sample (its apps compiled once first, a copy for
#        each jar), nine plain starts, their median
# load:  the bench app; pipelined x16 on /plaintext (req/s, and the server's CPU per request
#        from /proc), then keep-alive plaintext (the server's CPU per request); 6 s each
#        after a warm-up
# idle:  the hello sample; RSS once settled before and with 10000 idle connections, and
#        the live heap per connection after a full collection
# Build the jars first (mvn package, a copy of server/target/genro-server.jar per version).
# Needs curl and wrk (load); everything stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/jdk.sh"
. "$here/common.sh"
rounds=3 mode=load
while getopts r:m: opt; do
  case $opt in
    r) rounds=$OPTARG ;;
    m) mode=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: compare.sh [-r ROUNDS] [-m start|load|idle] JAR..." >&2; exit 2; }
case $mode in start | load | idle) ;; *) echo "no mode $mode" >&2; exit 2 ;; esac
java="$JAVA_HOME/bin/java"
jar="$root/benchmarks/target/benchmarks.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests)
[ "$mode" != idle ] || load_ulimit 10000
load_init

# wrk_figures SECONDS URL [pipelined]: "REQUESTS REQ/S" of one wrk run
wrk_figures() {
  local args=(-t2 -c64 -d"$1"s "$2")
  [ -z "${3:-}" ] || args=(-s "$here/pipeline.lua" "${args[@]}" -- 16)
  wrk "${args[@]}" | awk '/requests in/ {n = $1} /Requests\/sec/ {r = $2} END {print n, r}'
}

# us_per_request TICKS REQUESTS DECIMALS: microseconds of CPU per request (wrk's count, not
# its rate times the nominal duration)
us_per_request() { awk -v t="$1" -v hz="$hz" -v n="$2" -v d="$3" 'BEGIN {printf "%.*f", d, t / hz / n * 1e6}'; }

# measure INDEX JAR: one round of the mode for one jar; prints the figures as name=value
measure() {
  local i=$1 server=$2 dir="$work/dir$1"
  case $mode in
    start)
      [ -d "$dir" ] || { cp -r "$root/config-samples/hello" "$dir"; rm -rf "$dir/.genro"
        "$java" -cp "$jar" org.genro.http.bench.StartTimer 1 8000 /hello/ "$java" -jar "$server" "$dir" \
          --port 8000 --middleware.logging=false > /dev/null; } # compiles the apps once
      "$java" -cp "$jar" org.genro.http.bench.StartTimer 9 8000 /hello/ "$java" -jar "$server" "$dir" \
        --port 8000 --middleware.logging=false | tail -1 | awk '{print "start_median_ms=" $9}'
      ;;
    load)
      rm -rf "$dir"; cp -r "$here/bench-app" "$dir"
      start server 8000 "$java" -jar "$server" "$dir" --port 8000 --middleware.logging=false
      local pid=${pids[-1]} t0 n r
      wrk_figures 3 http://127.0.0.1:8000/plaintext > /dev/null
      wrk_figures 4 http://127.0.0.1:8000/plaintext pipelined > /dev/null
      t0=$(cpu_ticks "$pid"); read -r n r < <(wrk_figures 6 http://127.0.0.1:8000/plaintext pipelined)
      echo "pipelined_req_s=${r%.*} pipelined_cpu_us=$(us_per_request $(($(cpu_ticks "$pid") - t0)) "$n" 2)"
      t0=$(cpu_ticks "$pid"); read -r n r < <(wrk_figures 6 http://127.0.0.1:8000/plaintext)
      echo "keepalive_cpu_us=$(us_per_request $(($(cpu_ticks "$pid") - t0)) "$n" 1)"
      stop_last
      ;;
    idle)
      rm -rf "$dir"; cp -r "$root/config-samples/hello" "$dir"
      start server 8000 "$java" -jar "$server" "$dir" --port 8000 --middleware.logging=false
      local pid=${pids[-1]} before with heap0 heap1 said
      for _ in $(seq 1 200); do curl -s -o /dev/null http://127.0.0.1:8000/hello/; done
      heap0=$("$JAVA_HOME/bin/jcmd" "$pid" GC.class_histogram | awk '/^Total/ {print $3}')
      before=$(settled_rss_kib "$pid")
      coproc IDLE { "$java" -cp "$jar" org.genro.http.bench.IdleClient 8000 /hello/ 10000; }
      read -r said <&"${IDLE[0]}"
      with=$(settled_rss_kib "$pid")
      heap1=$("$JAVA_HOME/bin/jcmd" "$pid" GC.class_histogram | awk '/^Total/ {print $3}')
      echo >&"${IDLE[1]}"
      wait "$IDLE_PID" 2>/dev/null || true
      echo "rss_before_kib=$before rss_idle_kib=$with rss_per_conn_b=$(((with - before) * 1024 / 10000))" \
        "heap_per_conn_b=$(((heap1 - heap0) / 10000))"
      stop_last
      ;;
  esac
}

echo "JDK: $("$java" -version 2>&1 | head -1); mode $mode, $rounds rounds; jars: $*"
declare -A figures # "jar-index name" -> values, one per round
for r in $(seq 1 "$rounds"); do
  i=0
  for server in "$@"; do
    line=$(measure "$i" "$server" | tr '\n' ' ')
    echo "round $r  $(basename "$server")  $line"
    for kv in $line; do figures["$i ${kv%%=*}"]+="${kv#*=} "; done
    i=$((i + 1))
  done
done

echo "medians over the rounds (ratio to the first jar)"
names=$(for k in "${!figures[@]}"; do echo "${k#* }"; done | sort -u)
for name in $names; do
  first=$(median <<<"${figures[0 $name]}")
  i=0
  for server in "$@"; do
    m=$(median <<<"${figures[$i $name]}")
    printf '  %-20s %-28s %10s  %s\n' "$name" "$(basename "$server")" "$m" "$(ratio "$m" "$first")"
    i=$((i + 1))
  done
done
