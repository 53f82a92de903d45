#!/usr/bin/python3
"""Specializes silero VAD v4 (models/silero-vad/silero_vad.onnx) for one sample rate and for many windows per run.

Three steps, each the same arithmetic on the same weights in a form ONNX Runtime's CPU provider runs faster:

1. Without the `If`s. The v4 export puts its whole network inside an `If` on `sr` (one branch per rate, each with its
   own weights), and inside each branch four more `If`s decide on tensor shapes (squeeze a dimension that is 1,
   unsqueeze when the rank is 2, zero state when `h` is empty). This keeps the branch of the requested rate and, where
   an `If`'s condition follows from static shapes, the branch that condition takes for every batch size and window
   length. It stops with an error if any `If` is left. The result has no `sr` input.
2. Windows in sequence (chain_windows): `input` [windows, channels, samples] -> `output` [windows, channels]. The
   layers before the LSTMs see one window at a time and take windows x channels as their batch; the LSTMs take the
   windows as their sequence, so the state after window t is the state window t+1 starts from, exactly as when each
   window is its own run. One run then scores a second of audio instead of 32 ms.
3. Convolutions as products (convolutions_as_products): the STFT and the depthwise convolutions, which ONNX Runtime
   runs as thousands of tiny products per run, become one large product and one batched product per layer. The file
   then takes 512-sample windows only.
4. The first block channel-major (first_block_channel_major): its two pointwise convolutions work on the depthwise
   product's [channels, windows, frames] layout as two matrix products, and only the block's 16-channel result is
   turned back.

5. The STFT outside the file (spectrum_outside): `spectrum` [129, W, B, 8], the magnitudes of each window's frames,
   and `log_spectrum`, their log(1 + 2^20 * magnitude), replace `input`; the runtime computes both with an FFT
   (src/Recognizer/Vad/SileroSpectrum.cs). Bin-major, so the first block's input needs no transpose.

Steps 2 to 4 add the same products in another order, so probabilities differ from the original's by rounding (up to
7e-7 measured). Step 5 rounds the STFT differently again, and the network's log(1 + 2^20 * magnitude) makes that
visible in near-silent bins: up to 1.2e-3 apart on the test files. The speech found is the same
(tests/Recognizer.Tests: SileroSpecializedFileTests; the 66 generated calls of bench/results/2026-12-08-silero-fft.md).
Inputs `spectrum`, `log_spectrum` [129, W, B, 8], `h`, `c` [2, B, 64]; outputs `output` [W, B], `hn`, `cn`. Its
metadata records the rate, the layout, the STFT's framing (FFT size, hop, reflect pad), the log's scale and the sha256
of the file it came from, which the runtime checks before using it in place of that file.

Run: /usr/bin/python3 tools/specialize-silero-vad.py [--rate 16000] [models/silero-vad/silero_vad.onnx]
     (needs python3-onnx and python3-numpy; writes <input stem>_<rate/1000>k.onnx beside the input; not needed at run time)
"""
import argparse
import hashlib
import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, shape_inference

TOOL = "tools/specialize-silero-vad.py"
WINDOW = 512  # samples per window (32 ms at 16 kHz), the only length the specialized file takes
LAYOUT = "spectrum:bins,windows,channels,frames"  # of the input `spectrum`; `output` is [windows, channels]


def fail(message):
    sys.exit(f"specialize-silero-vad: {message}")


def branch(node, name):
    return next(a.g for a in node.attribute if a.name == name)


def subgraphs(node):
    for attribute in node.attribute:
        if attribute.type == onnx.AttributeProto.GRAPH:
            yield attribute.g
        for graph in attribute.graphs:
            yield graph


def rename_uses(nodes, old, new):
    """Renames value `old` to `new` in the inputs and outputs of `nodes` and in the subgraphs that read it from outside."""
    for node in nodes:
        node.input[:] = [new if name == old else name for name in node.input]
        node.output[:] = [new if name == old else name for name in node.output]
        for graph in subgraphs(node):
            if old not in {i.name for i in graph.initializer} | {i.name for i in graph.input}:
                rename_uses(graph.node, old, new)


