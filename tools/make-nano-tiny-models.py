#!/usr/bin/python3
"""Builds models/test-nano: tiny random-weight stand-ins with exactly the ONNX I/O of the two published exports of
Fun-ASR-Nano-2512 (../shared/spec/funasr-family.md §2.10 and §3.6), so the C# runners and sherpa-onnx-node can be run
side by side on them. Deterministic (numpy seed 22): re-running writes byte-identical files.

LLM trio (sherpa's funasrNano config; unified KV-delta format):
  encoder_adaptor: x float[1,T,560] -> encoder_out float[1,T,16]   (a Linear; column 0 kept at 0, see the counter below)
  embedding:       input_ids int64[B,S] -> embeddings float[B,S,16] (a Gather over 272 rows)
  llm:             inputs_embeds, attention_mask, cache_position, cache_key_i/cache_value_i [B,512,2,4] (i = 0, 1)
                   -> logits [B,S,272], key_delta_i/value_delta_i [B,S,2,4]
  The logits mix the current embedding, the running sum of the chunk (so the prefill's last row hears the audio), the
  mean of every cache tensor (so decode steps do too), the position and the mask length. Generation is confined to the
  12 text pieces 259..270 by a bias, and stops by itself: embedding column 0 is 1 for those pieces only, the value delta
  of layer 0 copies it into cache channel 0, so the sum of that channel counts the tokens generated so far, and each
  one raises the <|im_end|> (258) logit by 4.
  Tokenizer (Qwen3-0.6B/): vocab.json = the 256 GPT-2 byte symbols at 0..255 plus the 12 pieces at 259..270 (two of
  them halves of one character, to exercise carrying UTF-8 across tokens), merges.txt = only the header, tokenizer.json
  = added_tokens <|endoftext|> 256, <|im_start|> 257, <|im_end|> 258.
  Folders, named and laid out as the published ones (§2.2):
    funasr-nano-int8/  encoder_adaptor.int8.onnx, embedding.int8.onnx, llm.int8.onnx
    funasr-nano-fp16/  encoder_adaptor.int8.onnx, embedding.int8.onnx, llm.fp16.onnx (float16 caches and deltas)
    funasr-nano/       encoder_adaptor.onnx, embedding.onnx, llm.fp32.onnx + llm.fp32.data (external weights)
  The ".int8" files hold the float32 graphs under the published names (no quantizer here; the runner reads only I/O
  and metadata, which are the same). wrong-cache-dims/llm.int8.onnx has caches of 256 rows while its metadata says 512.

Nano-CTC (sherpa's senseVoice config): sense-voice-nano-ctc/model.int8.onnx x float[1,T,560] -> logits [1,T,8],
  metadata comment FunAudioLLM/Fun-ASR-Nano-2512, blank_id 7 (the last id), tokens.txt as base64 of each token's bytes.
  Token k (0..6) wins when mel group k of the frame's centre is the loudest by more than 2.5 over the frame's mean;
  otherwise blank.

Run: /usr/bin/python3 tools/make-nano-tiny-models.py   (needs python3-onnx and python3-numpy; tests only read the output)
"""
import base64
import json
import os
import shutil

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "test-nano")
H, KV_HEADS, HEAD_DIM, LAYERS, MAX_TOTAL_LEN = 16, 2, 4, 2, 512
ENDOFTEXT, IM_START, IM_END = 256, 257, 258
NI = "你".encode()
PIECES = [NI[:2], NI[2:], "好".encode(), "订单".encode(), "号".encode(), "，".encode(), "。".encode(),
          b" one", b" two", b"3", b"hello", b" world"]
FIRST_PIECE = 259
V = FIRST_PIECE + len(PIECES) + 1  # 272: one spare row past the last piece
COMMENT = "FunAudioLLM/Fun-ASR-Nano-2512"
URL = "https://huggingface.co/FunAudioLLM/Fun-ASR-Nano-2512"
rng = np.random.default_rng(22)


