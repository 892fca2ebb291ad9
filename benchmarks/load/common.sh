# Sourced by the load scripts (after setting root and sourcing bin/jdk.sh): the build, the
# peers every comparison runs and their command lines, background servers started and waited
# for, stopped at exit with their work directory; nginx's configuration; the CPU and memory a
# server uses, from /proc; ratios.

# Builds the benchmarks jar and the server, then Helidon's peer, a Maven project of its own
# outside the product's reactor. all.sh builds once and sets LOAD_BUILT=1 for the scripts it
# runs, so that each does not build again.
load_build() {
  [ -n "${LOAD_BUILT:-}" ] && return 0
  (cd "$root" && mvn -B -q package -DskipTests && mvn -B -q -f benchmarks/helidon/pom.xml package -DskipTests)
}

# load_ulimit N: stops unless the open-file limit leaves room for N connections.
load_ulimit() {
  [ "$(ulimit -n)" -gt $(($1 + 100)) ] || { echo "ulimit -n is $(ulimit -n): raise it above $1" >&2; exit 1; }
}

# Sets nginx to Debian's nginx, or stops when it is not installed.
load_nginx() {
  nginx=$(command -v nginx || echo /usr/sbin/nginx)
  [ -x "$nginx" ] || { echo "nginx is not installed (apt-get install nginx-light)" >&2; exit 1; }
}

# The peers, in the order every script runs them, and their ports. The full server comes
# after them, on port 8000, serving what each script chooses.
peers=(bare engine jdk nginx helidon)
declare -A peer_port=([bare]=8081 [engine]=8080 [jdk]=8083 [nginx]=8084 [helidon]=8082)

# peer_command NAME [JVM-FLAGS...]: sets cmd to the command line that serves the peer's
# /plaintext and /json on its port; the flags go to a JVM (nginx takes none). The bare
# virtual-thread loop (it parses nothing but where requests end: the ceiling of this design),
# our engine alone, the JDK's HttpServer on virtual threads, nginx with the configuration
# nginx_peer_conf writes, Helidon 4 SE. Needs java, jar, nginx and work.
peer_command() {
  local name=$1 port=${peer_port[$1]}; shift
  case $name in
    bare) cmd=("$java" "$@" -cp "$jar" org.genro.http.bench.BareLoopServer "$port") ;;
    engine) cmd=("$java" "$@" -cp "$jar" org.genro.http.bench.PlaintextServer "$port") ;;
    jdk) cmd=("$java" "$@" -cp "$jar" org.genro.http.bench.JdkPeer "$port") ;;
    nginx) cmd=("$nginx" -c "$work/nginx/nginx.conf" -p "$work/nginx") ;;
    helidon) cmd=("$java" "$@" -jar "$root/benchmarks/helidon/target/helidon-peer.jar" "$port") ;;
    *) echo "no peer $name" >&2; exit 1 ;;
  esac
}

# A work directory and the list of started servers, both cleaned up at exit.
load_init() {
  work=$(mktemp -d /tmp/genro-load.XXXXXX)
  chmod 755 "$work" # nginx's workers may run as another user
  pids=()
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
}

# start NAME PORT COMMAND...: runs it in the background, logging to $work/NAME.log, and
# waits until the port answers HTTP (any status: a WebSocket server's 426 will do; each
# measurement then warms up, which also covers a server still answering 503 "starting").
start() {
  local name=$1 port=$2; shift 2
  "$@" > "$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.5; done
  echo "$name did not start:" >&2; cat "$work/$name.log" >&2; exit 1
}

# Stops the server started last.
stop_last() { kill "${pids[-1]}" 2>/dev/null || true; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }

# nginx_conf HTTP_DIRECTIVES SERVER_BLOCK [WORKER_CONNECTIONS]: nginx in the foreground, two
# workers (4096 connections each unless told), no access log, its pid, log and temporary
# files under $work/nginx.
nginx_conf() {
  mkdir -p "$work/nginx"
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections ${3:-4096}; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  $1
  $2
}
CONF
}

# nginx_peer_conf [WORKER_CONNECTIONS]: nginx as a peer, answering /plaintext and /json on
# its port from the configuration alone.
nginx_peer_conf() {
  nginx_conf "" "server {
    listen 127.0.0.1:${peer_port[nginx]};
    location = /plaintext { default_type text/plain; return 200 \"Hello, World!\"; }
    location = /json { default_type application/json; return 200 '{\"message\":\"Hello, World!\"}'; }
  }" "${1:-4096}"
}

hz=$(getconf CLK_TCK)

# family_sum PID FILE AWK-PROGRAM: the sum of what the program prints from /proc/PID/FILE,
# over the process and its children (nginx's workers); a process gone meanwhile counts 0.
family_sum() {
  local total=0 pid v
  for pid in "$1" $(pgrep -P "$1" || true); do
    v=$(awk "$3" "/proc/$pid/$2" 2>/dev/null) || v=0
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

# User + system clock ticks of a process and its children.
cpu_ticks() { family_sum "$1" stat '{print $14 + $15}'; }

# Microseconds of CPU per request: ticks used, requests per second, seconds measured, and
# the decimals to print (one unless told).
cpu_per_request() {
  awk -v t="$1" -v hz="$hz" -v r="$2" -v s="$3" -v d="${4:-1}" 'BEGIN {printf "%." d "f", t / hz / (r * s) * 1e6}'
}

# Resident memory of a process and its children in KiB (nginx: the master and its workers).
rss_kib() { family_sum "$1" status '/^VmRSS:/ {k = $2} END {print k + 0}'; }

# RSS in KiB once it has stopped falling. A JVM's full collection shrinks the heap, and G1
# gives the freed memory back on a thread of its own over the next fraction of a second: the
# full server's RSS read 94 MiB at once and 73 MiB one jcmd call later. Two readings a
# quarter of a second apart that do not fall end the wait; at most 5 s.
settled_rss_kib() {
  local last now steady=0
  last=$(rss_kib "$1")
  for _ in $(seq 1 20); do
    sleep 0.25
    now=$(rss_kib "$1")
    if [ "$now" -lt "$last" ]; then steady=0; else steady=$((steady + 1)); fi
    last=$now
    [ "$steady" -lt 2 ] || break
  done
  echo "$last"
}

# The median of the figures on standard input, separated by spaces or newlines; an empty
# input gives an empty line.
median() {
  tr ' ' '\n' | { grep . || true; } | sort -g \
    | awk '{v[NR] = $1} END {if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# ratio A B: A/B as "N.NNx", or n/a when either is not a figure
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { print (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) ? sprintf("%.2fx", a / b) : "n/a" }'
}
