#!/usr/bin/env bash
# Benchmarks our server side by side with the stacks people would otherwise
# pick, under the same workload in the same run: squiggle_loadgen (one thread,
# many WebSocket clients) against
#   squiggle        squigglesync-server: embedded store, --fsync batch, rate limits raised
#   ws              npm ws, rooms and seq counters in memory      (bench/peers/ws_peer.mjs)
#   uws             uWebSockets.js, pub/sub per board             (bench/peers/uws_peer.mjs)
#   socketio        socket.io rooms                               (bench/peers/socketio_peer.mjs)
#   socketio-redis  socket.io + @socket.io/redis-adapter, seq from Redis INCR (CPU and RSS include Redis)
# The server runs on one core and the generator on another (taskset). Each
# run prints its own summary; at the end one table per workload compares
# deliveries/s, server CPU µs per delivered op, p50/p99 latency, RSS and bytes
# per op, with ratios to our server.
#
#   scripts/bench-server.sh                    the whole matrix, 20 s measured per run
#   scripts/bench-server.sh --quick            a few seconds per run, 2000 idle connections: a smoke run
#   scripts/bench-server.sh --duration 60 --warmup 5
#   scripts/bench-server.sh --servers squiggle,uws --workloads fanout,idle
#   scripts/bench-server.sh --workload wide=50:20:4:5   add a workload NAME=BOARDS:CLIENTS:DRAWERS:RATE
#   scripts/bench-server.sh --cursor-rate 0 --idle-connections 20000 --no-build
#
# Workloads (boards : clients per board : drawers per board : ops/s per drawer):
#   fanout      1 : 200 : 10 : 5     one busy board
#   boards     20 :  10 :  3 : 5     many small boards
#   spectators  1 : 1000 : 5 : 2     a talk: few draw, everyone watches
#   idle        --idle-connections connections over 100 boards, only joined: RSS per connection
# The peers store nothing; our server writes every op to its log (fsync'd in
# batches) before it is delivered. Results: build/bench/server/*.json and
# summary.json. Exits 1 if any run lost, repeated or reordered an op.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

DURATION=20
WARMUP=3
IDLE_CONNECTIONS=10000
CURSOR_RATE=10
SERVER_CORE=0
LOADGEN_CORE=1
BUILD=1
SERVERS="squiggle ws uws socketio socketio-redis"
WORKLOADS="fanout boards spectators idle"
declare -A SHAPE=([fanout]=1:200:10:5 [boards]=20:10:3:5 [spectators]=1:1000:5:2)

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --quick) DURATION=4; WARMUP=1; IDLE_CONNECTIONS=2000 ;;
    --duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --idle-connections) IDLE_CONNECTIONS="$2"; shift ;;
    --cursor-rate) CURSOR_RATE="$2"; shift ;;
    --servers) SERVERS="${2//,/ }"; shift ;;
    --workloads) WORKLOADS="${2//,/ }"; shift ;;
    --workload)
      name="${2%%=*}"; SHAPE[$name]="${2#*=}"
      [[ " $WORKLOADS " == *" $name "* ]] || WORKLOADS="$WORKLOADS $name"
      shift ;;
    --server-core) SERVER_CORE="$2"; shift ;;
    --loadgen-core) LOADGEN_CORE="$2"; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

for wl in $WORKLOADS; do
  if [ "$wl" != idle ] && [ -z "${SHAPE[$wl]:-}" ]; then echo "unknown workload: $wl" >&2; exit 2; fi
done
for s in $SERVERS; do
  case "$s" in squiggle|ws|uws|socketio|socketio-redis) ;; *) echo "unknown server: $s" >&2; exit 2 ;; esac
done
for tool in taskset node npm; do
  command -v "$tool" >/dev/null || { echo "[bench-server] $tool is missing: run scripts/install-deps.sh" >&2; exit 1; }
done
if [[ " $SERVERS " == *" socketio-redis "* ]] && ! command -v redis-server >/dev/null; then
  echo "[bench-server] redis-server is missing: run scripts/install-deps.sh" >&2; exit 1
fi

SERVER_BIN="$ROOT/build/native/server/squigglesync-server"
LOADGEN="$ROOT/build/native/bench/loadgen/squiggle_loadgen"
PEERS="$ROOT/bench/peers"
OUT="$ROOT/build/bench/server"
mkdir -p "$OUT"

