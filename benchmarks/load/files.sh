#!/usr/bin/env bash
# Static files on loopback: a 13-byte file and a 1 MiB file, served by nginx (Debian
# nginx-light, started here with a config of its own) and by the server's static app, in
# the same run. wrk -t2, a warm-up, then a bounded run per file; req/s, MB/s, and the CPU the
# server used per request over the measured run (user + system from /proc: nginx's master
# and its workers, the whole JVM), since on loopback wrk and the server share the cores.
#   benchmarks/load/files.sh [seconds] [connections]
# Needs wrk and nginx (apt-get install wrk nginx-light). Everything stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/jdk.sh"
secs=${1:-8}
conns=${2:-64}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "nginx is not installed (apt-get install nginx-light)" >&2; exit 1; }
(cd "$root" && mvn -B -q package -DskipTests)

. "$here/common.sh"
load_init
mkdir -p "$work/www" "$work/server"
printf 'Hello, World!' > "$work/www/small.txt"
head -c 1048576 /dev/urandom > "$work/www/big.bin"
chmod 644 "$work/www/"*

nginx_conf "sendfile on; tcp_nopush on; tcp_nodelay on; open_file_cache max=64 inactive=60s;
  open_file_cache_valid 60s; types { text/plain txt; application/octet-stream bin; }" \
  "server { listen 127.0.0.1:8093; root $work/www; }"
cat > "$work/server/config.yaml" <<CONF
server: {host: 127.0.0.1, port: 8094}
static: {files: $work/www}
CONF


measure() { # name base-url
  local name=$1 base=$2 file out before after rate
  for file in small.txt big.bin; do
    wrk -t2 -c"$conns" -d3s "$base/$file" > /dev/null
    before=$(cpu_ticks "${pids[-1]}")
    out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$base/$file")
    after=$(cpu_ticks "${pids[-1]}")
    rate=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    printf '%-7s %-9s %10s req/s %12s/s  p50 %8s  p99 %8s  cpu %6s us/req\n' "$name" "$file" \
      "$rate" "$(awk '/Transfer\/sec/ {print $2}' <<<"$out")" \
      "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")" \
      "$(cpu_per_request $((after - before)) "$rate" "$secs")"
  done
}

echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $("$nginx" -v 2>&1); commit $(git -C "$root" rev-parse --short HEAD);" \
  "wrk -t2 -c$conns, ${secs}s; $(nproc) cores shared by wrk and the server"
start nginx 8093 "$nginx" -c "$work/nginx/nginx.conf" -p "$work/nginx"
measure nginx http://127.0.0.1:8093
stop_last
start genro 8094 "$JAVA_HOME/bin/java" -jar "$root/server/target/genro-server.jar" "$work/server" --middleware.logging=false
measure genro http://127.0.0.1:8094/files
stop_last
