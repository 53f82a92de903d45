#!/usr/bin/env bash
# API bounds (issue #30 item 4): starts `run` with the API on loopback and measures
#   1. POST /v1/extract without a key and a 150 MB body → 401, host RSS growth (must be < 10 MB), both with curl's
#      Expect: 100-continue (the body is never sent) and without it (the body arrives and is discarded unread);
#   2. malformed JSON without a key → 401;
#   3. 4 M characters with a key → 413;
#   4. 1 MiB of call-centre text with a key → 200 and its wall time (must be < 1 s);
#   5. extraction time for 1, 2 and 4 M characters (api.extract_max_chars raised to 4 M), to show it is linear;
#   6. a client that leaves mid-extraction: the host's CPU use drops to idle within 0.6 s.
# Exit code 1 if a bound does not hold.
#
# Usage: bench/chaos/api-bounds.sh
# Env:   FUNASR_ARTIFACTS (build tree, default ./artifacts), PORT (default 18080)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts}"
port="${PORT:-18080}"
key="chaos-$RANDOM$RANDOM"
work="$(mktemp -d /tmp/funasr-api-bounds.XXXXXX)"
host_pid=""
cleanup() { [[ -n "$host_pid" ]] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

FUNASR_ARTIFACTS="$artifacts" dotnet build "$repo/src/Ingest/FunAsr.Ingest.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
host="$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll"

python3 - "$work" <<'PY'
import json, random, sys
out = sys.argv[1]
random.seed(30)
# A call-centre transcript: mostly conversation, now and then a phone number, an amount, a date, an order number.
chat = ["您好，请问有什么可以帮您？", "我想查询一下我的订单状态。", "好的，请稍等，我帮您看一下。", "Thanks for calling, how can I help you today?",
        "I'd like to check on my delivery.", "没问题，还有其他问题吗？", "请您保持电话畅通。", "Sure, let me look that up for you."]
facts = ["我的电话是13812345678。", "退款金额是¥300。", "订单号是ORD-42789。", "please call me back at 555-123-4567.",
         "you were charged $25.50 on 2024-03-15.", "师傅会在2025年1月3日下午3点上门。", "my email is alice@example.com."]
def text(n):
    parts, size = [], 0
    while size < n:
        s = random.choice(facts) if random.random() < 0.2 else random.choice(chat)
        parts.append(s); size += len(s)
    return ''.join(parts)[:n]
for name, n in [("1M", 1 << 20), ("2M", 2 << 20), ("4M", 4 << 20)]:
    json.dump({"text": text(n)}, open(f"{out}/extract-{name}.json", "w"), ensure_ascii=False)
open(f"{out}/malformed.json", "w").write('{"text": "unterminated')
PY
head -c 150000000 /dev/zero | tr '\0' 'a' > "$work/150MB.bin"

start_host() { # $1 = extract_max_chars
  cat > "$work/config.yaml" <<YAML
data_dir: $work/data
sources: []
sinks: [{ type: sqlite }]
recognizer: { model_dir: $repo/models/test-tiny, device: cpu }
rules: { directory: $repo/rules }
api:
  enabled: true
  urls: [http://127.0.0.1:$port]
  extract_max_chars: $1
YAML
  (cd "$work" && ORT_LIBRARY_PATH="${ORT_LIBRARY_PATH:-$repo/.deps/onnxruntime/libonnxruntime.so}" FUNASR_API_KEYS="$key" \
     exec dotnet "$host" run --config "$work/config.yaml" > "$work/host.log" 2>&1) &
  host_pid=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && return 0
    kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log"; exit 1; }
    sleep 0.2
  done
  echo "the host did not start"; cat "$work/host.log"; exit 1
}
stop_host() { kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=""; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$host_pid/status"; }
post() { # $1 = body file, $2.. = extra curl args; prints "status seconds"
  local file="$1"; shift
  curl -s -o "$work/response.json" -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' --data-binary "@$file" "$@" \
    "http://127.0.0.1:$port/v1/extract" || true
}
failed=0
check() { # $1 = description, $2 = condition (arithmetic), $3 = figures
  if (( $2 )); then verdict=ok; else verdict=FAIL; failed=1; fi
  printf '%-58s %-4s %s\n' "$1" "$verdict" "$3"
}

start_host 1048576
# Warm up: JIT and the rules' compiled regexes, so the timings below are the steady state.
post "$work/extract-1M.json" -H "X-Api-Key: $key" > /dev/null
before=$(rss_kb)
read -r status seconds < <(post "$work/150MB.bin")
after=$(rss_kb)
check "150 MB body without a key → 401" "status == 401" "status $status in ${seconds}s"
check "  host RSS growth < 10 MB" "(after - before) < 10240" "RSS ${before} → ${after} kB ($(( (after - before) / 1024 )) MB)"
before=$(rss_kb)
read -r status seconds < <(post "$work/150MB.bin" -H 'Expect:')
after=$(rss_kb)
check "150 MB body without a key, sent at once (no Expect) → 401" "status == 401" "status $status in ${seconds}s"
check "  host RSS growth < 10 MB" "(after - before) < 10240" "RSS ${before} → ${after} kB ($(( (after - before) / 1024 )) MB)"
read -r status seconds < <(post "$work/malformed.json")
check "malformed JSON without a key → 401" "status == 401" "status $status"
read -r status seconds < <(post "$work/malformed.json" -H "X-Api-Key: $key")
check "malformed JSON with a key → 400" "status == 400" "status $status: $(head -c 160 "$work/response.json")"
read -r status seconds < <(post "$work/extract-4M.json" -H "X-Api-Key: $key")
check "4 M characters with a key → 413" "status == 413" "status $status in ${seconds}s"
read -r status seconds < <(post "$work/150MB.bin" -H "X-Api-Key: $key")
check "150 MB body with a key → 413" "status == 413" "status $status in ${seconds}s"
read -r status seconds < <(post "$work/extract-1M.json" -H "X-Api-Key: $key")
check "1 MiB of text with a key → 200 in < 1 s" "status == 200 && $(awk -v s="$seconds" 'BEGIN {print (s < 1.0)}')" \
  "status $status in ${seconds}s, $(wc -c < "$work/response.json") bytes of results"
stop_host

start_host 4194304
post "$work/extract-1M.json" -H "X-Api-Key: $key" > /dev/null
cpu_ticks() { awk '{print $14 + $15}' "/proc/$host_pid/stat"; }
for size in 1M 2M 4M; do
  t0=$(cpu_ticks)
  read -r status seconds < <(post "$work/extract-$size.json" -H "X-Api-Key: $key")
  full=$(( $(cpu_ticks) - t0 ))
  check "$size characters (limit raised to 4 M) → 200" "status == 200" "${seconds}s, $full CPU ticks (1/100 s)"
done
# A client that gives up after 0.3 s: the extraction is cancelled, so in the 2 s after the host uses far less CPU than
# the whole 4 M extraction just measured ($full ticks). The host settles first: after a large request the runtime
# works on for a moment (GC, tiered JIT), measured as the idle baseline.
sleep 3
t0=$(cpu_ticks); sleep 2; idle=$(( $(cpu_ticks) - t0 ))
post "$work/extract-4M.json" -H "X-Api-Key: $key" --max-time 0.3 > /dev/null
trace=()
for _ in $(seq 1 10); do t0=$(cpu_ticks); sleep 0.2; trace+=($(( $(cpu_ticks) - t0 ))); done
after=0; for t in "${trace[@]}"; do after=$(( after + t )); done
check "client left after 0.3 s of the 4 M extraction → cancelled" "(after - idle) * 3 < full" \
  "$after CPU ticks in the 2 s after it left (per 0.2 s: ${trace[*]}; idle $idle), against $full for the whole"
stop_host
exit $failed
