#!/usr/bin/python3
"""Builds models/test-tiny: tiny SenseVoice-format CTC models whose output for a given input is known, so the C# tests
can check exact tokens end to end through the real ONNX Runtime (and, with tones, through audio -> fbank -> LFR -> CMVN).

How the tiny model "recognises":
  * The 4 prompt frames emit <|lang|>, <|NEUTRAL|>, <|Speech|>, <|withitn|>/<|woitn|> from the `language` and
    `text_norm` inputs (auto -> <|zh|>), exactly like SenseVoice's prompt.
  * Each feature frame looks at the centre sub-frame of the LFR stack (dims 240..319 = the 80 log-mel bins of the input
    frame at i*6) and takes the max over 12 groups of 6 mel bins (bins 8..79). Group k's max is the logit of content
    token k; blank's logit is a fixed threshold. So a loud pure tone inside group k's band emits token k, silence emits
    blank, and frames beyond x_length emit blank. tones.tsv lists the tone frequency of each content token.
  * CMVN metadata is neg_mean = -10, inv_stddev = 0.25 on every dim; the blank threshold is a log-mel of 15.

Outputs (all committed, a few kB):
  models/test-tiny/model.onnx + tokens.txt + tones.tsv   sherpa-onnx export (x, x_length, language, text_norm -> logits, metadata)
  models/test-tiny/funasr/model.onnx + tokens.json + am.mvn   FunASR export (speech, speech_lengths, language, textnorm
                                                          -> ctc_logits, encoder_out_lens), no metadata
  models/test-tiny/wrong-inputs/model.onnx + tokens.txt   metadata says sense_voice_ctc but the inputs are wrong
  models/test-tiny/missing-metadata/model.onnx + tokens.txt   sherpa inputs, metadata without vocab_size

Run: /usr/bin/python3 tools/make-test-model.py   (needs python3-onnx and python3-numpy; not needed by tests or CI)
"""
import json
import math
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "test-tiny")

TAGS = ["<unk>", "<s>", "</s>", "<|zh|>", "<|en|>", "<|yue|>", "<|ja|>", "<|ko|>", "<|nospeech|>",
        "<|NEUTRAL|>", "<|HAPPY|>", "<|Speech|>", "<|BGM|>", "<|withitn|>", "<|woitn|>"]
CONTENT = ["你", "好", "订", "单", "号", "谢", "▁hello", "▁order", "▁num", "ber", "▁one", "▁two"]
TOKENS = TAGS + CONTENT
V = len(TOKENS)
ID = {t: i for i, t in enumerate(TOKENS)}
LANG_IDS = {"auto": 0, "zh": 3, "en": 4, "yue": 7, "ja": 11, "ko": 12, "nospeech": 13}
LANG_TAG = {0: "<|zh|>", 3: "<|zh|>", 4: "<|en|>", 7: "<|yue|>", 11: "<|ja|>", 12: "<|ko|>", 13: "<|nospeech|>"}
WITH_ITN, WITHOUT_ITN = 14, 15
FIRST_BIN, GROUP = 8, 6
NEG_MEAN, INV_STDDEV, THRESHOLD_LOGMEL = -10.0, 0.25, 15.0
PROMPT_SCORE, OFF_SCORE = 10.0, -1000.0


def one_hot_rows(rows):
    table = np.full((16, V), OFF_SCORE, dtype=np.float32)
    for r in range(16):
        table[r, ID[rows(r)]] = PROMPT_SCORE
    return table