def inline(graph, index, taken):
    """Replaces graph.node[index] (an If) with the nodes of branch `taken`, its initializers moving up to `graph`."""
    node = graph.node[index]
    body = branch(node, taken)
    defined = {i.name for i in graph.initializer} | {i.name for i in graph.input} | {o for n in graph.node for o in n.output}
    produced = {o for n in body.node for o in n.output}
    clashes = sorted(({i.name for i in body.initializer} | produced) & defined)
    if clashes:
        fail(f"{node.name}: branch {taken} defines names its parent already has: {', '.join(clashes[:5])}")

    nodes = [onnx.NodeProto.FromString(n.SerializeToString()) for n in body.node]
    extra = []
    for own, result in zip((o.name for o in body.output), node.output):
        if own in produced:
            rename_uses(nodes, own, result)
        else:
            extra.append(helper.make_node("Identity", [own], [result], name=f"{node.name}_{taken}_{result}"))
    graph.initializer.extend(body.initializer)
    rest = list(graph.node)
    del graph.node[:]
    graph.node.extend(rest[:index] + nodes + extra + rest[index + 1:])


class StaticValues:
    """Values known without running the model: initializers, Constants, and what static shapes say of Shape,
    Gather, Squeeze, Unsqueeze, Equal and Cast. A shape is a list whose unknown dims are None."""

    def __init__(self, model):
        inferred = shape_inference.infer_shapes(model, strict_mode=False, data_prop=True)
        graph = inferred.graph
        self.shapes = {}
        for info in list(graph.input) + list(graph.value_info) + list(graph.output):
            if info.type.tensor_type.HasField("shape"):
                dims = info.type.tensor_type.shape.dim
                self.shapes[info.name] = [d.dim_value if d.HasField("dim_value") else None for d in dims]
        self.known = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
        self.producers = {o: n for n in graph.node for o in n.output}

    def value(self, name):
        if name in self.known:
            return self.known[name]
        node = self.producers.get(name)
        if node is None:
            return None
        result = self.evaluate(node)
        if result is not None:
            self.known[name] = result
        return result

    def evaluate(self, node):
        op = node.op_type
        if op == "Constant":
            return numpy_helper.to_array(node.attribute[0].t)
        if op == "Shape":
            shape = self.shapes.get(node.input[0])
            if shape is None:
                return None
            return np.array([-1 if d is None else d for d in shape], dtype=np.int64)  # -1: unknown, used only via Gather
        inputs = [self.value(i) for i in node.input]
        if any(i is None for i in inputs):
            return None
        if op == "Gather":
            data, indices = inputs
            axis = next((a.i for a in node.attribute if a.name == "axis"), 0)
            picked = np.take(data, indices, axis=axis)
            producer = self.producers.get(node.input[0])
            return None if producer is not None and producer.op_type == "Shape" and np.any(picked < 0) else picked
        if op == "Squeeze":
            return np.squeeze(inputs[0], axis=tuple(inputs[1].tolist())) if len(inputs) > 1 else np.squeeze(inputs[0])
        if op == "Unsqueeze":
            return np.expand_dims(inputs[0], axis=tuple(inputs[1].tolist()))
        if op == "Equal":
            return np.equal(inputs[0], inputs[1])
        if op == "Cast":
            to = next(a.i for a in node.attribute if a.name == "to")
            return inputs[0].astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[to])
        return None


def prune(graph, outputs):
    """Drops the nodes, initializers and inputs nothing in `outputs` depends on."""
    needed = set(outputs)
    kept = []
    for node in reversed(graph.node):
        if needed.intersection(node.output):
            kept.append(node)
            needed.update(i for i in node.input if i)
            for sub in subgraphs(node):
                needed.update(i for n in sub.node for i in n.input)
    del graph.node[:]
    graph.node.extend(reversed(kept))
    initializers = [i for i in graph.initializer if i.name in needed]
    del graph.initializer[:]
    graph.initializer.extend(initializers)
    inputs = [i for i in graph.input if i.name in needed]
    del graph.input[:]
    graph.input.extend(inputs)


