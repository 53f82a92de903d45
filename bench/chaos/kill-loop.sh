#!/usr/bin/env bash
# Chaos: SIGKILL the ingest host at random moments (after its model is loaded) while it works through an inbox, restart it each time, then let
# one `ingest --once` finish. Passes when every recording is stored, none failed, none stored twice, and every alert
# in the store reached the webhook, under exactly one alert_id (webhooks are at-least-once: a host killed between the
# webhook's answer and the outbox update sends that notice again with the same alert_id; those resends are counted
# and printed). The host runs with the default pipeline settings (max_attempts 3).
#
# Usage: bench/chaos/kill-loop.sh [RECORDINGS=24] [KILLS=10] [MIN_SECONDS=1] [MAX_SECONDS=6] [SENTENCES_PER_CALL=4]
#   the issue's two runs:  bench/chaos/kill-loop.sh 24 10          (random kills over 24 calls)
#                          bench/chaos/kill-loop.sh 150 20 0.5 2 1 (a tight kill loop over 150 short files)
# Env: FUNASR_ARTIFACTS (build tree, default ./artifacts), MODEL (default: the bundled demo model), KEEP=1 keeps the work folder.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
recordings="${1:-24}"; kills="${2:-10}"; min_s="${3:-1}"; max_s="${4:-6}"; sentences="${5:-4}"
model="${MODEL:-$repo/models/demo-callcentre}"
artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts}"
work="$(mktemp -d /tmp/funasr-chaos.XXXXXX)"
receiver_pid=""
cleanup() { [[ -n "$receiver_pid" ]] && kill "$receiver_pid" 2>/dev/null; [[ "${KEEP:-0}" == 1 ]] || rm -rf "$work"; }
trap cleanup EXIT

FUNASR_ARTIFACTS="$artifacts" dotnet build "$repo/src/Ingest/FunAsr.Ingest.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
host="$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll"

"$repo/bench/generate-calls.sh" "$recordings" "$work/inbox" "$sentences"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 "$repo/bench/chaos/alert-receiver.py" "$port" "$work/alerts.ndjson" &
receiver_pid=$!
cat > "$work/chaos.yaml" <<YAML
data_dir: $work/data
sources:
  - type: folder
    path: $work/inbox
    stable_seconds: 0
recognizer:
  model_dir: $model
rules:
  directory: $repo/rules
alerts:
  webhooks:
    - url: http://127.0.0.1:$port/alerts
YAML

cd "$work"
for ((round = 1; round <= kills; round++)); do
  dotnet "$host" run --config "$work/chaos.yaml" > "$work/host-$round.log" 2>&1 &
  pid=$!
  # The moment is random within the work, not within start-up: wait for the model to be loaded first.
  for ((t = 0; t < 600; t++)); do grep -q "loaded on" "$work/host-$round.log" && break; sleep 0.1; done
  delay=$(python3 -c "import random; print(round(random.uniform($min_s, $max_s), 2))")
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  stored=$(python3 -c "import sqlite3; print(sqlite3.connect('$work/data/ledger.db').execute(\"SELECT COUNT(*) FROM recordings WHERE state = 'stored'\").fetchone()[0])" 2>/dev/null || echo 0)
  echo "round $round: SIGKILL ${delay} s after the model was loaded, $stored of $recordings stored so far"
done
set +e
dotnet "$host" ingest "$work/inbox" --once --config "$work/chaos.yaml" > "$work/final.log" 2>&1
final_exit=$?
set -e
sleep 1

python3 - "$work" "$recordings" "$final_exit" <<'PY'
import collections, json, sqlite3, sys
work, expected, final_exit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ledger = sqlite3.connect(f"{work}/data/ledger.db")
states = dict(ledger.execute("SELECT state, COUNT(*) FROM recordings GROUP BY state").fetchall())
attempts = collections.Counter(a for (a,) in ledger.execute("SELECT attempts FROM recordings"))
store = sqlite3.connect(f"{work}/data/funasr.db")
in_store = store.execute("SELECT COUNT(*) FROM recordings").fetchone()[0]
duplicated = store.execute("SELECT COUNT(*) FROM (SELECT recording_id, seq FROM segments GROUP BY recording_id, seq HAVING COUNT(*) > 1)").fetchone()[0]
stored_alerts = collections.Counter(store.execute("SELECT recording_id, rule_id, message FROM alerts").fetchall())
deliveries, ids = 0, collections.defaultdict(set)
try:
    for line in open(f"{work}/alerts.ndjson", encoding="utf-8"):
        a = json.loads(line)
        deliveries += 1
        ids[(a["recording_id"], a["rule_id"], a["message"])].add(a["alert_id"])
except FileNotFoundError:
    pass
delivered = collections.Counter({key: len(found) for key, found in ids.items()})
missing = sum((stored_alerts - delivered).values())
duplicates = sum((delivered - stored_alerts).values())
resends = deliveries - sum(delivered.values())
print(f"ledger: {states}; attempts per recording: {dict(sorted(attempts.items()))}")
print(f"store: {in_store} recordings, {duplicated} duplicated segments; final ingest --once exit code {final_exit}")
print(f"alerts: {sum(stored_alerts.values())} in the store, {sum(delivered.values())} delivered (distinct alert_id), {missing} missing, "
      f"{duplicates} duplicated; {resends} resend(s) of an alert_id already delivered (a kill between the webhook's answer and the outbox update)")
ok = states.get("stored", 0) == expected and states.get("failed", 0) == 0 and in_store == expected and duplicated == 0 \
    and missing == 0 and duplicates == 0 and final_exit == 0
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