def build(names, with_metadata=True, drop_key=None, lengths_output=False):
    x, x_len, lang, tn = names["inputs"]
    init = [
        numpy_helper.from_array(one_hot_rows(lambda r: LANG_TAG.get(r, "<|zh|>")), "lang_table"),
        numpy_helper.from_array(one_hot_rows(lambda r: "<|NEUTRAL|>"), "emotion_table"),
        numpy_helper.from_array(one_hot_rows(lambda r: "<|Speech|>"), "event_table"),
        numpy_helper.from_array(one_hot_rows(lambda r: "<|withitn|>" if r == WITH_ITN else "<|woitn|>"), "itn_table"),
        numpy_helper.from_array(np.array([240 + FIRST_BIN], np.int64), "c_start"),
        numpy_helper.from_array(np.array([320], np.int64), "c_end"),
        numpy_helper.from_array(np.array([2], np.int64), "c_axis2"),
        numpy_helper.from_array(np.array([0, 0, len(CONTENT), GROUP], np.int64), "group_shape"),
        numpy_helper.from_array(np.array([1], np.int64), "axis1"),
        numpy_helper.from_array(np.array([-1], np.int64), "axis_last"),
        numpy_helper.from_array(np.array(0, np.int64), "zero"),
        numpy_helper.from_array(np.array(1, np.int64), "one"),
        numpy_helper.from_array(np.array([4], np.int32), "four"),
    ]
    select = np.zeros((len(CONTENT), V), np.float32)
    bias = np.full((V,), OFF_SCORE, np.float32)
    for k, piece in enumerate(CONTENT):
        select[k, ID[piece]] = 1.0
        bias[ID[piece]] = 0.0
    bias[0] = (THRESHOLD_LOGMEL + NEG_MEAN) * INV_STDDEV
    blank_row = np.full((V,), OFF_SCORE, np.float32)
    blank_row[0] = PROMPT_SCORE
    init += [numpy_helper.from_array(select, "select"), numpy_helper.from_array(bias, "bias"),
             numpy_helper.from_array(blank_row, "blank_row")]

    nodes = []
    for table, idx, out in [("lang_table", lang, "p0"), ("emotion_table", lang, "p1"),
                            ("event_table", lang, "p2"), ("itn_table", tn, "p3")]:
        nodes.append(helper.make_node("Gather", [table, idx], [out + "_g"], axis=0))
        nodes.append(helper.make_node("Unsqueeze", [out + "_g", "axis1"], [out]))
    nodes += [
        helper.make_node("Concat", ["p0", "p1", "p2", "p3"], ["prompt"], axis=1),
        helper.make_node("Slice", [x, "c_start", "c_end", "c_axis2"], ["centre"]),
        helper.make_node("Reshape", ["centre", "group_shape"], ["groups"]),
        helper.make_node("ReduceMax", ["groups"], ["group_max"], axes=[3], keepdims=0),
        helper.make_node("MatMul", ["group_max", "select"], ["scores"]),
        helper.make_node("Add", ["scores", "bias"], ["content_raw"]),
        # frames at or beyond x_length emit blank
        helper.make_node("Shape", [x], ["x_shape"]),
        helper.make_node("Gather", ["x_shape", "one"], ["t_len"], axis=0),
        helper.make_node("Range", ["zero", "t_len", "one"], ["t_range"]),
        helper.make_node("Cast", [x_len], ["len64"], to=TensorProto.INT64),
        helper.make_node("Unsqueeze", ["len64", "axis1"], ["len_col"]),
        helper.make_node("Less", ["t_range", "len_col"], ["valid"]),
        helper.make_node("Unsqueeze", ["valid", "axis_last"], ["valid3"]),
        helper.make_node("Where", ["valid3", "content_raw", "blank_row"], ["content"]),
        helper.make_node("Concat", ["prompt", "content"], [names["logits"]], axis=1),
    ]
    outputs = [helper.make_tensor_value_info(names["logits"], TensorProto.FLOAT, ["N", "T4", V])]
    if lengths_output:
        nodes.append(helper.make_node("Add", [x_len, "four"], [names["lengths"]]))
        outputs.append(helper.make_tensor_value_info(names["lengths"], TensorProto.INT32, ["N"]))
    graph = helper.make_graph(
        nodes, "tiny_sense_voice",
        [helper.make_tensor_value_info(x, TensorProto.FLOAT, ["N", "T", 560]),
         helper.make_tensor_value_info(x_len, TensorProto.INT32, ["N"]),
         helper.make_tensor_value_info(lang, TensorProto.INT32, ["N"]),
         helper.make_tensor_value_info(tn, TensorProto.INT32, ["N"])],
        outputs, init)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make-test-model.py")
    model.ir_version = 8
    if with_metadata:
        meta = {
            "model_type": "sense_voice_ctc", "version": "1", "model_author": "funasr-pipeline tests",
            "comment": "tiny test model (tools/make-test-model.py)", "vocab_size": str(V),
            "lfr_window_size": "7", "lfr_window_shift": "6", "normalize_samples": "0",
            "neg_mean": ",".join([repr(NEG_MEAN)] * 560), "inv_stddev": ",".join([repr(INV_STDDEV)] * 560),
            "with_itn": str(WITH_ITN), "without_itn": str(WITHOUT_ITN),
            **{f"lang_{k}": str(v) for k, v in LANG_IDS.items()},
        }
        meta.pop(drop_key, None)
        helper.set_model_props(model, meta)
    onnx.checker.check_model(model)
    return model


