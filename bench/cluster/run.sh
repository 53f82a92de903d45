#!/usr/bin/env bash
# Scale-out benchmark (issue #27): the same N generated calls (bench/generate-calls.sh) through
#   1. the all-in-one `run` (no broker),
#   2. an intake and 1 worker over RabbitMQ,
#   3. an intake and 2 workers,
# each on fresh data folders, with a RabbitMQ node of its own (temp folder, own ports; stopped at the end).
# Each setup is started and ready (/readyz) before the calls are copied into its inbox; the clock runs from the copy
# to the last recording stored in the (intake's) ledger. Reports recordings/hour, the broker's cost per recording
# (cluster wall time minus all-in-one wall time, per recording) and the queue latency the intake logs for each
# recording (publish → a worker takes it: mean, p95).
#
# Usage: bench/cluster/run.sh [N=40] [model dir, default: the bundled demo model, else models/test-tiny]
# Env:   FUNASR_ARTIFACTS (build tree, default ./artifacts), DEVICE (default cpu), BATCH (default 4)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-40}"
model="${2:-}"
if [[ -z "$model" ]]; then
  if [[ -f "$repo/models/demo-callcentre/model.onnx" ]]; then model="$repo/models/demo-callcentre"; else model="$repo/models/test-tiny"; fi
fi
artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts}"
work="$(mktemp -d /tmp/funasr-cluster-bench.XXXXXX)"
pids=()
node="funasr-bench-$$@localhost"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
amqp_port=$(free_port); dist_port=$(free_port)
rabbit_env=(RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$amqp_port"
  RABBITMQ_DIST_PORT="$dist_port" RABBITMQ_MNESIA_BASE="$work/rabbit/mnesia" RABBITMQ_LOG_BASE="$work/rabbit/log"
  RABBITMQ_CONFIG_FILE="$work/rabbit/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$work/rabbit/enabled_plugins"
  RABBITMQ_PID_FILE="$work/rabbit/pid")
stop_hosts() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; pids=(); }
cleanup() {
  stop_hosts
  [[ -f "$work/rabbit/pid" ]] && env "${rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -n "$node" stop "$work/rabbit/pid" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

FUNASR_ARTIFACTS="$artifacts" dotnet build "$repo/src/Ingest/FunAsr.Ingest.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
host="$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll"

"$repo/bench/generate-calls.sh" "$count" "$work/calls"
audio=$(for f in "$work"/calls/*.wav; do soxi -D "$f"; done | awk '{s += $1} END {printf "%.1f", s}')

mkdir -p "$work/rabbit"
printf 'loopback_users = none\n' > "$work/rabbit/rabbitmq.conf"
printf '[].\n' > "$work/rabbit/enabled_plugins"
env "${rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server > "$work/rabbit/server.log" 2>&1 &
env "${rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -n "$node" wait "$work/rabbit/pid" --timeout 180 >/dev/null

# start NAME ROLE PORT SETUP [ENV...]: one host of setup SETUP, API on PORT, its own data folder.
start() {
  local name="$1" role="$2" port="$3" setup="$4"; shift 4
  (cd "$work" && exec env FUNASR_DATA_DIR="$work/$setup/$name" FUNASR_API_ENABLED=true FUNASR_API_URLS="http://127.0.0.1:$port" \
    FUNASR_API_KEYS=bench FUNASR_CLUSTER_BROKER="amqp://guest:guest@127.0.0.1:$amqp_port/" FUNASR_CLUSTER_WORKER_NAME="$name" "$@" \
    dotnet "$host" run --role "$role" --config "$work/$setup/config.yaml" > "$work/$setup/$name.log" 2>&1) &
  local pid=$!
  pids+=("$pid")
  until curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "$name ($setup) exited:" >&2; tail -20 "$work/$setup/$name.log" >&2; exit 1; }
    sleep 0.2
  done
}

# measure SETUP: copies the calls into its inbox and waits until the ledger of its first host has them all stored.
measure() {
  local setup="$1" ledger="$work/$1/$2/ledger.db"
  local t0; t0=$(date +%s.%N)
  cp "$work"/calls/*.wav "$work/$setup/inbox/"
  until [[ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from recordings where state in ('stored','failed')\").fetchone()[0])" "$ledger" 2>/dev/null)" == "$count" ]]; do sleep 0.2; done
  echo "$(date +%s.%N) - $t0" | bc
}

declare -A wall latency
for setup in all-in-one 1-worker 2-workers; do
  mkdir -p "$work/$setup/inbox"
  cat > "$work/$setup/config.yaml" <<YAML
sources:
  - type: folder
    path: $work/$setup/inbox
    stable_seconds: 0.5
recognizer:
  model_dir: $model
  device: ${DEVICE:-cpu}
  batch_size: ${BATCH:-4}
pipeline:
  retry_backoff_seconds: 0
  poll_seconds: 0.2
sinks:
  - type: sqlite
    path: $work/$setup/store.db
cluster:
  queue: bench-$setup
YAML
  case "$setup" in
    all-in-one) start host all-in-one "$(free_port)" "$setup"; first=host ;;
    1-worker) start intake intake "$(free_port)" "$setup"; start w1 worker "$(free_port)" "$setup"; first=intake ;;
    2-workers) start intake intake "$(free_port)" "$setup"; start w1 worker "$(free_port)" "$setup"; start w2 worker "$(free_port)" "$setup"; first=intake ;;
  esac
  wall[$setup]=$(measure "$setup" "$first")
  latency[$setup]=$({ grep -ho 'queued [0-9.]* s' "$work/$setup/$first.log" || true; } | awk '{print $2}' | sort -n |
    awk '{v[NR] = $1; s += $1} END {if (NR == 0) { print "n/a"; exit } i = int(NR * 0.95 + 0.5); if (i < 1) i = 1; printf "mean %.3f s, p95 %.3f s", s / NR, v[i]}')
  echo "  $setup: ${wall[$setup]} s; queue latency ${latency[$setup]}" >&2
  stop_hosts
done

echo "Scale-out benchmark ($(date -u +%F), $(nproc) cores, model $(basename "$model"), device ${DEVICE:-cpu}, batch ${BATCH:-4}, RabbitMQ $(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null || echo '?'))"
echo "  recordings: $count generated calls, ${audio} s of audio; clock from copying them into the inbox to the last one stored"
printf '  %-11s %9s %16s %22s  %s\n' setup "wall (s)" "recordings/hour" "vs all-in-one per rec" "queue latency (publish → taken)"
for setup in all-in-one 1-worker 2-workers; do
  awk -v s="$setup" -v w="${wall[$setup]}" -v base="${wall[all-in-one]}" -v n="$count" -v l="${latency[$setup]}" 'BEGIN {
    printf "  %-11s %9.1f %16.0f %+20.3f s  %s\n", s, w, n / w * 3600, (w - base) / n, l }'
done
