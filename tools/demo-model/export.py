"""Exports the trained demo model in the sherpa-onnx SenseVoice format (spec §1.1): inputs x (N,T,560) float32,
x_length/language/text_norm int32 (N); output logits (N,T+4,V); opset 13; the sherpa metadata keys; tokens.txt."""
import argparse
import os
import shutil

import numpy as np
import onnx
import torch

from model import DemoSenseVoice
from tokens import LANG_PROMPT, WITH_ITN, WITHOUT_ITN


def export_graph(model, path):
    """The ONNX graph alone (no metadata): the sherpa input and output names, dynamic batch and time."""
    example = (torch.zeros(1, 50, 560), torch.tensor([50], dtype=torch.int32), torch.tensor([0], dtype=torch.int32),
               torch.tensor([WITHOUT_ITN], dtype=torch.int32))
    torch.onnx.export(model, example, path, opset_version=13, do_constant_folding=True,
                      input_names=["x", "x_length", "language", "text_norm"], output_names=["logits"],
                      dynamic_axes={"x": {0: "N", 1: "T"}, "x_length": {0: "N"}, "language": {0: "N"},
                                    "text_norm": {0: "N"}, "logits": {0: "N", 1: "T"}})


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True, help="model directory, e.g. models/demo-callcentre")
    parser.add_argument("--comment", default="FunAsr.Pipeline demo call-centre model (synthetic espeak-ng zh/en)")
    args = parser.parse_args()
    ckpt = torch.load(os.path.join(args.work, "checkpoint.pt"))
    model = DemoSenseVoice(**ckpt["config"])
    model.load_state_dict(ckpt["model"])
    model.eval()
    cmvn = np.load(os.path.join(args.work, "cmvn.npz"))
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "model.onnx")
    export_graph(model, path)
    onnx_model = onnx.load(path)
    meta = {
        "vocab_size": str(ckpt["config"]["vocab_size"]), "lfr_window_size": "7", "lfr_window_shift": "6",
        "normalize_samples": "0",
        "neg_mean": ",".join(f"{v:.6g}" for v in cmvn["neg_mean"]),
        "inv_stddev": ",".join(f"{v:.6g}" for v in cmvn["inv_stddev"]),
        **{f"lang_{k}": str(v) for k, v in LANG_PROMPT.items() if k != "auto"}, "lang_auto": str(LANG_PROMPT["auto"]),
        "with_itn": str(WITH_ITN), "without_itn": str(WITHOUT_ITN), "model_type": "sense_voice_ctc",
        "version": "1", "model_author": "FunAsr.Pipeline", "comment": args.comment,
        "training_steps": str(ckpt["step"]),
    }
    del onnx_model.metadata_props[:]
    for key, value in meta.items():
        entry = onnx_model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(onnx_model)
    onnx.save(onnx_model, path)
    shutil.copyfile(os.path.join(args.work, "tokens.txt"), os.path.join(args.out, "tokens.txt"))
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.1f} MB), step {ckpt['step']}")


if __name__ == "__main__":
    main()