def specialize(model, rate):
    graph = model.graph
    if [i.name for i in graph.input] != ["input", "sr", "h", "c"]:
        fail(f"not silero v4 (inputs input, sr, h, c): {[i.name for i in graph.input]}")
    outputs = [o.name for o in graph.output]

    # The top level: Equal(sr, <rate>) -> If over the whole network.
    statics = StaticValues(model)
    for index, node in enumerate(graph.node):
        if node.op_type != "If":
            continue
        condition = statics.producers.get(node.input[0])
        if condition is None or condition.op_type != "Equal" or "sr" not in condition.input:
            fail(f"{node.name}: the top-level If is not on sr")
        other = statics.value(next(i for i in condition.input if i != "sr"))
        if other is None:
            fail(f"{node.name}: the sample rate it tests is not a constant")
        inline(graph, index, "then_branch" if int(other) == rate else "else_branch")
        break

    # The shape Ifs, until none is left.
    while True:
        statics = StaticValues(model)
        ifs = [(index, node) for index, node in enumerate(graph.node) if node.op_type == "If"]
        if not ifs:
            break
        for index, node in ifs:
            condition = statics.value(node.input[0])
            if condition is not None:
                inline(graph, index, "then_branch" if bool(condition) else "else_branch")
                break
        else:
            fail(f"conditions not decided by static shapes: {', '.join(n.name for _, n in ifs)}")
        prune(graph, outputs)

    prune(graph, outputs)
    if any(i.name == "sr" for i in graph.input):
        fail("the specialized graph still reads sr")
    del graph.value_info[:]
    used_domains = {n.domain for n in graph.node}
    opsets = [o for o in model.opset_import if o.domain in used_domains or o.domain in ("", "ai.onnx")]
    del model.opset_import[:]
    model.opset_import.extend(opsets)
    return model


def chain_windows(model):
    """Makes one Run score many consecutive windows: `input` [windows, channels, samples] -> `output` [windows, channels].

    Everything before the LSTMs works on one window at a time (the STFT, the adaptive normalization, the encoder), so
    those layers take windows x channels as their batch. The encoder leaves one step per 512-sample window, and the
    LSTMs get the windows as their sequence instead of one step per Run: the state after window t is the state window
    t+1 starts from, exactly as when each window is its own Run with the previous Run's hn and cn. The decoder's mean
    over a window's single step is dropped (a mean of one value is that value)."""
    graph = model.graph
    lstms = [n for n in graph.node if n.op_type == "LSTM"]
    producers = {o: n for n in graph.node for o in n.output}
    to_sequence = producers[lstms[0].input[0]]
    if to_sequence.op_type != "Transpose" or list(attribute(to_sequence, "perm", [])) != [2, 0, 1]:
        fail(f"the first LSTM's input is not the encoder's output as [steps, batch, features]: {to_sequence.name}")
    encoder = to_sequence.input[0]
    probe = onnx.ModelProto.FromString(model.SerializeToString())
    for dim, value in zip(probe.graph.input[0].type.tensor_type.shape.dim, (1, 512)):
        dim.dim_value = value
    steps = StaticValues(probe).shapes.get(encoder, [None])[-1]
    if steps != 1:
        fail(f"the encoder gives {steps} steps per 512-sample window, not one")

    output = producers["output"]
    mean = producers.get(output.input[0])
    if output.op_type != "Unsqueeze" or mean is None or mean.op_type != "ReduceMean":
        fail("the output is not the mean over a window's steps")
    per_step = mean.input[0]

    rename_uses(graph.node, "input", "windows_as_batch")
    front = [step("Flatten", ["input"], "windows_as_batch", axis=2)]
    sequence = [
        step("Shape", ["input"], "windows_and_channels", start=0, end=2),
        step("Concat", ["windows_and_channels", constant(graph, "features_axis", [-1])], "sequence_shape", axis=0),
        step("Reshape", [encoder, "sequence_shape"], to_sequence.output[0], name="windows_as_sequence"),
    ]
    back = [step("Transpose", [per_step], "output", name="windows_first", perm=[1, 0])]
    kept = []
    for node in graph.node:
        if node is to_sequence:
            kept.extend(sequence)
        elif node is output:
            kept.extend(back)
        elif node is not mean:
            kept.append(node)
    del graph.node[:]
    graph.node.extend(front + kept)

    windows = graph.input[0].type.tensor_type.shape
    del windows.dim[:]
    for name in ("windows", "batch", "sequence"):
        windows.dim.add().dim_param = name
    result = graph.output[0].type.tensor_type.shape
    del result.dim[:]
    for name in ("windows", "batch"):
        result.dim.add().dim_param = name
    return model


