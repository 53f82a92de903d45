"""Writes a model directory that gives exactly the demo model's logits but costs a SenseVoice-Small-sized encoder's
compute, so the pipeline's costs can be measured at a real model's size (bench/results/2026-12-07-real-size.md).

The graph is the demo model's graph plus a SenseVoiceEncoderSmall-shaped stack with random weights fed from the same
`x` (N,T,560): 4 prompt frames prepended, ×sqrt(512), sinusoidal positions, 1 SAN-M layer 560→512, 49 SAN-M layers
512, LayerNorm, 20 SAN-M "tp" layers, LayerNorm, `ctc_lo` 512→25055 (SenseVoiceSmall's vocabulary). A SAN-M layer:
pre-norm, linear_q_k_v, 4-head attention masked by `x_length`, a depthwise FSMN conv (kernel 11) on v added to the
attention output, FFN 512→2048→512 (ReLU). About 234M parameters (the real model's count), ~940 MB of fp32 weights.
The stack's output, reduced to one value per frame, is multiplied by `float(min(x_length, 0))` (zero for any real
input, but computed at run time from an input, so ONNX Runtime cannot fold or prune it) and added to the demo
logits: transcripts, beam search, LM, ITN and rules do exactly the demo model's work.

Same sherpa-onnx metadata and tokens.txt as the demo model (sherpa-onnx loads it: tools/demo-model/check-sherpa.js);
lm.arpa is linked beside it so the default decoding finds the same LM. The weights are random: this is the real
model's cost, not its accuracy. Write it outside git (hundreds of MB):

    /usr/bin/python3 tools/demo-model/make-sized-model.py --out /tmp/sized-model   # ~3 min, 2 cores
"""
import argparse
import math
import os

import onnx
import torch
from torch import nn

SENSEVOICE_SMALL = {"dim": 512, "heads": 4, "ffn": 2048, "blocks": 50, "tp_blocks": 20, "kernel": 11,
                    "feat_dim": 560, "vocab": 25055, "prompt": 4}
SIZED_PREFIX = "sized/"


