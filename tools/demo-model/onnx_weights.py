"""Reads a shipped demo model.onnx back into DemoSenseVoice weights, so training can continue from the model in the
repository when no checkpoint is at hand (a fresh machine). The export renames some weights (a Linear becomes a
MatMul over its transposed weight, named onnx::MatMul_N), so the map from parameters to initializers is learnt by
exporting a freshly initialised model of the same shape (random values in every weight) and finding each parameter's values among its
initializers; the names are those of the shipped file because the export is deterministic for one graph."""
import copy
import os
import tempfile

import numpy as np
import onnx
import onnx.numpy_helper
import torch

from export import export_graph
from model import DemoSenseVoice


def initializers(path):
    return {i.name: onnx.numpy_helper.to_array(i) for i in onnx.load(path).graph.initializer}


def parameter_map(model):
    """{parameter name: (initializer name, transposed)} for the ONNX export of this model's shape."""
    probe = copy.deepcopy(model).eval()
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():  # distinct values everywhere: fresh LayerNorms are all ones and would match each other
        for p in probe.parameters():
            p.copy_(torch.randn(p.shape, generator=generator))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "probe.onnx")
        export_graph(probe, path)
        fresh = initializers(path)
    mapping = {}
    for name, value in probe.state_dict().items():
        v = value.numpy()
        found = [(n, False) for n, a in fresh.items() if a.shape == v.shape and np.array_equal(a, v)]
        if not found and v.ndim == 2:
            found = [(n, True) for n, a in fresh.items() if a.shape == v.T.shape and np.array_equal(a, v.T)]
        if len(found) != 1:
            raise SystemExit(f"{name}: {len(found)} initializers of the export carry its values (need exactly 1)")
        mapping[name] = found[0]
    return mapping


def metadata_of(path):
    return {p.key: p.value for p in onnx.load(path).metadata_props}


def cmvn_of(path):
    meta = metadata_of(path)
    as_array = lambda key: np.array([float(v) for v in meta[key].split(",")], dtype=np.float32)  # noqa: E731
    return as_array("neg_mean"), as_array("inv_stddev")


def load_into(model, path):
    """Copies the weights of the ONNX file at path into model; fails naming the first weight that does not fit."""
    shipped = initializers(path)
    state = {}
    for name, (initializer, transposed) in parameter_map(model).items():
        if initializer not in shipped:
            raise SystemExit(f"{path}: no initializer {initializer} (for {name}): not a demo model of this shape")
        value = shipped[initializer].T if transposed else shipped[initializer]
        expected = tuple(model.state_dict()[name].shape)
        if value.shape != expected:
            raise SystemExit(f"{path}: {initializer} has shape {value.shape}, {name} needs {expected}")
        state[name] = torch.from_numpy(np.ascontiguousarray(value))
    model.load_state_dict(state)
    model.train()