def attribute(node, name, default=None):
    return next((helper.get_attribute_value(a) for a in node.attribute if a.name == name), default)


def constant(graph, name, values, dtype=np.int64):
    """Adds the initializer `name` holding `values` (int64 unless `dtype` says otherwise); returns its name."""
    graph.initializer.append(numpy_helper.from_array(np.asarray(values, dtype=dtype), name))
    return name


def step(op_type, inputs, output, name=None, **attributes):
    """A node writing the one value `output`, named after it unless `name` is given."""
    return helper.make_node(op_type, inputs, [output], name=name or output, **attributes)


def convolutions_as_products(model):
    """Rewrites the two kinds of 1-D convolution ONNX Runtime's CPU provider runs slowly on silero's small windows, as
    the same sums of products in operators it runs fast (the `vad` command on 66 calls: 5.0 CPU-s before, about 2.6 after).

    - The STFT (one input channel, a kernel a whole number of hops long): ONNX Runtime unfolds and multiplies each
      window on its own (a 258 x 256 by 256 x 8 product per window). The frames of all windows are cut out of the
      signal as hop-sized blocks instead and multiplied in one product.
    - The depthwise convolutions (a group per channel, kernel 5): ONNX Runtime runs a product per channel and window
      (8,000 tiny products per run for the 258-channel one). Each channel's convolution over a window's frames is the
      frames times a banded matrix of its taps (clipped at the ends, which is the zero padding), so the layer becomes
      one batched product (channels as the batch, the run's windows as rows). The band's size follows from the
      window's length: the file takes 512-sample windows only.
    The arithmetic is the same (the band's zeros add nothing); only the order of additions differs, so probabilities
    move by rounding (~1e-7)."""
    graph = model.graph
    weights = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    window = graph.input[0].type.tensor_type.shape.dim[2]
    window.Clear()
    window.dim_value = WINDOW
    lengths = {name: shape[-1] for name, shape in StaticValues(probe_at_window(model)).shapes.items() if shape}
    nodes = []
    for node in graph.node:
        if node.op_type != "Conv" or len(node.input) < 2 or node.input[1] not in weights:
            nodes.append(node)
            continue
        kernel = weights[node.input[1]]
        out_channels, in_per_group, width = kernel.shape
        group = attribute(node, "group", 1)
        stride = attribute(node, "strides", [1])[0]
        pads = attribute(node, "pads", [0, 0])
        bias = weights.get(node.input[2]) if len(node.input) > 2 else None
        name = node.name or node.output[0]
        if group == 1 and in_per_group == 1 and stride > 1 and width % stride == 0 and pads == [0, 0] and bias is None:
            hops = width // stride
            blocks, frames = f"{name}_blocks", f"{name}_frames"
            nodes.append(step("Reshape", [node.input[0], constant(graph, f"{name}_block_shape", [0, -1, stride])], blocks))
            shifted = []
            for k in range(hops):
                end = -(hops - 1 - k) if k < hops - 1 else np.iinfo(np.int64).max
                starts, ends = constant(graph, f"{name}_{k}_start", [k]), constant(graph, f"{name}_{k}_end", [end])
                shifted.append(f"{name}_hop{k}")
                nodes.append(step("Slice", [blocks, starts, ends, "axis_1"], shifted[-1]))
            basis = constant(graph, f"{name}_basis", kernel.reshape(out_channels, width).T, dtype=np.float32)
            nodes.append(step("Concat", shifted, frames, axis=2))
            nodes.append(step("MatMul", [frames, basis], f"{name}_by_frame"))
            nodes.append(step("Transpose", [f"{name}_by_frame"], node.output[0], name=f"{name}_by_channel", perm=[0, 2, 1]))
        elif group == out_channels and in_per_group == 1 and stride == 1 and width % 2 == 1 and pads == [width // 2] * 2:
            # A banded (Toeplitz) matrix per channel: the frames times it are the convolution. The zero padding is the
            # band clipped at the ends: taps that would reach outside the frames are left out.
            length = lengths[node.input[0]]
            toeplitz = np.zeros((out_channels, length, length), dtype=np.float32)
            for t in range(length):
                for k in range(width):
                    if 0 <= t + k - pads[0] < length:
                        toeplitz[:, t + k - pads[0], t] = kernel[:, 0, k]
            nodes.append(step("Transpose", [node.input[0]], f"{name}_by_channel", perm=[1, 0, 2]))
            band = constant(graph, f"{name}_toeplitz", toeplitz, np.float32)
            nodes.append(step("MatMul", [f"{name}_by_channel", band], f"{name}_product"))
            last = f"{name}_product"
            if bias is not None:
                per_channel = constant(graph, f"{name}_bias", bias.reshape(out_channels, 1, 1), np.float32)
                nodes.append(step("Add", [last, per_channel], f"{name}_biased"))
                last = f"{name}_biased"
            nodes.append(step("Transpose", [last], node.output[0], name=f"{name}_by_window", perm=[1, 0, 2]))
        else:
            nodes.append(node)
    constant(graph, "axis_1", [1])
    del graph.node[:]
    graph.node.extend(nodes)
    prune(graph, [o.name for o in graph.output])
    return model


def first_block_channel_major(model):
    """Keeps the first residual block in the depthwise product's channel-major layout ([channels, windows, frames]):
    its two pointwise convolutions (258 -> 16 channels: the block's `pw_conv` after the depthwise one, and `proj` on the
    block's input) become products of their weights with all frames of the run at once, and only the block's 16-channel
    result goes back to [windows, channels, frames]. ONNX Runtime ran each pointwise convolution window by window, and
    turning the 258-channel tensor back cost as much as either."""
    graph = model.graph
    weights = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    producers = {o: n for n in graph.node for o in n.output}

    def only(name, op):
        users = consumers.get(name, [])
        if len(users) != 1 or users[0].op_type != op:
            fail(f"the first block is not as expected: {name} should feed one {op}")
        return users[0]

    back = next((n for n in graph.node if n.op_type == "Transpose" and n.name.endswith("_by_window")), None)
    if back is None:
        fail("no depthwise product to continue from")
    name = back.name[: -len("_by_window")]
    channel_major, by_channel = back.input[0], f"{name}_by_channel"
    relu = only(back.output[0], "Relu")
    pointwise = only(relu.output[0], "Conv")
    add = only(pointwise.output[0], "Add")
    projection = producers[next(i for i in add.input if i != pointwise.output[0])]
    block_input = producers[by_channel].input[0]
    if projection.op_type != "Conv" or projection.input[0] != block_input:
        fail("the first block's residual is not a convolution of its input")
    result = only(add.output[0], "Relu")

    frames = StaticValues(probe_at_window(model)).shapes[back.output[0]][-1]
    out_channels = weights[pointwise.input[1]].shape[0]
    for conv in (pointwise, projection):
        kernel = weights[conv.input[1]]
        if kernel.shape[2] != 1 or attribute(conv, "group", 1) != 1 or attribute(conv, "strides", [1])[0] != 1:
            fail(f"{conv.name} is not a pointwise convolution")
        constant(graph, f"{conv.name}_matrix", kernel[:, :, 0], np.float32)
    bias = (weights[pointwise.input[2]] + weights[projection.input[2]]).reshape(out_channels, 1)
    constant(graph, f"{name}_block_bias", bias, np.float32)
    constant(graph, f"{name}_flat", [0, -1])
    constant(graph, f"{name}_block_shape", [out_channels, -1, frames])
    rewritten = [
        step("Relu", [channel_major], f"{name}_relu"),
        step("Reshape", [f"{name}_relu", f"{name}_flat"], f"{name}_relu_flat"),
        step("Reshape", [by_channel, f"{name}_flat"], f"{name}_input_flat"),
        step("MatMul", [f"{pointwise.name}_matrix", f"{name}_relu_flat"], f"{name}_pointwise"),
        step("MatMul", [f"{projection.name}_matrix", f"{name}_input_flat"], f"{name}_projection"),
        step("Add", [f"{name}_pointwise", f"{name}_projection"], f"{name}_sum"),
        step("Add", [f"{name}_sum", f"{name}_block_bias"], f"{name}_biased_sum"),
        step("Relu", [f"{name}_biased_sum"], f"{name}_block"),
        step("Reshape", [f"{name}_block", f"{name}_block_shape"], f"{name}_block_by_channel"),
        step("Transpose", [f"{name}_block_by_channel"], result.output[0], name=f"{name}_block_by_window", perm=[1, 0, 2]),
    ]
    dropped = {id(n) for n in (back, relu, pointwise, projection, add, result)}
    nodes = []
    for node in graph.node:
        if node is back:
            nodes.extend(rewritten)
        elif id(node) not in dropped:
            nodes.append(node)
    del graph.node[:]
    graph.node.extend(nodes)
    prune(graph, [o.name for o in graph.output])
    return model


def spectrum_outside(model):
    """Takes the STFT out of the file: `spectrum` [bins, windows, channels, frames], each frame's magnitudes, replaces
    `input` (with `log_spectrum`, log_outside); returns the model and the (fft size, hop, reflect pad, log scale) the
    runtime must compute them with.

    The STFT is one product with a 256 x 258 basis (a periodic Hann window times the DFT's cosines and minus its sines)
    over the 8 frames of each window, a third of a run; the runtime computes the same magnitudes with an FFT, which
    does a tenth of the arithmetic. This checks that the basis is that windowed DFT (to 1e-6) and that the frames
    come from each window reflect-padded alike on both sides, and fails otherwise."""
    graph = model.graph
    weights = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    producers = {o: n for n in graph.node for o in n.output}
    magnitude = producers.get("magnitude")
    if magnitude is None or magnitude.op_type != "Sqrt":
        fail("the STFT does not end in a Sqrt named magnitude")
    product = next((n for n in graph.node if n.op_type == "MatMul" and n.input[1].endswith("_basis")), None)
    if product is None:
        fail("no STFT product (convolutions_as_products makes it)")
    basis = weights[product.input[1]]
    size, bins = basis.shape[0], basis.shape[1] // 2
    n, k = np.arange(size)[:, None], np.arange(bins)[None, :]
    hann = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(size) / size)
    dft = np.concatenate([np.cos(2 * np.pi * n * k / size), -np.sin(2 * np.pi * n * k / size)], axis=1) * hann[:, None]
    if bins != size // 2 + 1 or np.abs(basis - dft).max() > 1e-6:
        fail(f"{product.name}: the basis is not a periodic-Hann DFT of {size} points")
    name = product.name[: -len("_by_frame")]
    hop = int(weights[f"{name}_block_shape"][-1])
    pad_node = next(n for n in graph.node if n.op_type == "Pad")
    pads = StaticValues(model).value(pad_node.input[1])
    rank = 0 if pads is None else len(pads) // 2
    if attribute(pad_node, "mode", b"constant") != b"reflect" or rank == 0 or any(pads[:rank - 1]) or any(pads[rank:-1]) or pads[rank - 1] != pads[-1]:
        fail(f"{pad_node.name}: the window is not reflect-padded alike on both sides of its samples")
    pad = int(pads[-1])
    frames = (WINDOW + 2 * pad - size) // hop + 1

    graph.input.insert(0, helper.make_tensor_value_info("spectrum", onnx.TensorProto.FLOAT, [bins, "windows", "batch", frames]))
    shape = next(n for n in graph.node if n.name == "windows_and_channels")
    shape.input[0] = "spectrum"
    for a in shape.attribute:
        a.i += 1
    spectrum = step("Reshape", ["spectrum", constant(graph, "spectrum_rows", [bins, -1, frames])], "magnitude", name="spectrum_by_bin")
    nodes = [spectrum if node is magnitude else node for node in graph.node]
    del graph.node[:]
    graph.node.extend(nodes)
    bin_major_normalization(graph, frames)
    log_scale = log_outside(model, bins, frames)
    prune(graph, [o.name for o in graph.output])
    return model, (size, hop, pad, log_scale)


