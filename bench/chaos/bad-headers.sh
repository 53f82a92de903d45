#!/usr/bin/env bash
# Bad WAV headers against `transcribe` (issue #30 item 3): each file is written byte by byte, transcribed alone
# under /usr/bin/time -v, and must end in one `error:` line (besides the model's info lines) naming the file and the field, with peak RSS < 200 MB.
# Prints one row per file: exit code, error lines, peak RSS, the message. Exit code 1 if any row fails.
#
# Usage: bench/chaos/bad-headers.sh
# Env:   FUNASR_ARTIFACTS (build tree, default ./artifacts), LIMIT_MB (default 200)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
artifacts="${FUNASR_ARTIFACTS:-$repo/artifacts}"
limit_mb="${LIMIT_MB:-200}"
work="$(mktemp -d /tmp/funasr-bad-headers.XXXXXX)"
trap 'rm -rf "$work"' EXIT

FUNASR_ARTIFACTS="$artifacts" dotnet build "$repo/src/Ingest/FunAsr.Ingest.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly
host="$artifacts/bin/FunAsr.Ingest/release/funasr-pipeline.dll"

python3 - "$work" <<'PY'
import struct, sys
out = sys.argv[1]
def fmt(tag=1, channels=1, rate=16000, bits=16, align=None):
    align = channels * bits // 8 if align is None else align
    return struct.pack('<HHIIHH', tag, channels & 0xFFFF, rate, (rate * channels * bits // 8) & 0xFFFFFFFF, align & 0xFFFF, bits)
def chunk(cid, body, size=None):
    return cid + struct.pack('<I', len(body) if size is None else size) + body + (b'\0' if len(body) % 2 else b'')
def riff(*chunks):
    body = b'WAVE' + b''.join(chunks)
    return b'RIFF' + struct.pack('<I', len(body)) + body
data = chunk(b'data', bytes(32000))  # a second of silence at 16 kHz: 32 KB files, as in the report
files = {
    'rate-ffffffff': riff(chunk(b'fmt ', fmt(rate=0xFFFFFFFF)), data),
    'rate-0': riff(chunk(b'fmt ', fmt(rate=0)), data),
    'rate-384001': riff(chunk(b'fmt ', fmt(rate=384001)), data),
    'channels-65535': riff(chunk(b'fmt ', fmt(channels=65535)), data),
    'channels-33': riff(chunk(b'fmt ', fmt(channels=33)), data),
    'bits-0': riff(chunk(b'fmt ', fmt(bits=0)), data),
    'block-align-65535': riff(chunk(b'fmt ', fmt(align=65535)), data),
    'fmt-size-4g': riff(chunk(b'fmt ', fmt(), size=0xFFFFFFF0), data),
    'list-size-2g': riff(chunk(b'LIST', bytes(8), size=0x7FFFFFFF), chunk(b'fmt ', fmt()), data),
    'data-beyond-file': riff(chunk(b'fmt ', fmt()), chunk(b'data', bytes(32000), size=0x7FFFFF00)),
    'widest-supported-32ch-383999hz': riff(chunk(b'fmt ', fmt(channels=32, rate=383999)), chunk(b'data', bytes(32 * 2 * 38400))),
}
for name, content in files.items():
    open(f'{out}/{name}.wav', 'wb').write(content)
PY
sox -n -r 8000 -c 40 -b 16 "$work/channels-40-via-ffmpeg.au" synth 2 sine 300

export ORT_LIBRARY_PATH="${ORT_LIBRARY_PATH:-$repo/.deps/onnxruntime/libonnxruntime.so}"
cd "$repo"
failed=0
printf '%-32s %4s %6s %9s  %s\n' file exit errors peak_rss message
for file in "$work"/*.wav "$work"/*.au; do
  name="$(basename "$file")"
  set +e
  /usr/bin/time -v -o "$work/time.txt" dotnet "$host" transcribe "$file" --no-rules --device cpu > "$work/out.txt" 2> "$work/err.txt"
  code=$?
  set -e
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
  errors=$(grep -c '^error:' "$work/err.txt" || true)
  message="$(grep -m1 '^error:' "$work/err.txt" | sed "s|$work/||" || true)"
  verdict=ok
  if [[ "$name" == widest-supported-* ]]; then
    (( code == 0 && errors == 0 )) || verdict=FAIL
    message="(decoded: $(wc -l < "$work/out.txt") transcript line(s))"
  else
    (( code != 0 && errors == 1 )) || verdict=FAIL
  fi
  (( rss_kb < limit_mb * 1024 )) || verdict=FAIL
  [[ "$verdict" == ok ]] || failed=1
  printf '%-32s %4s %6s %6.0f MB  %s %s\n' "$name" "$code" "$errors" "$(bc -l <<< "$rss_kb / 1024")" "$verdict" "$message"
done
exit $failed
