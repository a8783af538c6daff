// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Compute cycles and SRAM accesses of a GEMM on R x C systolic arrays, following
// SCALE-Sim v2's analytical model (formulas in DESIGN.md section 5), so figures can be
// cross-checked against that tool. A convolution is the GEMM M = output pixels,
// N = filters, K = kh * kw * Cin / groups.
#include "Platform.h"

#include <cstdint>

namespace calibra::hardware {

struct Gemm
{
    int64_t m = 0, n = 0, k = 0;
    int64_t repeat = 1; // identical GEMMs (conv groups, attention heads, batch)
};

// One array, one GEMM: SCALE-Sim v2 cycles for the dataflow.
int64_t scaleSimCycles(int64_t m, int64_t n, int64_t k, int rows, int cols, Dataflow dataflow);

struct ArrayWork
{
    double cycles = 0;       // wall-clock cycles with the work split over the cores
    double sramElements = 0; // elements read or written in SRAM by the arrays
};

// `gemm.repeat` copies spread over `cores` arrays: whole copies go to different cores
// where there are enough of them; otherwise one GEMM is split along N or M, whichever
// finishes first.
ArrayWork gemmOnArrays(const Gemm &gemm, int rows, int cols, int cores, Dataflow dataflow);

} // namespace calibra::hardware