def write_tokens_txt(folder):
    with open(os.path.join(folder, "tokens.txt"), "w", encoding="utf-8") as f:
        for i, t in enumerate(TOKENS):
            f.write(f"{t} {i}\n")


def mel_centre_hz(bin_index, bins=80, low=20.0, high=8000.0):
    mel = lambda f: 1127.0 * math.log(1.0 + f / 700.0)
    inv = lambda m: 700.0 * (math.exp(m / 1127.0) - 1.0)
    delta = (mel(high) - mel(low)) / (bins + 1)
    return inv(mel(low) + (bin_index + 1) * delta)


def main():
    sherpa = {"inputs": ["x", "x_length", "language", "text_norm"], "logits": "logits"}
    funasr = {"inputs": ["speech", "speech_lengths", "language", "textnorm"], "logits": "ctc_logits", "lengths": "encoder_out_lens"}
    os.makedirs(ROOT, exist_ok=True)
    onnx.save(build(sherpa), os.path.join(ROOT, "model.onnx"))
    write_tokens_txt(ROOT)
    with open(os.path.join(ROOT, "tones.tsv"), "w", encoding="utf-8") as f:
        f.write("token\tfrequency_hz\n")
        for k, piece in enumerate(CONTENT):
            f.write(f"{piece}\t{mel_centre_hz(FIRST_BIN + k * GROUP + 2.5):.1f}\n")

    folder = os.path.join(ROOT, "funasr")
    os.makedirs(folder, exist_ok=True)
    onnx.save(build(funasr, with_metadata=False, lengths_output=True), os.path.join(folder, "model.onnx"))
    with open(os.path.join(folder, "tokens.json"), "w", encoding="utf-8") as f:
        json.dump(TOKENS, f, ensure_ascii=False)
    values = lambda v: " ".join([repr(v)] * 560)
    with open(os.path.join(folder, "am.mvn"), "w", encoding="utf-8") as f:
        f.write("<Nnet>\n<Splice> 560 560\n[ 0 ]\n<AddShift> 560 560\n"
                f"<LearnRateCoef> 0 [ {values(NEG_MEAN)} ]\n<Rescale> 560 560\n"
                f"<LearnRateCoef> 0 [ {values(INV_STDDEV)} ]\n</Nnet>\n")

    wrong = {"inputs": ["audio", "audio_len", "lang_id", "itn"], "logits": "out"}
    for name, model in [("wrong-inputs", build(wrong)), ("missing-metadata", build(sherpa, drop_key="vocab_size"))]:
        folder = os.path.join(ROOT, name)
        os.makedirs(folder, exist_ok=True)
        onnx.save(model, os.path.join(folder, "model.onnx"))
        write_tokens_txt(folder)


if __name__ == "__main__":
    main()
