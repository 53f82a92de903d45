#!/usr/bin/env bash
# Server time of the web page's calls list (GET /ui/api/calls, issue #28: under 300 ms with 10,000 recordings).
# Fills an embedded store with COUNT synthesised calls (FunAsr.Bench fill-store: six zh/en segments each, fields from
# the rules, tags and alerts), starts `run` with the API and the page on it, logs in as the page does, and requests
# the list RUNS times per query: the newest page, a deep page, a tag filter, a Chinese phrase, a phone number.
# Prints the median and the slowest of the endpoint's own server_ms and of curl's total time per query.
#
# Usage: bench/web/run.sh [COUNT=10000] [RUNS=20]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-10000}"
runs="${2:-20}"
artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts}"
work="$(mktemp -d /tmp/funasr-web-bench.XXXXXX)"
port="${PORT:-18123}"
host_pid=""
cleanup() { [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

for project in src/Ingest/FunAsr.Ingest.csproj bench/FunAsr.Bench/FunAsr.Bench.csproj; do
  FUNASR_ARTIFACTS="$artifacts" dotnet build "$repo/$project" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
done
mkdir -p "$work/data"
fill_start=$(date +%s.%N)
dotnet "$artifacts/bin/FunAsr.Bench/release/FunAsr.Bench.dll" fill-store "$work/data/funasr.db" "$count"
echo "store: $count calls written in $(echo "$(date +%s.%N) - $fill_start" | bc) s, $(du -m "$work/data/funasr.db" | cut -f1) MB"

cat > "$work/config.yaml" <<YAML
data_dir: $work/data
recognizer:
  model_dir: $repo/models/test-tiny
  device: cpu
api:
  enabled: true
  urls: [http://127.0.0.1:$port]
YAML
FUNASR_API_KEYS=bench-key dotnet "$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll" run --config "$work/config.yaml" > "$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
jar="$work/cookies"
curl -s -c "$jar" "http://127.0.0.1:$port/ui/login" >/dev/null
token=$(awk '$6 == "funasr_login" { print $7 }' "$jar")
curl -s -b "$jar" -c "$jar" -o /dev/null -d "csrf=$token&key=bench-key" "http://127.0.0.1:$port/ui/login"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
printf '%-28s %8s %12s %12s %12s %12s\n' query total "server p50" "server max" "curl p50" "curl max"
measure() {
  local name="$1" query="$2" server=() wall=() total=""
  for _ in $(seq 1 "$runs"); do
    out=$(curl -s -b "$jar" -w '\n%{time_total}' "http://127.0.0.1:$port/ui/api/calls?$query")
    total=$(head -1 <<<"$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
    server+=("$(head -1 <<<"$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["server_ms"])')")
    wall+=("$(tail -1 <<<"$out")")
  done
  python3 - "$name" "$total" "${server[*]}" "${wall[*]}" <<'PY'
import statistics, sys
name, total, server, wall = sys.argv[1], sys.argv[2], [float(x) for x in sys.argv[3].split()], [float(x) * 1000 for x in sys.argv[4].split()]
print(f"{name:<28} {total:>8} {statistics.median(server):>9.1f} ms {max(server):>9.1f} ms {statistics.median(wall):>9.1f} ms {max(wall):>9.1f} ms")
PY
}
measure "newest 50" "page=0&size=50"
measure "page 150 of 50" "page=150&size=50"
measure "tag=complaint" "tag=complaint"
measure "alert=high" "severity=high"
measure "search 退款" "q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("退款"))')"
measure "search digits 1389" "q=1389"
measure "field=phone, speaker" "field=phone&speaker=customer"
