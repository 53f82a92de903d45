#!/usr/bin/python3
"""Specializes silero VAD v4 (models/silero-vad/silero_vad.onnx) for one sample rate: the same network without the `If`s.

The v4 export puts its whole network inside an `If` on `sr` (one branch per rate, each with its own weights), and inside
each branch four more `If`s decide on tensor shapes (squeeze a dimension that is 1, unsqueeze when the rank is 2, zero
state when `h` is empty). ONNX Runtime runs every 32 ms window through those nested subgraph frames and cannot fuse or
fold across them: that overhead, not the arithmetic, is most of the model's cost per window.

This script keeps the branch of the requested rate and, where an `If`'s condition follows from static shapes (dims the
model itself fixes: the state's 2 layers, a channel count of 1, a tensor's rank), keeps the branch that condition takes
for every batch size and window length. It stops with an error if any `If` is left. Nothing else changes: the same
operators run on the same weights in the same order, so the probabilities and states are the original's, bit for bit
(tests/Recognizer.Tests check this on real audio). The result has no `sr` input: inputs `input` [B, N], `h`, `c` [2, B,
64]; outputs `output`, `hn`, `cn`. Its metadata records the rate and the sha256 of the file it came from, which the
runtime checks before using it in place of that file.

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "models", "silero-vad", "silero_vad.onnx"))
    parser.add_argument("--rate", type=int, default=16000, choices=(8000, 16000))
    args = parser.parse_args()

    with open(args.source, "rb") as file:
        data = file.read()
    model = specialize(onnx.load_from_string(data), args.rate)
    model.graph.name = f"silero_vad_{args.rate // 1000}k"
    del model.metadata_props[:]
    for key, value in (("silero_vad_sample_rate", str(args.rate)),
                       ("silero_vad_source_sha256", hashlib.sha256(data).hexdigest()),
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