if [ "$BUILD" = 1 ]; then
  echo "[bench-server] building squigglesync-server and squiggle_loadgen (native preset)"
  cmake --preset native >/dev/null
  # Two jobs at most: the machine is shared.
  cmake --build build/native --target squigglesync-server squiggle_loadgen -j2
fi
if [ ! -f "$PEERS/node_modules/.package-lock.json" ] || [ "$PEERS/package-lock.json" -nt "$PEERS/node_modules/.package-lock.json" ]; then
  echo "[bench-server] installing the reference peers' npm packages"
  (cd "$PEERS" && npm ci --no-audit --no-fund --silent)
fi

# 10,000 clients need as many descriptors on both sides (the children inherit this).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

PIDS=()          # what the current run started, to read /proc of and to stop
SERVER_PORT=""
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap cleanup EXIT

# Waits for "listening on ..." in a log; the port is the last number on that line.
wait_listening() {
  local log="$1" pid="$2" line
  for _ in $(seq 200); do
    line="$(grep -m1 'listening on' "$log" 2>/dev/null || true)"
    if [ -n "$line" ]; then
      SERVER_PORT="$(grep -oE '[0-9]+/?$' <<<"$line" | tr -d /)"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "[bench-server] server did not start; its log ($log):" >&2
  cat "$log" >&2
  return 1
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

start_server() {
  local server="$1" log="$OUT/$2-$1.server.log" pid
  case "$server" in
    squiggle)
      local data
      data="$(mktemp -d "$OUT/data.XXXXXX")"
      # One I/O thread: the server gets one core, like the Node peers' event loop.
      taskset -c "$SERVER_CORE" "$SERVER_BIN" --port 0 --threads 1 --data-dir "$data" --fsync batch \
        --op-rate 1000000 --op-burst 1000000 --cursor-rate 1000 >"$log" 2>&1 &
      ;;
    ws|uws|socketio)
      taskset -c "$SERVER_CORE" node "$PEERS/${server}_peer.mjs" --port 0 >"$log" 2>&1 &
      ;;
    socketio-redis)
      local redis_port
      redis_port="$(free_port)"
      taskset -c "$SERVER_CORE" redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
        --dir "$OUT" >"$OUT/$2-$1.redis.log" 2>&1 &
      PIDS+=("$!")
      for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.05; done
      taskset -c "$SERVER_CORE" node "$PEERS/socketio_peer.mjs" --port 0 --redis "redis://127.0.0.1:$redis_port" \
        >"$log" 2>&1 &
      ;;
  esac
  pid=$!
  PIDS+=("$pid")
  wait_listening "$log" "$pid"
}

loadgen_peer() {
  case "$1" in squiggle) echo squiggle ;; socketio*) echo socketio ;; *) echo ws-json ;; esac
}

FAILED=0
for wl in $WORKLOADS; do
  for server in $SERVERS; do
    echo
    echo "[bench-server] $wl on $server"
    start_server "$server" "$wl"
    args=(--port "$SERVER_PORT" --peer "$(loadgen_peer "$server")" --label "$server" --json "$OUT/$wl-$server.json")
    for pid in "${PIDS[@]}"; do args+=(--server-pid "$pid"); done
    if [ "$wl" = idle ]; then
      args+=(--idle "$IDLE_CONNECTIONS" --boards 100)
    else
      IFS=: read -r boards clients drawers rate <<<"${SHAPE[$wl]}"
      args+=(--boards "$boards" --clients "$clients" --drawers "$drawers" --rate "$rate"
             --cursor-rate "$CURSOR_RATE" --duration "$DURATION" --warmup "$WARMUP" --drain-timeout 30)
    fi
    rm -f "$OUT/$wl-$server.json"
    if ! taskset -c "$LOADGEN_CORE" "$LOADGEN" "${args[@]}"; then
      echo "[bench-server] $wl on $server: FAILED (see above and $OUT/$wl-$server.server.log)"
      FAILED=1
    fi
    cleanup
  done
done
rm -rf "$OUT"/data.*

echo
echo "[bench-server] server on core $SERVER_CORE, generator on core $LOADGEN_CORE; ratios are x our server's figure"
node "$ROOT/bench/loadgen/compare_servers.mjs" "$OUT" "$WORKLOADS" "$SERVERS"
exit "$FAILED"