def log_outside(model, bins, frames):
    """Takes log(1 + scale * magnitude) out too: `log_spectrum`, laid out as `spectrum`, replaces the Mul, Add and Log
    on the magnitudes (ONNX Runtime's Log alone took a seventh of a run; the runtime's vectorized log is a fraction of
    that). Returns the scale, which the runtime reads from the metadata."""
    graph = model.graph
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    statics = StaticValues(model)
    scale_node = next((n for n in consumers.get("magnitude", []) if n.op_type == "Mul"), None)
    one_node = consumers.get(scale_node.output[0], [None])[0] if scale_node else None
    log_node = consumers.get(one_node.output[0], [None])[0] if one_node else None
    if scale_node is None or one_node is None or one_node.op_type != "Add" or log_node is None or log_node.op_type != "Log":
        fail("the magnitudes do not go through log(1 + scale * magnitude)")
    scale = statics.value(next(i for i in scale_node.input if i != "magnitude"))
    one = statics.value(next(i for i in one_node.input if i != scale_node.output[0]))
    if scale is None or one is None or np.size(scale) != 1 or float(one) != 1.0:
        fail(f"{one_node.name}: the log is not of 1 + a constant scale times the magnitude")
    graph.input.insert(1, helper.make_tensor_value_info("log_spectrum", onnx.TensorProto.FLOAT, [bins, "windows", "batch", frames]))
    log_by_bin = step("Reshape", ["log_spectrum", "spectrum_rows"], log_node.output[0], name="log_spectrum_by_bin")
    nodes = [log_by_bin if node is log_node else node for node in graph.node if node is not scale_node and node is not one_node]
    del graph.node[:]
    graph.node.extend(nodes)
    return float(scale)