def bytes_to_unicode():
    """GPT-2's byte -> printable character table (the symbols of a byte-level BPE vocabulary)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def finish(graph, opset, metadata):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="make-nano-tiny-models.py")
    model.ir_version = 8
    del model.metadata_props[:]
    for key, value in metadata.items():
        model.metadata_props.add(key=key, value=str(value))
    onnx.checker.check_model(model)
    return model


def encoder_adaptor():
    weight = (rng.standard_normal((560, H)) * 0.02).astype(np.float32)
    weight[:, 0:2] = 0
    bias = (rng.standard_normal(H) * 0.1).astype(np.float32)
    bias[0:2] = 0
    nodes = [helper.make_node("MatMul", ["x", "W"], ["xw"]), helper.make_node("Add", ["xw", "b"], ["encoder_out"])]
    graph = helper.make_graph(
        nodes, "encoder_adaptor",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, "T", 560])],
        [helper.make_tensor_value_info("encoder_out", TensorProto.FLOAT, [1, "T_out", H])],
        [const("W", weight), const("b", bias)])
    return finish(graph, 17, {
        "lfr_window_size": 7, "lfr_window_shift": 6, "normalize_samples": 0, "model_type": "sense_voice_encoder_adaptor",
        "version": 1, "model_author": "FunAudioLLM", "encoder_output_size": 512, "llm_dim": H, "comment": COMMENT, "url": URL})


def embedding():
    table = rng.standard_normal((V, H)).astype(np.float32)
    table[:, 0:2] = 0
    table[FIRST_PIECE:FIRST_PIECE + len(PIECES), 0] = 1
    table[FIRST_PIECE, 1] = 1
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "input_ids"], ["embeddings"], axis=0)], "embedding",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"])],
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch_size", "sequence_length", H])],
        [const("table", table)])
    return finish(graph, 17, {
        "model_type": "embedding_layer", "version": 1, "model_author": "FunAudioLLM", "vocab_size": V, "hidden_size": H,
        "comment": COMMENT, "url": URL})


def llm_weights():
    kv = KV_HEADS * HEAD_DIM
    weights = {
        "Wo": (rng.standard_normal((H, V)) * 0.15).astype(np.float32),
        "Wa": (rng.standard_normal((H, V)) * 0.05).astype(np.float32),
        "Wpos": (rng.standard_normal((1, V)) * 0.001).astype(np.float32),
        "Wmask": (rng.standard_normal((V,)) * 0.001).astype(np.float32),
        "bias": np.full(V, -1000, dtype=np.float32),
    }
    weights["bias"][FIRST_PIECE:FIRST_PIECE + len(PIECES)] = 0
    weights["bias"][IM_END] = -10
    weights["Wo"][0:2, :] = 0
    weights["Wo"][0, IM_END] = 4
    weights["Wa"][0:2, :] = 0
    # The first half of 你 (259) is always followed by its second half (260), which nothing else reaches.
    weights["bias"][FIRST_PIECE + 1] = -100
    weights["Wo"][1, FIRST_PIECE + 1] = 200
    for i in range(LAYERS):
        weights[f"Wk{i}"] = (rng.standard_normal((H, kv)) * 0.3).astype(np.float32)
        weights[f"Wv{i}"] = (rng.standard_normal((H, kv)) * 0.3).astype(np.float32)
        weights[f"Ck{i}"] = (rng.standard_normal((kv, V)) * 8.0).astype(np.float32)
        weights[f"Cv{i}"] = (rng.standard_normal((kv, V)) * 8.0).astype(np.float32)
    # The counter: value channel 0 of layer 0 is the embedding's column 0 and nothing else.
    weights["Wv0"][:, 0] = 0
    weights["Wv0"][0, 0] = 1
    weights["Wk0"][1, :] = 0
    weights["Wv0"][1, :] = 0
    weights["Wk1"][1, :] = 0
    weights["Wv1"][1, :] = 0
    weights["Count"] = np.zeros((kv, V), dtype=np.float32)
    weights["Count"][0, IM_END] = 4
    return weights


def llm(weights, cache_rows=MAX_TOTAL_LEN, cache_type=TensorProto.FLOAT, quantization="int8"):
    kv = KV_HEADS * HEAD_DIM
    fp16 = cache_type == TensorProto.FLOAT16
    nodes = [
        helper.make_node("MatMul", ["inputs_embeds", "Wo"], ["direct"]),
        helper.make_node("CumSum", ["inputs_embeds", "seq_axis"], ["running"]),
        helper.make_node("MatMul", ["running", "Wa"], ["heard"]),
        helper.make_node("Add", ["direct", "heard"], ["l0"]),
        helper.make_node("Cast", ["cache_position"], ["pos_f"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["pos_f", "last_axis"], ["pos_col"]),
        helper.make_node("MatMul", ["pos_col", "Wpos"], ["pos_term"]),
        helper.make_node("Add", ["l0", "pos_term"], ["l1"]),
        helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
        helper.make_node("ReduceSum", ["mask_f"], ["mask_len"], keepdims=0),
        helper.make_node("Mul", ["mask_len", "Wmask"], ["mask_term"]),
        helper.make_node("Add", ["l1", "mask_term"], ["l2"]),
        helper.make_node("Add", ["l2", "bias"], ["l3"]),
    ]
    inputs = [
        helper.make_tensor_value_info("inputs_embeds", TensorProto.FLOAT, ["batch", "seq", H]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "total_seq"]),
        helper.make_tensor_value_info("cache_position", TensorProto.INT64, ["seq"]),
    ]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "seq", V])]
    last = "l3"
    for i in range(LAYERS):
        for kind, short in (("key", "k"), ("value", "v")):
            cache, delta = f"cache_{kind}_{i}", f"{kind}_delta_{i}"
            inputs.append(helper.make_tensor_value_info(cache, cache_type, ["batch", cache_rows, KV_HEADS, HEAD_DIM]))
            outputs.append(helper.make_tensor_value_info(delta, cache_type, ["batch", "seq", KV_HEADS, HEAD_DIM]))
            raw = f"{delta}_f32" if fp16 else delta
            nodes += [helper.make_node("MatMul", ["inputs_embeds", f"W{short}{i}"], [f"{delta}_flat"]),
                      helper.make_node("Reshape", [f"{delta}_flat", "delta_shape"], [raw])]
            if fp16:
                nodes.append(helper.make_node("Cast", [raw], [delta], to=TensorProto.FLOAT16))
            cache_f = cache
            if fp16:
                cache_f = f"{cache}_f32"
                nodes.append(helper.make_node("Cast", [cache], [cache_f], to=TensorProto.FLOAT))
            nodes += [helper.make_node("ReduceMean", [cache_f], [f"{cache}_mean"], axes=[1], keepdims=0),
                      helper.make_node("Reshape", [f"{cache}_mean", "row_shape"], [f"{cache}_row"]),
                      helper.make_node("MatMul", [f"{cache}_row", f"C{short}{i}"], [f"{cache}_term"]),
                      helper.make_node("Add", [last, f"{cache}_term"], [f"{cache}_sum"])]
            last = f"{cache}_sum"
            if (i, kind) == (0, "value"):
                # Tokens generated so far: those in the cache plus the one being fed (column 0 of its embedding).
                nodes += [helper.make_node("ReduceSum", [cache_f, "cache_rows_axis"], [f"{cache}_count"], keepdims=0),
                          helper.make_node("Reshape", [f"{cache}_count", "row_shape"], [f"{cache}_count_row"]),
                          helper.make_node("MatMul", [f"{cache}_count_row", "Count"], [f"{cache}_count_term"]),
                          helper.make_node("Add", [last, f"{cache}_count_term"], [f"{cache}_counted"])]
                last = f"{cache}_counted"
    nodes.append(helper.make_node("Identity", [last], ["logits"]))
    initializers = [const(name, value) for name, value in weights.items()] + [
        const("seq_axis", np.array(1, dtype=np.int64)), const("last_axis", np.array([1], dtype=np.int64)),
        const("cache_rows_axis", np.array([1], dtype=np.int64)),
        const("delta_shape", np.array([0, 0, KV_HEADS, HEAD_DIM], dtype=np.int64)),
        const("row_shape", np.array([0, 1, kv], dtype=np.int64))]
    graph = helper.make_graph(nodes, "llm", inputs, outputs, initializers)
    return finish(graph, 17, {
        "model_type": "qwen3_causallm_unified_prefill_decode_kv_delta", "version": 1, "hidden_size": H,
        "vocab_size": V, "num_layers": LAYERS, "max_total_len": MAX_TOTAL_LEN, "io_dtype": "float32",
        "num_kv_heads": KV_HEADS, "head_dim": HEAD_DIM, "quantization_type": quantization})


def write_tokenizer(folder):
    os.makedirs(folder, exist_ok=True)
    table = bytes_to_unicode()
    vocab = {table[b]: b for b in range(256)}
    for i, piece in enumerate(PIECES):
        vocab["".join(table[b] for b in piece)] = FIRST_PIECE + i
    with open(os.path.join(folder, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
    added = [{"id": i, "content": c, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
             for i, c in ((ENDOFTEXT, "<|endoftext|>"), (IM_START, "<|im_start|>"), (IM_END, "<|im_end|>"))]
    with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump({"version": "1.0", "added_tokens": added}, f, ensure_ascii=False, indent=1)


def nano_ctc():
    centre = 3 * 80  # the LFR stack's middle sub-frame: the input frame at i*6
    groups = [(0, 8), (8, 16), (16, 24), (24, 34), (34, 46), (46, 60), (60, 80)]
    weight = np.zeros((560, 8), dtype=np.float32)
    for k, (lo, hi) in enumerate(groups):
        weight[centre + lo:centre + hi, k] += 1.0 / (hi - lo)
        weight[centre:centre + 80, k] -= 1.0 / 80
    bias = np.zeros(8, dtype=np.float32)
    bias[7] = 2.5
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "W"], ["xw"]), helper.make_node("Add", ["xw", "b"], ["logits"])], "nano_ctc",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, "T", 560])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", "T_out", 8])],
        [const("W", weight), const("b", bias)])
    model = finish(graph, 13, {
        "lfr_window_size": 7, "lfr_window_shift": 6, "normalize_samples": 0, "model_type": "sense_voice_ctc",
        "version": 1, "model_author": "FunAudioLLM", "maintainer": "k2-fsa", "vocab_size": 8, "blank_id": 7,
        "comment": COMMENT, "url": URL})
    tokens = ["好".encode(), "订单".encode(), "号".encode(), b" one", b" two", "，".encode(), b"3", b"<blank>"]
    return model, "".join(f"{base64.b64encode(t).decode()} {i}\n" for i, t in enumerate(tokens))


def main():
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    encoder, embed, weights = encoder_adaptor(), embedding(), llm_weights()
    layouts = {
        "funasr-nano-int8": ("encoder_adaptor.int8.onnx", "embedding.int8.onnx", "llm.int8.onnx",
                             llm(weights, quantization="int8")),
        "funasr-nano-fp16": ("encoder_adaptor.int8.onnx", "embedding.int8.onnx", "llm.fp16.onnx",
                             llm(weights, cache_type=TensorProto.FLOAT16, quantization="fp16")),
        "funasr-nano": ("encoder_adaptor.onnx", "embedding.onnx", "llm.fp32.onnx", llm(weights, quantization="fp32")),
    }
    for folder, (encoder_name, embedding_name, llm_name, llm_model) in layouts.items():
        path = os.path.join(ROOT, folder)
        os.makedirs(path)
        onnx.save(encoder, os.path.join(path, encoder_name))
        onnx.save(embed, os.path.join(path, embedding_name))
        if llm_name == "llm.fp32.onnx":
            onnx.save_model(llm_model, os.path.join(path, llm_name), save_as_external_data=True,
                            all_tensors_to_one_file=True, location="llm.fp32.data", size_threshold=1024)
        else:
            onnx.save(llm_model, os.path.join(path, llm_name))
        write_tokenizer(os.path.join(path, "Qwen3-0.6B"))

    wrong = os.path.join(ROOT, "wrong-cache-dims")
    os.makedirs(wrong)
    onnx.save(llm(weights, cache_rows=256), os.path.join(wrong, "llm.int8.onnx"))

    ctc, tokens = nano_ctc()
    ctc_folder = os.path.join(ROOT, "sense-voice-nano-ctc")
    os.makedirs(ctc_folder)
    onnx.save(ctc, os.path.join(ctc_folder, "model.int8.onnx"))
    with open(os.path.join(ctc_folder, "tokens.txt"), "w", encoding="ascii") as f:
        f.write(tokens)


if __name__ == "__main__":
    main()
