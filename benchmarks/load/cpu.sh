# Sourced by the load scripts: the CPU a server process used, from /proc.
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