class SanmLayer(nn.Module):
    """FunASR's EncoderLayerSANM (normalize_before, sanm_shfit 0), inference path."""

    def __init__(self, in_dim, dim, heads, ffn, kernel):
        super().__init__()
        self.heads, self.dim, self.in_dim = heads, dim, in_dim
        self.norm1, self.norm2 = nn.LayerNorm(in_dim, eps=1e-12), nn.LayerNorm(dim, eps=1e-12)
        self.linear_q_k_v = nn.Linear(in_dim, 3 * dim)
        self.fsmn_block = nn.Conv1d(dim, dim, kernel, padding=kernel // 2, groups=dim, bias=False)
        self.linear_out = nn.Linear(dim, dim)
        self.w_1, self.w_2 = nn.Linear(dim, ffn), nn.Linear(ffn, dim)

    def forward(self, x, mask, bias):
        n, t, _ = x.shape
        q, k, v = self.linear_q_k_v(self.norm1(x)).split(self.dim, dim=-1)
        v = v * mask
        memory = self.fsmn_block(v.transpose(1, 2)).transpose(1, 2) + v
        d = self.dim // self.heads
        q, k, vh = (y.reshape(n, t, self.heads, d).transpose(1, 2) for y in (q, k, v))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        attention = torch.matmul(torch.softmax(scores, dim=-1), vh).transpose(1, 2).reshape(n, t, self.dim)
        attended = self.linear_out(attention) + memory * mask
        x = attended if self.in_dim != self.dim else x + attended
        return x + self.w_2(torch.relu(self.w_1(self.norm2(x))))


class SizedEncoder(nn.Module):
    """SenseVoiceEncoderSmall's shape and ctc_lo; returns a zero the runtime must compute, shaped (N, T+4, 1)."""

    def __init__(self, dim, heads, ffn, blocks, tp_blocks, kernel, feat_dim, vocab, prompt):
        super().__init__()
        self.dim, self.prompt = dim, prompt
        self.prompt_embed = nn.Parameter(torch.randn(prompt, feat_dim))
        self.encoders0 = SanmLayer(feat_dim, dim, heads, ffn, kernel)
        self.encoders = nn.ModuleList(SanmLayer(dim, dim, heads, ffn, kernel) for _ in range(blocks - 1))
        self.after_norm = nn.LayerNorm(dim, eps=1e-12)
        self.tp_encoders = nn.ModuleList(SanmLayer(dim, dim, heads, ffn, kernel) for _ in range(tp_blocks))
        self.tp_norm = nn.LayerNorm(dim, eps=1e-12)
        self.ctc_lo = nn.Linear(dim, vocab)

    def positions(self, t, depth):
        position = torch.arange(1, t + 1, dtype=torch.float32).unsqueeze(1)
        scale = torch.exp(torch.arange(depth // 2, dtype=torch.float32) * (-math.log(10000.0) / (depth / 2 - 1)))
        angles = position * scale
        return torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)

    def forward(self, x, x_length):
        n, t, _ = x.shape
        x = torch.cat([self.prompt_embed.unsqueeze(0).expand(n, -1, -1), x], dim=1) * math.sqrt(self.dim)
        x = x + self.positions(t + self.prompt, x.shape[-1])
        lengths = x_length.long() + self.prompt
        valid = torch.arange(t + self.prompt).unsqueeze(0) < lengths.unsqueeze(1)
        mask = valid.unsqueeze(-1).to(x.dtype)
        bias = (1.0 - valid.to(x.dtype))[:, None, None, :] * -1e4
        x = self.encoders0(x, mask, bias)
        for layer in self.encoders:
            x = layer(x, mask, bias)
        x = self.after_norm(x)
        for layer in self.tp_encoders:
            x = layer(x, mask, bias)
        frame = self.ctc_lo(self.tp_norm(x)).mean(dim=-1, keepdim=True)
        zero = torch.minimum(x_length, torch.zeros_like(x_length)).to(frame.dtype)
        return frame * zero[:, None, None]


def export_sized_encoder(path, seed):
    torch.manual_seed(seed)
    encoder = SizedEncoder(**SENSEVOICE_SMALL).eval()
    with torch.no_grad():
        for module in encoder.modules():
            if isinstance(module, nn.Linear):
                nn.init.normal_(module.weight, std=0.02)
                nn.init.zeros_(module.bias)
    params = sum(p.numel() for p in encoder.parameters())
    example = (torch.randn(1, 50, 560), torch.tensor([50], dtype=torch.int32))
    with torch.no_grad():
        check = encoder(*example)
        assert torch.isfinite(check).all() and (check == 0).all(), "the sized stack must give a finite zero"
        torch.onnx.export(encoder, example, path, opset_version=13, do_constant_folding=True,
                          input_names=["x", "x_length"], output_names=["zero"],
                          dynamic_axes={"x": {0: "N", 1: "T"}, "x_length": {0: "N"}, "zero": {0: "N", 1: "T"}})
    return params


def prefixed(graph, inputs):
    """Renames every node, initializer and intermediate value of graph with SIZED_PREFIX except the shared inputs."""
    rename = lambda name: name if name in inputs or not name else SIZED_PREFIX + name
    for node in graph.node:
        node.name = SIZED_PREFIX + node.name
        node.input[:] = [rename(n) for n in node.input]
        node.output[:] = [rename(n) for n in node.output]
    for initializer in graph.initializer:
        initializer.name = rename(initializer.name)
    return rename(graph.output[0].name)


def merge(demo, sized):
    """demo's graph with sized's nodes beside it, its output renamed and `logits = demo logits + sized zero`."""
    graph = demo.graph
    logits = graph.output[0].name
    demo_logits = "demo_logits"
    for node in graph.node:
        node.output[:] = [demo_logits if n == logits else n for n in node.output]
    zero = prefixed(sized.graph, {i.name for i in graph.input})
    graph.node.extend(sized.graph.node)
    graph.initializer.extend(sized.graph.initializer)
    graph.node.append(onnx.helper.make_node("Add", [demo_logits, zero], [logits], name="sized/add_zero"))
    return demo


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--demo", default=os.path.join(os.path.dirname(__file__), "..", "..", "models",
                                                       "demo-callcentre"))
    parser.add_argument("--out", required=True, help="model directory to write (outside git)")
    parser.add_argument("--seed", type=int, default=29)
    args = parser.parse_args()
    torch.set_num_threads(2)
    os.makedirs(args.out, exist_ok=True)
    sized_path = os.path.join(args.out, "sized-encoder.onnx")
    params = export_sized_encoder(sized_path, args.seed)
    demo = onnx.load(os.path.join(args.demo, "model.onnx"))
    model = merge(demo, onnx.load(sized_path))
    os.remove(sized_path)
    for entry in model.metadata_props:
        if entry.key == "comment":
            entry.value += (f"; plus a zero-weighted SenseVoiceSmall-sized encoder ({params / 1e6:.0f}M random "
                            "parameters) for cost measurements")
    path = os.path.join(args.out, "model.onnx")
    onnx.save(model, path)
    onnx.checker.check_model(path)
    for name in ("tokens.txt", "lm.arpa"):
        link = os.path.join(args.out, name)
        if os.path.lexists(link):
            os.remove(link)
        os.symlink(os.path.abspath(os.path.join(args.demo, name)), link)
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.0f} MB): demo model + {params / 1e6:.1f}M-parameter "
          "SenseVoiceSmall-sized encoder")


if __name__ == "__main__":
    main()
