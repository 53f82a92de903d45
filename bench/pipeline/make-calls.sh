#!/usr/bin/env bash
# Writes N call recordings (espeak-ng + sox, zh and en sentences that the bundled rules extract fields and raise
# alerts from; each file differs in speed and so in content) into DIR: call0000.wav, call0001.wav…
# Usage: bench/pipeline/make-calls.sh N DIR [PARTS=4 sentences per call]
set -euo pipefail
count="$1"; out="$2"; parts_per_call="${3:-4}"
zh=("您好，我的电话是一三八一二三四五六七八，麻烦您回电" "我们的营业时间是周一到周五早上九点到晚上六点" "我要投诉，订单号是四二七八九，到现在还没有发货" "请帮我办理退款，金额是三百五十元")
en=("Hello, please call me back at five five five, one two three four" "Our opening hours are nine a m to six p m, Monday to Friday" "I want to cancel my order, the order number is four two seven" "I would like to make a complaint about the delivery")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
for ((i = 0; i < count; i++)); do
  parts=()
  for ((k = 0; k < parts_per_call; k++)); do
    if (( (i + k) % 2 == 0 )); then voice=zh; text="${zh[$(( (i + k) % 4 ))]}"; else voice=en; text="${en[$(( (i + k) % 4 ))]}"; fi
    espeak-ng -v "$voice" -s $((140 + (i * 7 + k * 11) % 40)) -w "$tmp/part$k.wav" "$text"
    parts+=("$tmp/part$k.wav")
  done
  sox "${parts[@]}" -r 16000 -c 1 "$out/call$(printf %04d "$i").wav" 2>/dev/null
done
