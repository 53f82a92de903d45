#!/usr/bin/python3
"""Builds models/tiny-funasr: tiny random-weight stand-ins with the exact I/O of FunASR's standard pipeline
(/work/shared/spec/funasr-family.md sections 4-6, 8), plus golden outputs of the torch modules they were exported from.

  paraformer/            FunASR export: model.onnx (speech, speech_lengths -> logits, token_num), config.yaml, am.mvn, tokens.json
  paraformer-sherpa/     the same graph with sherpa-onnx metadata (model_type paraformer, neg_mean, ...) and tokens.txt
  paraformer-timestamp/  sherpa-style, plus us_alphas / us_cif_peak (peaks exactly 1.0, tokens + 1 of them)
  paraformer-int64/      FunASR export whose token_num is int64 (as FunASR's C++ runtime reads it)
  paraformer-seaco/      FunASR export of a SeACo-style model: model.onnx takes bias_embed [B, H, 512], model_eb.onnx
                         (hotword int32 [H, 10] -> hw_embed [10, H, 512], time-major)
  fsmn-vad/              model.onnx (speech [1, T, 400] + in_cache0..3 [1, 128, 19, 1] -> logits [1, T, 248] softmax +
                         out_cache0..3), config.yaml (encoder_conf, frontend_conf, model_conf), am.mvn (400-dim)
  punc/                  CT-Transformer offline, FunASR export: model.onnx (inputs, text_lengths -> logits [B, L, 6]),
                         config.yaml (model_conf.punc_list), tokens.json
  punc-sherpa/           the same graph with sherpa-onnx metadata (tokens, vocab_size, punctuations, unk_symbol)
  punc-realtime/         the realtime variant: + vad_masks, sub_masks [1, 1, L, L]
  golden/                inputs and the torch modules' outputs after the post-processing written here from the spec
                         (SeACo hotword rows, FSMN end-pointing, punctuation windows); the C# tests compare exactly

Seeded; run with Debian's torch (apt-get install python3-torch python3-onnx): /usr/bin/python3 tools/make-funasr-tiny-models.py
"""
import json
import math
import os
import shutil

import numpy as np
import onnx
import torch
from torch import nn

torch.set_num_threads(2)
torch.manual_seed(23)
RNG = np.random.default_rng(23)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "tiny-funasr")

ASR_TOKENS = (["<blank>", "<s>", "</s>"]
              + list("我的电话是零一二三四五六七八九十点分号码订单你好谢请问")
              + ["hello", "order", "num@@", "ber", "ok", "<unk>"])
PUNC_TOKENS = list("我的电话是零一二三四五六七八九十点分号码订单你好谢请问吗") + ["hello", "order", "number", "ok", "please", "<unk>"]
PUNC_LIST = ["<unk>", "_", "，", "。", "？", "、"]
STRIDE = 3          # one Paraformer token per 3 LFR frames
EMBED = 512         # hotword embedding width (SeACo/contextual Paraformer-large)
HOTWORD_LEN = 10

FSMN_MODEL_CONF = {
    "sample_rate": 16000, "detect_mode": 1, "snr_mode": 0, "max_end_silence_time": 800, "max_start_silence_time": 3000,
    "do_start_point_detection": True, "do_end_point_detection": True, "window_size_ms": 200,
    "sil_to_speech_time_thres": 150, "speech_to_sil_time_thres": 150, "speech_2_noise_ratio": 1.0, "do_extend": 1,
    "lookback_time_start_point": 200, "lookahead_time_end_point": 100, "max_single_segment_time": 60000,
    "nn_eval_block_size": 8, "dcd_block_size": 4, "snr_thres": -100.0, "noise_frame_num_used_for_snr": 100,
    "decibel_thres": -100.0, "speech_noise_thres": 0.6, "fe_prior_thres": 0.0001, "silence_pdf_num": 1,
    "sil_pdf_ids": [0], "speech_noise_thresh_low": -0.1, "speech_noise_thresh_high": 0.3, "output_frame_probs": False,
    "frame_in_ms": 10, "frame_length_ms": 25,
}


