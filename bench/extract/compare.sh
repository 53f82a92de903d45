#!/usr/bin/env bash
# Same-run comparison of `funasr-pipeline extract` variants (builds, publishes, options) as a whole process, file →
# file: the variants run one after another, round after round, so the machine's load hits them alike. Prints, per
# variant, the median and best wall time and CPU-seconds (user + sys, start-up included) with events/s and events per
# CPU-second, and fails if any output differs by a byte from the first variant's.
#
# Usage: bench/extract/compare.sh CORPUS ROUNDS 'LABEL;CPUS;DLL [ARGS...]'...
#   CORPUS  syslog:LINES  run-syslog.sh's events with the one-rule SYSLOGLINE pack (bench/extract/syslog)
#           pack:REPEAT   run.sh's corpus (2,000 lines × REPEAT) with the full rules/ pack
#   CPUS    the cores to pin the variant to (taskset -c), e.g. 0 or 0,1
#   DLL     a funasr-pipeline.dll (a build's artifacts/bin/FunAsr.Ingest/release or a publish's artifacts/cli)
# Env:   WAIT_IDLE=1 waits before each run (up to 60 s) until both cores are >= 90% idle for half a second, so a
#        machine shared with other work measures the variants in its quiet moments.
# Example (main's build in another tree against this one, one and two workers):
#   bench/extract/compare.sh syslog:100000 5 'main;0;/tmp/base/artifacts/cli/funasr-pipeline.dll' \
#     'w1;0;artifacts/cli/funasr-pipeline.dll --workers 1' 'w2;0,1;artifacts/cli/funasr-pipeline.dll --workers 2'
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
corpus="$1" rounds="$2"
shift 2
work="$(mktemp -d /tmp/funasr-extract-compare.XXXXXX)"
trap 'rm -rf "$work"' EXIT

dotnet build "$repo/bench/FunAsr.Bench/FunAsr.Bench.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
bench="$repo/artifacts/bin/FunAsr.Bench/release/FunAsr.Bench.dll"
case "$corpus" in
  syslog:*) dotnet "$bench" write-syslog-corpus "$work/in.ndjson" "${corpus#syslog:}"; rules="$repo/bench/extract/syslog" ;;
  pack:*) dotnet "$bench" write-extraction-corpus "$work/in.ndjson" "${corpus#pack:}"; rules="$repo/rules" ;;
  *) echo "error: CORPUS is syslog:LINES or pack:REPEAT, not $corpus" >&2; exit 2 ;;
esac
events=$(wc -l < "$work/in.ndjson")
echo "corpus: $corpus, $events events, $(($(stat -c %s "$work/in.ndjson") / 1024 / 1024)) MiB; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

wait_idle() {
  local start=$SECONDS a b total idle i
  while [ $((SECONDS - start)) -lt 60 ]; do
    read -ra a < <(grep '^cpu ' /proc/stat); sleep 0.5; read -ra b < <(grep '^cpu ' /proc/stat)
    total=0; for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    idle=$((b[4] - a[4] + b[5] - a[5]))
    if [ "$total" -gt 0 ] && [ $((idle * 100 / total)) -ge 90 ]; then return; fi
  done
  echo "note: the cores were not idle for 60 s; running anyway" >&2
}

for round in $(seq "$rounds"); do
  for i in $(seq 0 $(($# - 1))); do
    if [ -n "${WAIT_IDLE:-}" ]; then wait_idle; fi
    variant="${@:$((i + 1)):1}"
    IFS=';' read -r label cpus command <<< "$variant"
    read -ra args <<< "$command"
    /usr/bin/time -f '%e %U %S' -o "$work/time" taskset -c "$cpus" \
      dotnet "${args[0]}" extract --rules "$rules" "${args[@]:1}" < "$work/in.ndjson" > "$work/out$i.ndjson"
    echo "$i $(cat "$work/time")" >> "$work/times"
    if [ "$i" -gt 0 ] && ! cmp -s "$work/out0.ndjson" "$work/out$i.ndjson"; then
      echo "error: the output of '$label' differs from the output of the first variant" >&2
      exit 1
    fi
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

printf '%-28s %18s %18s %20s %20s\n' variant "wall s (med, min)" "CPU-s (med, min)" "events/s (med, best)" "events/CPU-s (med)"
for i in $(seq 0 $(($# - 1))); do
  variant="${@:$((i + 1)):1}"
  awk -v i="$i" -v label="${variant%%;*}" -v n="$events" '
    $1 == i { wall[++k] = $2; cpu[k] = $3 + $4 }
    function median(a, k,   s, j, t, m) {
      for (j = 1; j <= k; j++) s[j] = a[j]
      for (j = 1; j <= k; j++) for (m = j + 1; m <= k; m++) if (s[m] < s[j]) { t = s[j]; s[j] = s[m]; s[m] = t }
      return k % 2 ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2
    }
    function minimum(a, k,   j, m) { m = a[1]; for (j = 2; j <= k; j++) if (a[j] < m) m = a[j]; return m }
    END {
      mw = median(wall, k); bw = minimum(wall, k); mc = median(cpu, k); bc = minimum(cpu, k)
      printf "%-28s %8.2f %8.2f   %8.2f %8.2f   %9.0f %9.0f   %12.0f\n", label, mw, bw, mc, bc, n / mw, n / bw, n / mc
    }' "$work/times"
done
