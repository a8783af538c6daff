#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""ONNX coverage over torchvision: export every classification and segmentation model
with random weights and the exporter's defaults, import each with calibra-cli, compare
its counts with torch's, and simulate it on every preset.

Test-time tools only (Debian's python3-torch, python3-torchvision, python3-onnx); never
a runtime dependency of Calibra. Not part of ctest: it takes about an hour on 2 cores.

    /usr/bin/python3 tests/bench/onnx_coverage.py --cli build/bin/calibra-cli --work /tmp/cov

Counts compared:
- parameters: torch's sum of numel() over model.parameters(), less what the exporter
  removes by folding BatchNorm into the preceding convolution (its scale and shift go,
  the convolution gains a bias: -C per folded BatchNorm of C channels, -2C where the
  convolution had a bias already; the BatchNorms the exporter keeps are found by their
  nodes in the file);
- conv/linear MACs: counted in torch with forward hooks (Conv2d: output elements x
  Cin/groups x kh x kw; Linear: output elements x in_features; the input and output
  projections of MultiheadAttention and Swin's window attention, which call F.linear,
  from their inputs' shapes), against the sum of Calibra's Conv2d, ConvTranspose2d and
  Linear layers.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
import traceback
import warnings

import onnx
import torch
import torchvision
from torchvision.models import segmentation

warnings.filterwarnings("ignore")
PRESETS = ["builtin:edge-npu-s", "builtin:mobile-npu-m", "builtin:mobile-apu-l"]


def input_size(name):
    return 299 if name == "inception_v3" else 224


class SegmentationOut(torch.nn.Module):
    """The segmentation models return a dict; the export takes its 'out' tensor."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)["out"]


def build(name, family):
    if family == "segmentation":
        m = getattr(segmentation, name)(weights=None, weights_backbone=None, aux_loss=False)
        return SegmentationOut(m).eval()
    kwargs = {"aux_logits": False, "init_weights": True} if name in ("googlenet", "inception_v3") else {}
    return getattr(torchvision.models, name)(weights=None, **kwargs).eval()


def torch_macs(model, x):
    """Conv/linear multiply-accumulates of one forward pass, from hooks."""
    total = [0]

    def conv(m, inp, out):
        total[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def convT(m, inp, out):
        # Each input element meets Cout/groups x kh x kw weights.
        total[0] += inp[0].numel() * (m.out_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def linear(m, inp, out):
        total[0] += out.numel() * m.in_features

    def mha(m, inp, out):  # called with keywords: the output gives the token count
        tokens = out[0].numel() // m.embed_dim
        total[0] += tokens * m.embed_dim * 3 * m.embed_dim + tokens * m.embed_dim * m.embed_dim

    def swin(m, inp, out):
        b, h, w, c = inp[0].shape
        ws = m.window_size
        ph, pw = math.ceil(h / ws[0]) * ws[0], math.ceil(w / ws[1]) * ws[1]
        tokens = b * ph * pw
        total[0] += tokens * c * 3 * c + tokens * c * c

    hooks = []
    swin_cls = getattr(torchvision.models.swin_transformer, "ShiftedWindowAttention", None)
    for mod in model.modules():
        if isinstance(mod, torch.nn.Conv2d):
            hooks.append(mod.register_forward_hook(conv))
        elif isinstance(mod, torch.nn.ConvTranspose2d):
            hooks.append(mod.register_forward_hook(convT))
        elif isinstance(mod, torch.nn.Linear) and not isinstance(mod, torch.nn.modules.linear.NonDynamicallyQuantizableLinear):
            hooks.append(mod.register_forward_hook(linear))
        elif isinstance(mod, torch.nn.MultiheadAttention):
            hooks.append(mod.register_forward_hook(mha))
        elif swin_cls and isinstance(mod, swin_cls):
            hooks.append(mod.register_forward_hook(swin))
    # Swin's attention calls F.linear with its qkv/proj weights: their Linear modules
    # never run, so their hooks never fire.
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    return total[0]


def folded_batchnorm_params(model):
    """What folding every BatchNorm into the convolution before it removes: its scale and
    shift (2C), less the bias the convolution gains (C) when it had none (VGG-BN's have)."""
    removed, last_conv = 0, None
    for m in model.modules():
        if isinstance(m, torch.nn.Conv2d):
            last_conv = m
        elif isinstance(m, torch.nn.BatchNorm2d):
            removed += m.num_features * (2 if last_conv is not None and last_conv.bias is not None else 1)
    return removed


def expected_params(model, onnx_path):
    params = sum(p.numel() for p in model.parameters())
    bn_channels = folded_batchnorm_params(model)
    graph = onnx.load(onnx_path, load_external_data=False).graph
    shapes = {t.name: list(t.dims) for t in graph.initializer}
    for n in graph.node:  # the exporter shares equal tensors (fresh BatchNorm scales) by Identity
        if n.op_type == "Identity" and n.input[0] in shapes:
            shapes[n.output[0]] = shapes[n.input[0]]
    kept = 0
    for n in graph.node:
        if n.op_type == "BatchNormalization":
            kept += shapes[n.input[1]][0]
    return params, params - bn_channels + kept


def export_path(work, name, opset):
    """Each export in its own folder: over 2 GB, torch writes every weight to a file
    named after the tensor beside the model, and models share tensor names."""
    return os.path.join(work, f"{name}_op{opset}", f"{name}.onnx")


def export_bytes(path):
    folder = os.path.dirname(path)
    return sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))


def run(cmd, timeout=900):
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return p, time.time() - t0


def one(name, family, opset, args):
    row = {"model": name, "family": family, "opset": opset}
    path = export_path(args.work, name, opset)
    model = build(name, family)
    size = input_size(name)
    x = torch.randn(1, 3, size, size)
    if not os.path.exists(path):
        try:
            # Not under no_grad: there torch takes MultiheadAttention's fused fast path,
            # which the exporter cannot write.
            os.makedirs(os.path.dirname(path), exist_ok=True)
            torch.onnx.export(model, x, path + ".part", opset_version=opset)
            os.replace(path + ".part", path)
        except Exception as e:  # the exporter's own refusal, recorded as such
            row["export_error"] = (str(e).strip().splitlines() or [type(e).__name__])[-1][:200]
            return row
    row["file_mb"] = round(export_bytes(path) / 2**20, 1)
    row["external_data"] = any(t.data_location == onnx.TensorProto.EXTERNAL
                               for t in onnx.load(path, load_external_data=False).graph.initializer)
    row["torch_params"], row["expected_params"] = expected_params(model, path)
    row["torch_macs"] = torch_macs(model, x)
    p, secs = run([args.cli, "inspect", "--json", path])
    row["import_s"] = round(secs, 2)
    if p.returncode != 0:
        row["import_error"] = p.stderr.strip().splitlines()[-1][:300] if p.stderr.strip() else f"exit {p.returncode}"
        return row
    info = json.loads(p.stdout)
    row["params"] = info["totals"]["params"]
    row["macs_convlinear"] = sum(l["macs"] for l in info["layers"] if l["op"] in ("Conv2d", "ConvTranspose2d", "Linear"))
    row["nodes"] = info["totals"]["nodes"]
    row["simulated"] = {}
    for preset in PRESETS:
        p, _ = run([args.cli, "simulate", "--json", "-p", preset, path])
        if p.returncode != 0:
            row["simulated"][preset] = "error: " + (p.stderr.strip().splitlines() or ["?"])[-1][:200]
        else:
            s = json.loads(p.stdout)
            row["simulated"][preset] = round(s["totals"]["latency_ms"], 4)
    return row


def report(path):
    """A Markdown table of results.jsonl: one row per model, both opsets."""
    rows = {}
    for line in open(path):
        r = json.loads(line)
        rows.setdefault(r["model"], {})[r["opset"]] = r
    print("| model | MB | import s | params (Calibra) | params (torch, BN folded) | conv/linear MACs | "
          "edge-npu-s ms | mobile-npu-m ms | mobile-apu-l ms | opset 13 | opset 17 |")
    print("|---|---:|---:|---:|---:|---|---:|---:|---:|---|---|")

    def status(r):
        if r is None:
            return "not run"
        if "export_error" in r:
            return "exporter fails"
        if "import_error" in r or "bench_error" in r:
            return "**import fails**"
        same = r["params"] == r["expected_params"] and r["macs_convlinear"] == r["torch_macs"]
        return "imports, counts match" if same else "imports, counts differ"

    for model, by in sorted(rows.items(), key=lambda kv: kv[1][min(kv[1])].get("torch_params") or 0):
        r = by.get(17) if by.get(17) and "params" in by.get(17) else by.get(13)
        sims = r.get("simulated", {}) if r else {}
        cells = [model, str(r.get("file_mb", "")), str(r.get("import_s", "")),
                 f"{r['params']:,}" if "params" in r else "",
                 f"{r['expected_params']:,}" if "expected_params" in r else "",
                 ("equal" if r.get("macs_convlinear") == r.get("torch_macs") else
                  f"{r.get('macs_convlinear')} vs {r.get('torch_macs')}") if "params" in r else ""]
        cells += [str(sims.get(p, "")) for p in PRESETS]
        cells += [status(by.get(13)), status(by.get(17))]
        print("| " + " | ".join(cells) + " |")
    for model, by in sorted(rows.items()):
        for opset, r in sorted(by.items()):
            for key in ("export_error", "import_error", "bench_error"):
                if key in r:
                    print(f"\n- {model}, opset {opset}, {key.replace('_', ' ')}: `{r[key]}`")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", help="calibra-cli to test")
    ap.add_argument("--work", required=True, help="folder for the exported files and results.jsonl")
    ap.add_argument("--opsets", default="13,17")
    ap.add_argument("--only", default="", help="comma-separated model names")
    ap.add_argument("--report", action="store_true", help="print the Markdown table of the results so far")
    args = ap.parse_args()
    if args.report:
        return report(os.path.join(args.work, "results.jsonl"))
    if not args.cli:
        ap.error("--cli is required")
    os.makedirs(args.work, exist_ok=True)
    # list_models(module=torchvision.models) lists every family; classification is
    # what no sub-module claims.
    from torchvision.models import detection, optical_flow, quantization, video
    others = set()
    for module in (segmentation, detection, optical_flow, quantization, video):
        others |= set(torchvision.models.list_models(module=module))
    models = [(n, "classification") for n in torchvision.models.list_models(module=torchvision.models) if n not in others]
    models += [(n, "segmentation") for n in torchvision.models.list_models(module=segmentation)]
    if args.only:
        keep = set(args.only.split(","))
        models = [m for m in models if m[0] in keep]
    # Smallest first, so that a run cut short has covered the most models.
    sizes_path = os.path.join(args.work, "sizes.json")
    sizes = json.load(open(sizes_path)) if os.path.exists(sizes_path) else {}
    for name, family in models:
        if name not in sizes:
            sizes[name] = sum(p.numel() for p in build(name, family).parameters())
            json.dump(sizes, open(sizes_path, "w"))
    models.sort(key=lambda m: sizes[m[0]])
    out = os.path.join(args.work, "results.jsonl")
    done = set()
    if os.path.exists(out):
        for line in open(out):
            r = json.loads(line)
            done.add((r["model"], r["opset"]))
    torch.manual_seed(0)
    for name, family in models:
        for opset in [int(o) for o in args.opsets.split(",")]:
            if (name, opset) in done:
                continue
            try:
                row = one(name, family, opset, args)
            except Exception as e:
                row = {"model": name, "family": family, "opset": opset, "bench_error": repr(e)[:300],
                       "trace": traceback.format_exc()[-500:]}
            with open(out, "a") as f:
                f.write(json.dumps(row) + "\n")
            print(json.dumps(row), flush=True)
            # The export stays for a re-run only while it is small.
            path = export_path(args.work, name, opset)
            if os.path.exists(path) and export_bytes(path) > 200 * 2**20 and not args.only:
                shutil.rmtree(os.path.dirname(path))


if __name__ == "__main__":
    sys.exit(main())