# ---------------------------------------------------------------------------------------------------------- models

class TinyParaformer(nn.Module):
    """logits = log_softmax(Linear(mean-removed strided frames)); </s> from token_num on; ids 0, 1, 2 and <unk> never
    win before it, so sherpa (argmax until </s>) and FunASR (first token_num tokens) read the same tokens."""

    def __init__(self, vocab, timestamps=False, hotwords=False):
        super().__init__()
        self.timestamps, self.hotwords = timestamps, hotwords
        self.proj = nn.Linear(560, vocab)
        nn.init.normal_(self.proj.weight, std=0.08)
        suppress = torch.zeros(vocab)
        suppress[[0, 1, 2, vocab - 1]] = -1e4
        eos = torch.full((vocab,), -1e4)
        eos[2] = 0.0
        self.register_buffer("suppress", suppress)
        self.register_buffer("eos", eos)
        if hotwords:
            self.query = nn.Sequential(nn.Linear(560, 16), nn.Linear(16, EMBED))
            self.bias_out = nn.Linear(EMBED, vocab)
            nn.init.normal_(self.bias_out.weight, std=1.5)

    def forward(self, speech, speech_lengths, bias_embed=None):
        x = speech[:, ::STRIDE, :]
        x = x - x.mean(-1, keepdim=True)
        logits = self.proj(x) + self.suppress
        if self.hotwords:
            q = self.query(x)
            attention = torch.softmax(q @ bias_embed.transpose(1, 2) / math.sqrt(EMBED), -1)
            logits = logits + self.bias_out(attention @ bias_embed) + self.suppress
        token_num = torch.clamp(torch.div(speech_lengths, STRIDE, rounding_mode="floor"), min=1).to(torch.int32)
        positions = torch.arange(x.shape[1], device=x.device).unsqueeze(0)
        valid = positions < token_num.unsqueeze(1)
        logits = torch.where(valid.unsqueeze(-1), logits, self.eos)
        logp = torch.log_softmax(logits, -1)
        if not self.timestamps:
            return logp, token_num
        up = torch.arange(speech.shape[1] * 3, device=x.device).unsqueeze(0)
        token_peak = (torch.remainder(up, 3 * STRIDE) == 0) & (torch.div(up, 3 * STRIDE, rounding_mode="floor") < token_num.unsqueeze(1))
        last_peak = up == (speech_lengths.unsqueeze(1) * 3 - 1)
        us_cif_peak = (token_peak | last_peak).to(torch.float32)
        us_alphas = us_cif_peak * 0.75 + 0.05
        return logp, token_num, us_alphas, us_cif_peak