def bin_major_normalization(graph, frames_per_window):
    """Runs the adaptive normalization on the bin-major magnitudes ([bins, rows, frames]) so that the magnitudes and
    the normalized log spectrum, concatenated over bins, are already the [channels, rows, frames] layout the first
    depthwise product takes: the Transpose that turned the whole 258-channel tensor around (a tenth of a run) goes.
    The mean over bins is taken over axis 0 and, [1, rows, frames], is the same memory as the [rows, 1, frames] the
    smoothing filter reads; the per-row offset it gives goes back as [1, rows, frames]."""
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    mean = next(n for n in graph.node if n.op_type == "ReduceMean" and n.output[0] == "mean")
    if list(attribute(mean, "axes", [])) != [1] or attribute(mean, "keepdims", 1) != 1:
        fail(f"{mean.name}: the adaptive normalization's mean is not over the bins")
    offset = next(n for n in graph.node if n.op_type == "Add" and n.output[0] == "norm")
    row_offset = next(i for i in offset.input if i != mean.input[0])
    concat = consumers["norm"][0]
    by_channel = consumers[concat.output[0]]
    if concat.op_type != "Concat" or attribute(concat, "axis") != 1 or len(by_channel) != 1 or by_channel[0].op_type != "Transpose" \
            or list(attribute(by_channel[0], "perm", [])) != [1, 0, 2]:
        fail("the magnitudes and the normalized spectrum do not go to the first block as [channels, rows, frames]")
    mean.attribute.remove(next(a for a in mean.attribute if a.name == "axes"))
    mean.attribute.append(helper.make_attribute("axes", [0]))
    mean.output[0] = "mean_by_bin"
    rows_first = step("Reshape", ["mean_by_bin", constant(graph, "mean_rows", [-1, 1, 0])], "mean", name="mean_by_row")
    offset_by_bin = [
        step("Reshape", [row_offset, constant(graph, "offset_rows", [1, -1, 1])], "offset_by_row"),
        # Written out over the frames: ONNX Runtime adds a [1, rows, frames] tensor to every bin fast, and broadcasts
        # a [1, rows, 1] one element by element (the Add took a tenth of a run).
        step("Expand", ["offset_by_row", constant(graph, "offset_frames", [1, 1, frames_per_window])], "offset_by_bin"),
    ]
    offset.input[:] = [mean.input[0], "offset_by_bin"]
    concat.attribute.remove(next(a for a in concat.attribute if a.name == "axis"))
    concat.attribute.append(helper.make_attribute("axis", 0))
    concat.output[0] = by_channel[0].output[0]
    nodes = []
    for node in graph.node:
        if node is by_channel[0]:
            continue
        if node is offset:
            nodes.extend(offset_by_bin)
        nodes.append(node)
        if node is mean:
            nodes.append(rows_first)
    del graph.node[:]
    graph.node.extend(nodes)


