#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Small torch modules in the forms the ONNX exporter decomposes or computes shapes for,
exported at opsets 13 and 17 with the exporter's defaults; patterns.json holds torch's
parameter count, the output shape and the output for a fixed input (for the import
tests). Test-time tool: needs Debian's python3-torch and python3-torchvision.

    cd tests/data/onnx/patterns && /usr/bin/python3 make_patterns.py
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.convnext import CNBlock
from torchvision.models.shufflenetv2 import InvertedResidual
from torchvision.models.vision_transformer import EncoderBlock


class LayerNormNet(nn.Module):
    """ConvNeXt's channels-last LayerNorm and its GELU MLP (one CNBlock), with a stem."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 2, 2)
        self.block = CNBlock(16, layer_scale=1e-6, stochastic_depth_prob=0.0)

    def forward(self, x):
        return self.block(self.stem(x))


class ShuffleNet(nn.Module):
    """Two ShuffleNetV2 units: the channel split (Slice from Shape arithmetic) and the
    channel shuffle (Reshape/Transpose/Reshape)."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 2, 1)
        self.down = InvertedResidual(16, 32, 2)
        self.unit = InvertedResidual(32, 32, 1)

    def forward(self, x):
        return self.unit(self.down(self.stem(x)))


class ClassTokenNet(nn.Module):
    """ViT's patch embedding, class token (expand from the batch size, concat), position
    embedding, one encoder block (attention, LayerNorm, GELU) and x[:, 0]."""

    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, 32, 8, 8)
        self.cls = nn.Parameter(torch.randn(1, 1, 32))
        self.pos = nn.Parameter(torch.randn(1, 17, 32) * 0.02)
        self.encoder = EncoderBlock(4, 32, 64, 0.0, 0.0)
        self.head = nn.Linear(32, 10)

    def forward(self, x):
        n = x.shape[0]
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(n, -1, -1), x], dim=1) + self.pos
        return self.head(self.encoder(x)[:, 0])


def export(name, module, size, opset):
    torch.manual_seed(0)
    x = torch.randn(1, 3, size, size)
    with torch.no_grad():
        y = module(x)
    path = f"{name}_op{opset}.onnx"
    torch.onnx.export(module, x, path, opset_version=opset)
    return x, y


def main():
    truth = {}
    torch.manual_seed(1)
    for name, module, size in [("layernorm", LayerNormNet(), 16), ("shuffle", ShuffleNet(), 16),
                               ("classtoken", ClassTokenNet(), 32)]:
        module.eval()
        # Random, distinct weights everywhere (fresh LayerNorms are all ones and zeros).
        with torch.no_grad():
            for pname, p in module.named_parameters():
                scale_like = p.dim() == 1 and pname.endswith("weight")  # norms' scales stay near 1
                p.copy_(torch.randn_like(p) * 0.2 + (1.0 if scale_like else 0.0))
            for m in module.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.running_mean.copy_(torch.randn_like(m.running_mean) * 0.1)
                    m.running_var.copy_(torch.rand_like(m.running_var) + 0.5)
        for opset in (13, 17):
            x, y = export(name, module, size, opset)
            params = sum(p.numel() for p in module.parameters())
            # The exporter folds each BatchNorm into the convolution before it: its scale
            # and shift go, the convolution (without a bias in torchvision) gains one.
            folded = sum(m.num_features for m in module.modules() if isinstance(m, nn.BatchNorm2d))
            truth[f"{name}_op{opset}"] = {
                "torch_params": params,
                "expected_params": params - folded,
                "input": list(x.shape),
                "output_shape": list(y.shape),
                "input_values": [round(v, 6) for v in x.flatten().tolist()],
                "output_values": [round(v, 6) for v in y.flatten().tolist()],
            }
    with open("patterns.json", "w") as f:
        json.dump(truth, f)


if __name__ == "__main__":
    main()