class Int64TokenNum(nn.Module):
    """The same Paraformer with token_num cast to int64."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, speech, speech_lengths):
        logp, token_num = self.inner(speech, speech_lengths)
        return logp, token_num.to(torch.int64)


class TinyHotwordEmbedder(nn.Module):
    """Embedding then a running mean over the 10 time steps (stands in for the LSTM), time-major out."""

    def __init__(self, vocab):
        super().__init__()
        self.embed = nn.Embedding(vocab, EMBED)

    def forward(self, hotword):
        e = self.embed(hotword.long())
        steps = torch.arange(1, HOTWORD_LEN + 1, dtype=torch.float32).view(1, HOTWORD_LEN, 1)
        running = torch.cumsum(e, 1) / steps
        return running.transpose(0, 1)


class TinyFsmn(nn.Module):
    """Silence pdf 0 follows the frame's level (loud -> speech); four FSMN-like memories (a 20-tap depthwise filter over
    the 19 cached + new projected frames) feed the other pdfs, so the caches carry state across blocks."""

    def __init__(self):
        super().__init__()
        self.bottleneck = nn.Linear(400, 16)
        self.proj = nn.ModuleList([nn.Linear(16, 128) for _ in range(4)])
        self.memory = nn.ParameterList([nn.Parameter(torch.randn(128, 1, 20, 1) * 0.1) for _ in range(4)])
        self.back = nn.Linear(128, 248)
        self.head = nn.Linear(16, 248)
        nn.init.normal_(self.back.weight, std=0.05)
        self.sil_weight = nn.Parameter(torch.tensor(0.5))

    def forward(self, speech, c0, c1, c2, c3):
        level = speech.mean(-1)
        x = self.bottleneck(speech - level.unsqueeze(-1))
        out = self.head(x)
        caches = []
        for proj, memory, cache in zip(self.proj, self.memory, (c0, c1, c2, c3)):
            p = proj(x).permute(0, 2, 1).unsqueeze(-1)
            joined = torch.cat([cache, p], 2)
            filtered = nn.functional.conv2d(joined, memory, groups=128)
            out = out + self.back(filtered.squeeze(-1).permute(0, 2, 1))
            caches.append(joined[:, :, -19:, :])
        sil = 8.0 * torch.tanh((5.0 - level) / 3.0) + self.sil_weight * out[..., 0]
        logits = torch.cat([sil.unsqueeze(-1), out[..., 1:] * 0.2], -1)
        return (torch.softmax(logits, -1), *caches)


class TinyPunc(nn.Module):
    """Per-token scores plus a context term over the valid tokens (offline: all of them; realtime: the mask's rows), so
    where a window is cut changes the labels."""

    def __init__(self, vocab, realtime=False):
        super().__init__()
        self.realtime = realtime
        self.embed = nn.Embedding(vocab, 16)
        self.head = nn.Linear(16, 6)
        self.context = nn.Linear(16, 6)
        self.register_buffer("prior", torch.tensor([-4.0, 3.0, 0.2, 0.0, -0.6, -0.8]))

    def forward(self, inputs, text_lengths, vad_masks=None, sub_masks=None):
        e = self.embed(inputs.long())
        positions = torch.arange(inputs.shape[1]).unsqueeze(0)
        valid = (positions < text_lengths.unsqueeze(1)).to(torch.float32).unsqueeze(-1)
        if self.realtime:
            weights = (vad_masks * sub_masks)[:, 0] * valid.transpose(1, 2)
            context = (weights @ e) / weights.sum(-1, keepdim=True).clamp(min=1.0)
        else:
            context = ((e * valid).sum(1) / valid.sum(1).clamp(min=1.0)).unsqueeze(1)
        return self.head(e) * 2.0 + self.context(context) * 2.0 + self.prior


# ---------------------------------------------------------------------------------------------------------- export

def export(module, args, path, inputs, outputs, dynamic, metadata=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.onnx.export(module, args, path, input_names=inputs, output_names=outputs, dynamic_axes=dynamic, opset_version=14,
                      do_constant_folding=True)
    model = onnx.load(path)
    del model.metadata_props[:]
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.save(model, path)


def write_am_mvn(path, dim):
    zeros, ones = " ".join(["0"] * dim), " ".join(["1"] * dim)
    with open(path, "w") as f:
        f.write(f"<Nnet>\n<Splice> {dim} {dim}\n[ 0 ]\n<AddShift> {dim} {dim}\n<LearnRateCoef> 0 [ {zeros} ]\n"
                f"<Rescale> {dim} {dim}\n<LearnRateCoef> 0 [ {ones} ]\n</Nnet>\n")


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=None if isinstance(value, list) else 1)


def write_tokens_txt(path, tokens):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(f"{t} {i}\n" for i, t in enumerate(tokens))


def yaml_scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
    return str(value)


def write_config(path, sections):
    with open(path, "w", encoding="utf-8") as f:
        for name, values in sections.items():
            f.write(f"{name}:\n")
            for key, value in values.items():
                f.write(f"  {key}: {yaml_scalar(value)}\n")


def asr_frontend(lfr_m, lfr_n):
    return {"fs": 16000, "window": "hamming", "n_mels": 80, "frame_length": 25, "frame_shift": 10, "dither": 0.0,
            "lfr_m": lfr_m, "lfr_n": lfr_n}


def build_paraformer():
    vocab = len(ASR_TOKENS)
    speech, lengths = torch.randn(2, 30, 560), torch.tensor([30, 20], dtype=torch.int32)
    dyn = {"speech": {0: "batch_size", 1: "feats_length"}, "speech_lengths": {0: "batch_size"},
           "logits": {0: "batch_size", 1: "logits_length"}, "token_num": {0: "batch_size"}}
    sherpa_meta = {"vocab_size": vocab, "lfr_window_size": 7, "lfr_window_shift": 6,
                   "neg_mean": ",".join(["0"] * 560), "inv_stddev": ",".join(["1"] * 560), "model_type": "paraformer",
                   "version": 1, "model_author": "damo", "comment": "tiny random-weight stand-in (tools/make-funasr-tiny-models.py)"}
    config = {"frontend_conf": asr_frontend(7, 6), "model_conf": {"predictor_bias": 0}}

    plain = TinyParaformer(vocab).eval()
    folder = os.path.join(ROOT, "paraformer")
    export(plain, (speech, lengths), os.path.join(folder, "model.onnx"), ["speech", "speech_lengths"], ["logits", "token_num"], dyn)
    write_config(os.path.join(folder, "config.yaml"), config)
    write_am_mvn(os.path.join(folder, "am.mvn"), 560)
    write_json(os.path.join(folder, "tokens.json"), ASR_TOKENS)
    folder = os.path.join(ROOT, "paraformer-sherpa")
    export(plain, (speech, lengths), os.path.join(folder, "model.onnx"), ["speech", "speech_lengths"], ["logits", "token_num"], dyn, sherpa_meta)
    write_tokens_txt(os.path.join(folder, "tokens.txt"), ASR_TOKENS)

    folder = os.path.join(ROOT, "paraformer-int64")
    export(Int64TokenNum(plain), (speech, lengths), os.path.join(folder, "model.onnx"), ["speech", "speech_lengths"], ["logits", "token_num"], dyn)
    write_config(os.path.join(folder, "config.yaml"), config)
    write_am_mvn(os.path.join(folder, "am.mvn"), 560)
    write_json(os.path.join(folder, "tokens.json"), ASR_TOKENS)

    stamped = TinyParaformer(vocab, timestamps=True).eval()
    stamped.load_state_dict(plain.state_dict(), strict=False)
    ts_dyn = dict(dyn, us_alphas={0: "batch_size", 1: "alphas_length"}, us_cif_peak={0: "batch_size", 1: "alphas_length"})
    folder = os.path.join(ROOT, "paraformer-timestamp")
    export(stamped, (speech, lengths), os.path.join(folder, "model.onnx"), ["speech", "speech_lengths"],
           ["logits", "token_num", "us_alphas", "us_cif_peak"], ts_dyn, sherpa_meta)
    write_tokens_txt(os.path.join(folder, "tokens.txt"), ASR_TOKENS)

    seaco = TinyParaformer(vocab, timestamps=True, hotwords=True).eval()
    embedder = TinyHotwordEmbedder(vocab).eval()
    folder = os.path.join(ROOT, "paraformer-seaco")
    bias = torch.randn(2, 3, EMBED)
    export(seaco, (speech, lengths, bias), os.path.join(folder, "model.onnx"), ["speech", "speech_lengths", "bias_embed"],
           ["logits", "token_num", "us_alphas", "us_cif_peak"], dict(ts_dyn, bias_embed={0: "batch_size", 1: "num_hotwords"}))
    export(embedder, (torch.zeros(3, HOTWORD_LEN, dtype=torch.int32),), os.path.join(folder, "model_eb.onnx"), ["hotword"], ["hw_embed"],
           {"hotword": {0: "num_hotwords"}, "hw_embed": {1: "num_hotwords"}})
    write_config(os.path.join(folder, "config.yaml"), config)
    write_am_mvn(os.path.join(folder, "am.mvn"), 560)
    write_json(os.path.join(folder, "tokens.json"), ASR_TOKENS)
    return plain, seaco, embedder


def build_fsmn():
    fsmn = TinyFsmn().eval()
    folder = os.path.join(ROOT, "fsmn-vad")
    caches = [torch.zeros(1, 128, 19, 1) for _ in range(4)]
    export(fsmn, (torch.randn(1, 30, 400), *caches), os.path.join(folder, "model.onnx"),
           ["speech", "in_cache0", "in_cache1", "in_cache2", "in_cache3"],
           ["logits", "out_cache0", "out_cache1", "out_cache2", "out_cache3"],
           {"speech": {1: "feats_length"}, "logits": {1: "logits_length"}})
    encoder = {"input_dim": 400, "input_affine_dim": 140, "fsmn_layers": 4, "linear_dim": 250, "proj_dim": 128, "lorder": 20,
               "rorder": 0, "lstride": 1, "rstride": 0, "output_affine_dim": 140, "output_dim": 248}
    write_config(os.path.join(folder, "config.yaml"),
                 {"frontend_conf": asr_frontend(5, 1), "model_conf": FSMN_MODEL_CONF, "encoder_conf": encoder})
    write_am_mvn(os.path.join(folder, "am.mvn"), 400)
    return fsmn


def build_punc():
    vocab = len(PUNC_TOKENS)
    offline = TinyPunc(vocab).eval()
    ids, lengths = torch.zeros(1, 12, dtype=torch.int32), torch.tensor([12], dtype=torch.int32)
    dyn = {"inputs": {0: "batch_size", 1: "feats_length"}, "text_lengths": {0: "batch_size"}, "logits": {0: "batch_size", 1: "logits_length"}}
    folder = os.path.join(ROOT, "punc")
    export(offline, (ids, lengths), os.path.join(folder, "model.onnx"), ["inputs", "text_lengths"], ["logits"], dyn)
    write_config(os.path.join(folder, "config.yaml"), {"model_conf": {"ignore_id": 0, "punc_list": PUNC_LIST}})
    write_json(os.path.join(folder, "tokens.json"), PUNC_TOKENS)
    folder = os.path.join(ROOT, "punc-sherpa")
    export(offline, (ids, lengths), os.path.join(folder, "model.onnx"), ["inputs", "text_lengths"], ["logits"], dyn,
           {"tokens": "|".join(PUNC_TOKENS), "vocab_size": vocab, "punctuations": "|".join(PUNC_LIST), "unk_symbol": "<unk>",
            "model_type": "ct_transformer", "version": 1})

    realtime = TinyPunc(vocab, realtime=True).eval()
    realtime.load_state_dict(offline.state_dict())
    mask = torch.ones(1, 1, 12, 12)
    folder = os.path.join(ROOT, "punc-realtime")
    export(realtime, (ids, lengths, mask, mask), os.path.join(folder, "model.onnx"), ["inputs", "text_lengths", "vad_masks", "sub_masks"],
           ["logits"], {"inputs": {1: "feats_length"}, "vad_masks": {2: "feats_length1", 3: "feats_length2"},
                        "sub_masks": {2: "feats_length1", 3: "feats_length2"}, "logits": {1: "logits_length"}})
    write_config(os.path.join(folder, "config.yaml"), {"model_conf": {"ignore_id": 0, "punc_list": PUNC_LIST}})
    write_json(os.path.join(folder, "tokens.json"), PUNC_TOKENS)
    return offline, realtime


# ---------------------------------------------------------------------------------------------------------- golden

def write_f32(path, array):
    np.asarray(array, dtype="<f4").tofile(path)


def paraformer_text(tokens):
    """sherpa-onnx's Convert: '@@' pieces glue to the next; ASCII pieces get a leading space; a space between ASCII and
    non-ASCII. Trimmed."""
    text, mergeable = "", False
    for i, sym in enumerate(tokens):
        if sym.endswith("@@"):
            text += sym[:-2] if mergeable else " " + sym[:-2]
            mergeable = True
        elif ord(sym[0]) < 0x80:
            text += sym if mergeable else " " + sym
            mergeable = False
        else:
            mergeable = False
            if i > 0 and ord(tokens[i - 1][0]) < 0x80:
                text += " "
            text += sym
    return text.strip()


def hotword_rows(phrases):
    """C++ runtime rules: characters (or whole ASCII words) → ids, at most 10, phrases with an unknown piece dropped,
    the no-bias row [1, 0, …] last."""
    rows, lengths = [], []
    for phrase in phrases:
        pieces = phrase.split() if phrase.isascii() else list(phrase.replace(" ", ""))
        if not pieces or any(p not in ASR_TOKENS for p in pieces):
            continue
        ids = [ASR_TOKENS.index(p) for p in pieces][:HOTWORD_LEN]
        rows.append(ids + [0] * (HOTWORD_LEN - len(ids)))
        lengths.append(len(ids))
    rows.append([1] + [0] * (HOTWORD_LEN - 1))
    lengths.append(1)
    return rows, lengths


def golden_seaco(seaco, embedder):
    cases = []
    speech = torch.tensor(RNG.normal(0.0, 4.0, (36, 560)) + 8.0, dtype=torch.float32).unsqueeze(0)
    write_f32(os.path.join(ROOT, "golden", "seaco-speech.f32"), speech.numpy())
    for phrases in ([], ["订单号码"], ["你好", "hello", "谢谢请问"], ["不在表里"]):
        rows, lengths = hotword_rows(phrases)
        with torch.no_grad():
            hw = embedder(torch.tensor(rows, dtype=torch.int32))
            bias = torch.stack([hw[n - 1 if i < len(rows) - 1 else 0, i] for i, n in enumerate(lengths)]).unsqueeze(0)
            logp, token_num, _, _ = seaco(speech, torch.tensor([36], dtype=torch.int32), bias)
        ids = logp[0].argmax(-1).tolist()[: int(token_num[0])]
        cases.append({"hotwords": phrases, "rows": len(rows), "text": paraformer_text([ASR_TOKENS[i] for i in ids])})
    return {"frames": 36, "cases": cases}


class FsmnEndpointer:
    """FunASR's E2EVadModel post-processing (funasr/models/fsmn_vad_streaming/model.py) for one stream in multiple-
    utterance mode: a 200 ms window of frame decisions (speech if 1 - P_sil >= P_sil + speech_noise_thres) turns sil to
    speech at >= 15 speech frames and back at <= 15; starts look back 20 window + 20 lookback frames; an end needs
    max_end_silence_time - speech_to_sil_time_thres of continuous silence and is pulled back (lookahead extension);
    segments are cut at max_single_segment_time. Segments are [start_ms, end_ms]."""

    def __init__(self, conf):
        self.c = conf
        self.win_frames = conf["window_size_ms"] // conf["frame_in_ms"]
        self.sil2speech = conf["sil_to_speech_time_thres"] // conf["frame_in_ms"]
        self.speech2sil = conf["speech_to_sil_time_thres"] // conf["frame_in_ms"]
        self.max_end_sil = conf["max_end_silence_time"] - conf["speech_to_sil_time_thres"]
        self.latency = self.win_frames + (conf["lookback_time_start_point"] // conf["frame_in_ms"] if conf["do_extend"] else 0)
        self.data_start = 0
        self.segments = []
        self.end_count = 0
        self.reset()

    def reset(self):
        self.win = [0] * self.win_frames
        self.win_sum, self.win_pos, self.win_speech = 0, 0, False
        self.silence_run, self.last_speech, self.last_silence = 0, 0, -1
        self.start, self.in_speech, self.done = -1, False, False

    def window(self, speech):
        s = 1 if speech else 0
        self.win_sum += s - self.win[self.win_pos]
        self.win[self.win_pos] = s
        self.win_pos = (self.win_pos + 1) % self.win_frames
        if not self.win_speech and self.win_sum >= self.sil2speech:
            self.win_speech = True
            return "sil2speech"
        if self.win_speech and self.win_sum <= self.speech2sil:
            self.win_speech = False
            return "speech2sil"
        return "speech2speech" if self.win_speech else "sil2sil"

    def emit(self, frame, starts, ends):
        if starts:
            self.segments.append([frame * 10, frame * 10])
        self.segments[-1][1] = (frame + 1) * 10
        self.data_start = max(self.data_start, frame) + 1

    def voice(self, frame):
        self.last_speech = frame
        self.emit(frame, False, False)

    def voice_end(self, frame):
        for t in range(self.last_speech + 1, frame):
            self.voice(t)
        self.emit(frame, False, True)
        self.end_count += 1
        self.done = True

    def too_long(self, frame):
        return frame - self.start + 1 > self.c["max_single_segment_time"] / self.c["frame_in_ms"]

    def push(self, p_sil, frame, final):
        c = self.c
        noise = math.log(p_sil) * c["speech_2_noise_ratio"]
        speech_score = math.log(1.0 - p_sil)
        is_speech = math.exp(speech_score) >= math.exp(noise) + c["speech_noise_thres"]
        change = self.window(is_speech)
        if change == "sil2speech":
            self.silence_run = 0
            if not self.in_speech and not self.done:
                start = max(self.data_start, frame - self.latency)
                self.start = start
                self.emit(start, True, False)
                self.in_speech = True
                for t in range(start + 1, frame + 1):
                    self.voice(t)
            elif self.in_speech:
                for t in range(self.last_speech + 1, frame):
                    self.voice(t)
                self.continue_speech(frame, final)
        elif change in ("speech2sil", "speech2speech"):
            self.silence_run = 0
            if self.in_speech:
                self.continue_speech(frame, final)
        else:
            self.silence_run += 1
            if not self.in_speech and not self.done:
                if final and self.end_count == 0:
                    self.end_count += 1
                    self.done = True
                elif frame >= self.latency:
                    self.last_silence = frame - self.latency
                    self.data_start = max(self.data_start, frame - self.latency)
            elif self.in_speech:
                if self.silence_run * c["frame_in_ms"] >= self.max_end_sil:
                    lookback = self.max_end_sil // c["frame_in_ms"]
                    if c["do_extend"]:
                        lookback = max(0, lookback - c["lookahead_time_end_point"] // c["frame_in_ms"] - 1)
                    self.voice_end(frame - lookback)
                elif self.too_long(frame):
                    self.voice_end(frame)
                elif c["do_extend"] and not final:
                    if self.silence_run <= c["lookahead_time_end_point"] // c["frame_in_ms"]:
                        self.voice(frame)
                elif final:
                    self.voice_end(frame)
        if self.done:
            self.reset()

    def continue_speech(self, frame, final):
        if self.too_long(frame):
            self.voice_end(frame)
        elif not final:
            self.voice(frame)
        else:
            self.voice_end(frame)


def golden_fsmn(fsmn):
    # Feature stretches (frames of 10 ms): level -15 is silence, +9 speech, with noise; one stretch exceeds 60 s.
    plan = [(-15, 40), (9, 120), (-15, 30), (9, 80), (-15, 150), (9, 8), (-15, 100), (9, 6200), (-15, 90), (9, 300)]
    # Frame t is its stretch's level plus row t % 37 of a noise bank (kept small for the repository).
    bank = RNG.normal(0.0, 2.0, (37, 400)).astype(np.float32)
    write_f32(os.path.join(ROOT, "golden", "fsmn-noise.f32"), bank)
    levels = np.concatenate([np.full(n, level, dtype=np.float32) for level, n in plan])
    feats = levels[:, None] + bank[np.arange(len(levels)) % 37]
    block = 100
    caches = [torch.zeros(1, 128, 19, 1) for _ in range(4)]
    probs = []
    with torch.no_grad():
        for start in range(0, len(feats), block):
            out = fsmn(torch.tensor(feats[start:start + block]).unsqueeze(0), *caches)
            probs.extend(out[0][0, :, 0].tolist())
            caches = list(out[1:])
    ep = FsmnEndpointer(FSMN_MODEL_CONF)
    for t, p in enumerate(probs):
        ep.push(p, t, t == len(probs) - 1)
    return {"plan": plan, "frames": len(feats), "block": block, "segments": ep.segments,
            "p_sil_sample": [round(p, 6) for p in probs[:5]]}


def split_words(text):
    """sherpa's CT-Transformer split: ASCII letters/digits runs are words, other ASCII punctuation its own token,
    whitespace dropped, every other character a token (looked up lower-cased)."""
    words, word = [], ""
    for ch in text:
        if ch.isascii() and ch.isalnum():
            word += ch
            continue
        if word:
            words.append(word)
            word = ""
        if ch.isspace():
            continue
        words.append(ch)
    if word:
        words.append(word)
    return words


def punctuate(module, text, realtime):
    """sherpa-onnx 1.13.8's offline CT-Transformer windows: ceil((n + 19) / 20) rounds; each runs the model on the
    tokens from the end of the last emitted sentence to the end of the next 20; the last 。/？ at positions len-2..1 ends
    what is emitted (a ， becomes 。 when a window of 200+ has none); the final round emits all it has (sherpa drops the
    words after a sentence end there; we keep them). Rejoin: a space between ASCII pieces, labels other than _ after
    their token, a final ，/、 becomes 。, and 。 is added unless it ends in 。/？. The realtime model gets all-ones masks."""
    words = split_words(text)
    unk = PUNC_TOKENS.index("<unk>")
    ids = [PUNC_TOKENS.index(w.lower()) if w.lower() in PUNC_TOKENS else unk for w in words]
    n, size = len(ids), 20
    rounds = (n + 2 * (size - 1)) // size
    labels, last = [], -1
    for i in range(rounds):
        start, end = i * size, min(i * size + size, n)
        if last != -1:
            start = last
        if start >= end:
            break
        x = torch.tensor([ids[start:end]], dtype=torch.int32)
        length = torch.tensor([end - start], dtype=torch.int32)
        with torch.no_grad():
            if realtime:
                mask = torch.ones(1, 1, end - start, end - start)
                window = module(x, length, mask, mask)[0].argmax(-1).tolist()
            else:
                window = module(x, length)[0].argmax(-1).tolist()
        dot, comma = -1, -1
        for m in range(len(window) - 2, 0, -1):
            if PUNC_LIST[window[m]] in ("。", "？"):
                dot = m
                break
            if comma < 0 and PUNC_LIST[window[m]] == "，":
                comma = m
        if dot < 0 and len(window) >= 200 and comma >= 0:
            dot = comma
            window[dot] = PUNC_LIST.index("。")
        if i == rounds - 1:
            dot = len(window) - 1
        elif dot < 0:
            last = start
        else:
            last = start + dot + 1
        labels += window[:dot + 1]
    out = []
    for w, p in zip(words, labels):
        if out and out[-1][-1].isascii() and w[0].isascii():
            out.append(" ")
        out.append(w)
        if PUNC_LIST[p] != "_":
            out.append(PUNC_LIST[p])
    text_out = "".join(out)
    if text_out and text_out[-1] in "，、":
        text_out = text_out[:-1] + "。"
    if text_out and text_out[-1] not in "。？":
        text_out += "。"
    return text_out


def punc_sentences(count):
    words = PUNC_TOKENS[:-1]
    sentences = []
    for i in range(count):
        n = int(RNG.integers(3, 70 if i % 5 else 240))
        picks = [words[int(k)] for k in RNG.integers(0, len(words), n)]
        text = ""
        for w in picks:
            text += (" " if text and w.isascii() and text[-1].isascii() else "") + w
        sentences.append(text)
    return sentences


def main():
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    os.makedirs(os.path.join(ROOT, "golden"))
    _, seaco, embedder = build_paraformer()
    fsmn = build_fsmn()
    offline, realtime = build_punc()
    write_json(os.path.join(ROOT, "golden", "seaco.json"), golden_seaco(seaco, embedder))
    write_json(os.path.join(ROOT, "golden", "fsmn-vad.json"), golden_fsmn(fsmn))
    sentences = punc_sentences(60)
    write_json(os.path.join(ROOT, "golden", "punc.json"),
               [{"text": s, "offline": punctuate(offline, s, False), "realtime": punctuate(realtime, s, True)} for s in sentences])


if __name__ == "__main__":
    main()