def probe_at_window(model):
    """A copy of `model` whose input has the static shape [1, 1, WINDOW], for shape inference."""
    probe = onnx.ModelProto.FromString(model.SerializeToString())
    for dim, value in zip(probe.graph.input[0].type.tensor_type.shape.dim, (1, 1, WINDOW)):
        dim.Clear()
        dim.dim_value = value
    return probe


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "models", "silero-vad", "silero_vad.onnx"))
    parser.add_argument("--rate", type=int, default=16000, choices=(8000, 16000))
    args = parser.parse_args()

    with open(args.source, "rb") as file:
        data = file.read()
    model = specialize(onnx.load_from_string(data), args.rate)
    model, (fft_size, hop, pad, log_scale) = spectrum_outside(first_block_channel_major(convolutions_as_products(chain_windows(model))))
    model.graph.name = f"silero_vad_{args.rate // 1000}k"
    del model.metadata_props[:]
    for key, value in (("silero_vad_sample_rate", str(args.rate)),
                       ("silero_vad_source_sha256", hashlib.sha256(data).hexdigest()),
                       ("silero_vad_layout", LAYOUT),
                       ("silero_vad_fft_size", str(fft_size)),
                       ("silero_vad_hop", str(hop)),
                       ("silero_vad_reflect_pad", str(pad)),
                       ("silero_vad_log_scale", repr(log_scale)),
                       ("silero_vad_made_by", TOOL)):
        model.metadata_props.add(key=key, value=value)
    onnx.checker.check_model(model)

    stem, _ = os.path.splitext(args.source)
    target = f"{stem}_{args.rate // 1000}k.onnx"
    onnx.save(model, target)
    print(f"{target}: {len(model.graph.node)} nodes, inputs {[i.name for i in model.graph.input]}, "
          f"outputs {[o.name for o in model.graph.output]}, {os.path.getsize(target)} bytes")


if __name__ == "__main__":
    main()
