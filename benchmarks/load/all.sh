#!/usr/bin/env bash
# Every comparison with the peers in one invocation: run.sh (keep-alive plaintext and JSON,
# pipelined x16, the server's CPU per request), rounds.sh for pipelined x16 and for
# keep-alive (the same loads on servers running at once, measured in alternating rounds: the
# steadier ratios), idle.sh (memory per idle connection, and a new request while they wait)
# and start.sh (spawn to first 200), one after the other, each printing its figures and ours
# as a ratio of each peer from its own part of the same run.
#   benchmarks/load/all.sh [seconds] [connections] [idle-connections] [start-runs]
# (defaults 8, 64, 10000, 5: those of the scripts; rounds.sh runs with its own defaults).
# A script of its own rather than a flag of run.sh: each of the others stays runnable alone
# with its own arguments, and each keeps its own clean-up, so a server one of them started
# is stopped before the next begins. The build happens once, here (LOAD_BUILT tells the
# others not to build again).
# Needs wrk, curl and nginx (apt-get install wrk curl nginx-light); the open-file limit must
# exceed the idle connection count. Everything stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/jdk.sh"
. "$here/common.sh"
secs=${1:-8}
conns=${2:-64}
idle=${3:-10000}
runs=${4:-5}
load_ulimit "$idle"
load_nginx
load_build
export LOAD_BUILT=1
echo "== run.sh $secs $conns"
"$here/run.sh" "$secs" "$conns"
echo "== rounds.sh pipelined"
"$here/rounds.sh" pipelined
echo "== rounds.sh keepalive"
"$here/rounds.sh" keepalive
echo "== idle.sh $idle"
"$here/idle.sh" "$idle"
echo "== start.sh $runs"
"$here/start.sh" "$runs"
