#!/usr/bin/env bash
# Writes N generated call recordings (espeak-ng + sox, zh and en phrases alternating, ~15-25 s, 16 kHz mono) to
# DIR/callNNNN.wav; the same N always gives the same files. Used by the pipeline, ORT and GPU benchmarks.
# Usage: bench/generate-calls.sh N DIR [SENTENCES_PER_CALL=4]
set -euo pipefail
count="$1"
dir="$2"
sentences="${3:-4}"
parts="$(mktemp -d /tmp/funasr-calls.XXXXXX)"
trap 'rm -rf "$parts"' EXIT
zh=("您好，我的电话是一三八一二三四五六七八，麻烦您回电" "我们的营业时间是周一到周五早上九点到晚上六点" "我要投诉，订单号是四二七八九，到现在还没有发货" "请帮我办理退款，金额是三百五十元")
en=("Hello, please call me back at five five five, one two three four" "Our opening hours are nine a m to six p m, Monday to Friday" "I want to cancel my order, the order number is four two seven" "I would like to make a complaint about the delivery")
mkdir -p "$dir"
for ((i = 0; i < count; i++)); do
  files=()
  for ((k = 0; k < sentences; k++)); do
    if (( (i + k) % 2 == 0 )); then voice=zh; text="${zh[$(( (i + k) % 4 ))]}"; else voice=en; text="${en[$(( (i + k) % 4 ))]}"; fi
    espeak-ng -v "$voice" -s $((140 + (i * 7 + k * 11) % 40)) -w "$parts/part$k.wav" "$text"
    files+=("$parts/part$k.wav")
  done
  sox "${files[@]}" -r 16000 -c 1 "$dir/call$(printf %04d "$i").wav" 2>/dev/null
done
