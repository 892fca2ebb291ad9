# Sourced by the load scripts: background servers started and waited for, stopped at exit
# with their work directory; nginx's configuration; the CPU a server used, from /proc.

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

# nginx_conf HTTP_DIRECTIVES SERVER_BLOCK: nginx in the foreground, two workers, no access
# log, its pid, log and temporary files under $work/nginx.
nginx_conf() {
  mkdir -p "$work/nginx"
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
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

hz=$(getconf CLK_TCK)

# User + system clock ticks of a process and its children (nginx's workers).
cpu_ticks() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# Microseconds of CPU per request: ticks used, requests per second, seconds measured.
cpu_per_request() {
  awk -v t="$1" -v hz="$hz" -v r="$2" -v s="$3" 'BEGIN {printf "%.1f", t / hz / (r * s) * 1e6}'
}
