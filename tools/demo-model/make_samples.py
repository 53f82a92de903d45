"""Writes samples/: short generated call recordings built from held-out frames and voices. Two stereo 8 kHz µ-law
calls (agent left, customer right, alternating turns with silence between) with a sidecar <file>.json, and two
16 kHz mono voicemails; zh and en; with phone numbers, business hours, an order number, an amount and a
complaint/refund. The spoken-form script of each is written next to it as <file>.txt."""
import argparse
import json
import os

import numpy as np

from synthesize import RATE, RAW_FLOAT, SOX, run, speak

CALLS = {
    "call-zh-refund": {
        "agent": "cmn-latn-pinyin+f3", "customer": "cmn-latn-pinyin+m3", "lang": "zh",
        "sidecar": {"call_id": "CN-20240611-0042", "agent": "agent-0117", "customer_number": "13800138000",
                    "direction": "inbound", "queue": "billing-zh", "started_at": "2024-06-11T09:42:13+08:00"},
        "turns": [
            ("agent", "您好欢迎致电客服中心"),
            ("customer", "我要投诉 这个问题我反映了好几次了 扣费不对"),
            ("agent", "我理解您的心情 我帮您查一下订单幺三五七九二四六"),
            ("customer", "一共是三百九十九元 我要退款"),
            ("agent", "我们会在三天之内给您回电 您留的号码是幺三八零零幺三八零零零对吗"),
            ("customer", "对的"),
            ("agent", "营业时间周一至周五上午九点至晚上六点 谢谢再见"),
        ],
    },
    "call-en-order": {
        "agent": "en-gb-scotland+f3", "customer": "en-us+m3", "lang": "en",
        "sidecar": {"call_id": "US-20240611-0107", "agent": "agent-0342", "customer_number": "+12065550142",
                    "direction": "inbound", "queue": "orders-en", "started_at": "2024-06-11T14:05:40-07:00"},
        "turns": [
            ("agent", "good afternoon let me check that for you"),
            ("customer", "my order number is four five seven one two nine"),
            ("customer", "my refund never arrived i paid forty nine dollars and ninety nine cents and nothing happened"),
            ("agent", "i understand how you feel let me transfer you to the right department"),
            ("agent", "the number to call is one eight hundred five five five oh one nine nine"),
            ("customer", "which hours are they open"),
            ("agent", "the store opens at nine a m on monday"),
            ("customer", "thanks bye"),
        ],
    },
}
VOICEMAILS = {
    "voicemail-zh": ("cmn-latn-pinyin+f4", "zh",
                     "晚上好 我的手机号是幺五九零幺二三四五六七 我周三下午有空 屏幕碎了我要预约维修"),
    "voicemail-en": ("en-gb-scotland+m4", "en",
                     "hi i'm calling about my account you can text two oh six five five five oh one four two "
                     "i'm free on friday after three thirty p m"),
}


def turn_audio(voice, text, index):
    u = {"id": f"sample-{index}", "voice": voice, "speed": 165, "pitch": 50, "text": text,
         "condition": {"gain_db": -3.0}}
    return speak(u)


def write_call(out_dir, name, call):
    left, right, script = [], [], []
    for i, (who, text) in enumerate(call["turns"]):
        audio = turn_audio(call[who], text, i)
        gap = np.zeros(int(RATE * (0.5 + 0.1 * (i % 3))), dtype=np.float32)
        speaking, silent = (left, right) if who == "agent" else (right, left)
        speaking.extend([audio, gap])
        silent.extend([np.zeros_like(audio), gap])
        script.append(f"{who}: {text}")
    stereo = np.stack([np.concatenate(left), np.concatenate(right)], axis=1).astype(np.float32)
    path = os.path.join(out_dir, name + ".wav")
    run([*SOX, "-t", "raw", "-r", str(RATE), "-e", "floating-point", "-b", "32", "-c", "2", "-", "-r", "8000",
         "-e", "u-law", "-b", "8", path, "sinc", "300-3400"], np.clip(stereo, -1, 1).tobytes())
    with open(os.path.join(out_dir, name + ".wav.json"), "w", encoding="utf-8") as f:
        json.dump(call["sidecar"], f, ensure_ascii=False, indent=2)
        f.write("\n")
    return script


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, call in CALLS.items():
        script = write_call(args.out, name, call)
        with open(os.path.join(args.out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(script) + "\n")
    for name, (voice, _, text) in VOICEMAILS.items():
        audio = turn_audio(voice, text, 0)
        run([*SOX, *RAW_FLOAT, "-", "-b", "16", "-e", "signed", os.path.join(args.out, name + ".wav")], audio.tobytes())
        with open(os.path.join(args.out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text + "\n")
    print(f"wrote samples to {args.out}")


if __name__ == "__main__":
    main()
