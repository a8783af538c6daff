// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// IR -> accelerator work, once per network (independent of the target setting): each
// node becomes GEMMs on the systolic arrays, vector work, or nothing (reshapes,
// constants, BatchNorm folded into the conv before it), with the byte counts and the
// spatial geometry that tiling and layer fusion need.
#include "SystolicArray.h"
#include "graph/Network.h"

#include <array>
#include <string>
#include <vector>

namespace calibra::hardware {

enum class WorkKind { Free, Gemm, Vector };

struct LayerWork
{
    int node = -1; // index in Network::nodes
    WorkKind kind = WorkKind::Free;
    std::array<Gemm, 4> gemms{}; // attention needs four; convs one
    int gemmCount = 0;
    int64_t macs = 0;               // all multiply-accumulates (arrays and vector unit)
    int64_t vectorOps = 0;          // element operations on the vector unit
    int64_t inputElements = 0;      // activations read (all data inputs)
    int64_t extraInputElements = 0; // of those, inputs other than the main producer's (a residual)
    int64_t outputElements = 0;
    int64_t weightElements = 0; // stored weights after BatchNorm folding

    // Graph structure, in layer indices.
    int mainProducer = -1; // the producer of input 0 (-1: a network input or constant)
    int consumers = 0;     // layers reading this layer's output
    bool isNetworkOutput = false;
    bool epilogue = false; // element-wise work a GEMM's output stage can absorb

    // Spatial geometry (NCHW convs, pools, depthwise): rows and row sizes, for halos.
    bool spatial = false;
    int64_t inH = 0, outH = 0, outW = 0, kernelH = 1, strideH = 1;
    int64_t inRowElements = 0, outRowElements = 0; // W * C of input and output
};

struct LoweredNetwork
{
    std::string name;
    std::vector<LayerWork> layers;       // same order as the network's nodes
    std::vector<std::string> layerNames; // node names, for reports only
    std::vector<graph::OpType> layerOps; // node op types, for the predictor's features
};

LoweredNetwork lowerNetwork(const graph::Network &network);

} // namespace calibra::hardware
