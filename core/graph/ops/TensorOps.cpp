// SPDX-License-Identifier: GPL-3.0-or-later
// Ops that move or reshape data without arithmetic worth counting as MACs:
// Constant, Concat, Split, Slice, ChannelShuffle, Reshape, Flatten, Transpose, Resize, Pad,
// ReduceMean.
#include "OpHelpers.h"

#include <algorithm>
#include <cmath>

namespace calibra::graph {
using namespace ops;

namespace {

OpSchema constant()
{
    // A stored tensor used as an input of other ops: ViT's class token and position
    // embedding (trainable), scale factors of an attention lowering (not trainable).
    OpSchema s{OpType::Constant, OpCategory::Constant, 0, 0};
    s.attrs = {{"shape", AttrType::Ints, std::nullopt}, {"trainable", AttrType::Bool, false}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &) -> std::vector<Shape> {
        const auto &shape = n.attrs.getInts("shape");
        requireEach(shape, "shape", 1);
        elementCount(shape);
        return {shape};
    };
    s.params = [](const Node &n, const std::vector<Shape> &) {
        return std::vector<ParamSpec>{{"value", n.attrs.getInts("shape"), n.attrs.getBool("trainable")}};
    };
    return s;
}

OpSchema concat()
{
    OpSchema s{OpType::Concat, OpCategory::Tensor, 1, -1};
    s.attrs = {{"axis", AttrType::Int, int64_t(1)}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        const int64_t axis = normalizeAxis(n.attrs.getInt("axis"), in[0].size());
        Shape out = in[0];
        for (size_t i = 1; i < in.size(); ++i) {
            if (in[i].size() != out.size())
                throw GraphError("input " + std::to_string(i) + " has rank " + std::to_string(in[i].size())
                                 + ", expected " + std::to_string(out.size()));
            for (size_t d = 0; d < out.size(); ++d)
                if (int64_t(d) != axis && in[i][d] != out[d])
                    throw GraphError("input " + std::to_string(i) + " has shape " + shapeToString(in[i]) + ", expected "
                                     + shapeToString(in[0]) + " outside axis " + std::to_string(axis));
            out[axis] = checkedAdd(out[axis], in[i][axis], "concatenated size");
        }
        return {out};
    };
    return s;
}

OpSchema split()
{
    OpSchema s{OpType::Split, OpCategory::Tensor};
    s.variadicOutputs = true;
    s.attrs = {{"axis", AttrType::Int, int64_t(1)}, {"split", AttrType::Ints, std::vector<int64_t>{}}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        const int64_t axis = normalizeAxis(n.attrs.getInt("axis"), in[0].size());
        const size_t parts = n.outputs.size();
        std::vector<int64_t> sizes = n.attrs.getInts("split");
        if (sizes.empty()) {
            if (in[0][axis] % int64_t(parts) != 0)
                throw GraphError("extent " + std::to_string(in[0][axis]) + " cannot be split evenly into "
                                 + std::to_string(parts) + " outputs");
            sizes.assign(parts, in[0][axis] / int64_t(parts));
        }
        if (sizes.size() != parts)
            throw GraphError("'split' lists " + std::to_string(sizes.size()) + " sizes for " + std::to_string(parts)
                             + " outputs");
        int64_t total = 0;
        std::vector<Shape> out;
        for (int64_t size : sizes) {
            if (size < 1)
                throw GraphError("'split' sizes must be positive");
            total = checkedAdd(total, size, "split sizes");
            Shape o = in[0];
            o[axis] = size;
            out.push_back(o);
        }
        if (total != in[0][axis])
            throw GraphError("'split' sizes add up to " + std::to_string(total) + ", the input extent is "
                             + std::to_string(in[0][axis]));
        return out;
    };
    return s;
}

OpSchema slice()
{
    // Positions along listed axes, as ONNX Slice but resolved at import: non-negative,
    // within the extent, forward steps only.
    OpSchema s{OpType::Slice, OpCategory::Tensor};
    s.attrs = {{"axes", AttrType::Ints, std::nullopt},
               {"starts", AttrType::Ints, std::nullopt},
               {"ends", AttrType::Ints, std::nullopt},
               {"steps", AttrType::Ints, std::vector<int64_t>{}}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        const auto &axes = n.attrs.getInts("axes"), &starts = n.attrs.getInts("starts"),
                   &ends = n.attrs.getInts("ends");
        const auto &steps = n.attrs.getInts("steps");
        if (starts.size() != axes.size() || ends.size() != axes.size()
            || (!steps.empty() && steps.size() != axes.size()))
            throw GraphError("'axes', 'starts', 'ends' and 'steps' must have the same length");
        Shape out = in[0];
        std::vector<bool> seen(out.size(), false);
        for (size_t i = 0; i < axes.size(); ++i) {
            const int64_t axis = normalizeAxis(axes[i], in[0].size());
            const int64_t step = steps.empty() ? 1 : steps[i];
            if (seen[size_t(axis)])
                throw GraphError("axis " + std::to_string(axis) + " is sliced twice");
            seen[size_t(axis)] = true;
            if (step < 1)
                throw GraphError("'steps' must be positive");
            if (starts[i] < 0 || ends[i] <= starts[i] || ends[i] > in[0][size_t(axis)])
                throw GraphError("slice [" + std::to_string(starts[i]) + ", " + std::to_string(ends[i]) + ") of axis "
                                 + std::to_string(axis) + " is empty or outside its extent "
                                 + std::to_string(in[0][size_t(axis)]));
            out[size_t(axis)] = (ends[i] - starts[i] + step - 1) / step;
        }
        return {out};
    };
    return s;
}

OpSchema channelShuffle()
{
    OpSchema s{OpType::ChannelShuffle, OpCategory::Tensor};
    s.attrs = {{"groups", AttrType::Int, std::nullopt}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireRank(in[0], 4, "an NCHW input");
        const int64_t g = sizeAttr(n, "groups");
        if (in[0][1] % g != 0)
            throw GraphError("channels " + std::to_string(in[0][1]) + " are not divisible by groups "
                             + std::to_string(g));
        return {in[0]};
    };
    return s;
}

OpSchema reshape()
{
    OpSchema s{OpType::Reshape, OpCategory::Tensor};
    s.attrs = {{"shape", AttrType::Ints, std::nullopt}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        Shape out = n.attrs.getInts("shape");
        const int64_t total = elementCount(in[0]);
        int inferred = -1;
        int64_t known = 1;
        for (size_t i = 0; i < out.size(); ++i) {
            if (out[i] == 0) {
                if (i >= in[0].size())
                    throw GraphError("'shape' copies dimension " + std::to_string(i) + " that the input lacks");
                out[i] = in[0][i];
            }
            if (out[i] == -1) {
                if (inferred >= 0)
                    throw GraphError("'shape' has more than one -1");
                inferred = int(i);
            } else if (out[i] < 1 || out[i] > kMaxTensorElements) {
                throw GraphError("'shape' has an invalid extent " + std::to_string(out[i]));
            } else {
                known = checkedMul(known, out[i], "reshape size");
            }
        }
        if (inferred >= 0) {
            if (known == 0 || total % known != 0)
                throw GraphError("cannot infer -1 in " + shapeToString(n.attrs.getInts("shape")) + " from input "
                                 + shapeToString(in[0]));
            out[inferred] = total / known;
        } else if (known != total) {
            throw GraphError("cannot reshape " + shapeToString(in[0]) + " (" + std::to_string(total) + " elements) to "
                             + shapeToString(out));
        }
        return {out};
    };
    return s;
}

OpSchema flatten()
{
    OpSchema s{OpType::Flatten, OpCategory::Tensor};
    s.attrs = {{"axis", AttrType::Int, int64_t(1)}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        const int64_t r = int64_t(in[0].size());
        int64_t axis = n.attrs.getInt("axis");
        if (axis < -r || axis > r)
            throw GraphError("attribute 'axis' = " + std::to_string(axis) + " is out of range");
        if (axis < 0)
            axis += r;
        return {{product(in[0], 0, size_t(axis)), product(in[0], size_t(axis), in[0].size())}};
    };
    return s;
}

OpSchema transpose()
{
    OpSchema s{OpType::Transpose, OpCategory::Tensor};
    s.attrs = {{"perm", AttrType::Ints, std::vector<int64_t>{}}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        std::vector<int64_t> perm = n.attrs.getInts("perm");
        if (perm.empty())
            for (size_t i = in[0].size(); i-- > 0;)
                perm.push_back(int64_t(i));
        std::vector<int64_t> sorted = perm;
        std::sort(sorted.begin(), sorted.end());
        for (size_t i = 0; i < sorted.size(); ++i)
            if (sorted[i] != int64_t(i) || sorted.size() != in[0].size())
                throw GraphError("'perm' " + shapeToString(perm) + " is not a permutation of the input's "
                                 + std::to_string(in[0].size()) + " axes");
        Shape out;
        for (int64_t p : perm)
            out.push_back(in[0][size_t(p)]);
        return {out};
    };
    return s;
}

// "attribute 'mode' must be nearest, linear or cubic, got 'area'"
void requireOneOf(const Node &n, const char *attr, const std::vector<std::string> &allowed)
{
    const std::string &value = n.attrs.getString(attr);
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end())
        return;
    std::string names;
    for (size_t i = 0; i < allowed.size(); ++i)
        names += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + allowed[i];
    throw GraphError(std::string("attribute '") + attr + "' must be " + names + ", got '" + value + "'");
}

OpSchema resize()
{
    OpSchema s{OpType::Resize, OpCategory::Tensor};
    s.attrs = {{"scales", AttrType::Floats, std::vector<double>{}},
               {"sizes", AttrType::Ints, std::vector<int64_t>{}},
               {"mode", AttrType::String, std::string("nearest")},
               // ONNX's names and defaults: a model handed back samples as the one given.
               {"coordinate_transformation_mode", AttrType::String, std::string("half_pixel")},
               {"nearest_mode", AttrType::String, std::string("round_prefer_floor")}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        requireRank(in[0], 4, "an NCHW input");
        const auto &scales = n.attrs.getFloats("scales");
        const auto &sizes = n.attrs.getInts("sizes");
        requireOneOf(n, "mode", {"nearest", "linear", "cubic"});
        requireOneOf(n, "coordinate_transformation_mode",
                     {"half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric"});
        requireOneOf(n, "nearest_mode", {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"});
        if (scales.empty() == sizes.empty())
            throw GraphError("exactly one of 'scales' and 'sizes' must be given");
        Shape out = in[0];
        if (!sizes.empty()) {
            if (sizes.size() != 2)
                throw GraphError("'sizes' must list the output height and width");
            requireEach(sizes, "sizes", 1);
            out[2] = sizes[0];
            out[3] = sizes[1];
        } else {
            if (scales.size() != 2)
                throw GraphError("'scales' must list the height and width factors");
            for (int a = 0; a < 2; ++a) {
                const double v = std::floor(double(in[0][2 + a]) * scales[a]);
                if (!(v >= 1 && v <= double(kMaxDimension)))
                    throw GraphError("scale " + std::to_string(scales[a]) + " gives an invalid extent");
                out[2 + a] = int64_t(v);
            }
        }
        return {out};
    };
    return s;
}

OpSchema pad()
{
    OpSchema s{OpType::Pad, OpCategory::Tensor};
    s.attrs = {{"pads", AttrType::Ints, std::nullopt}, // ONNX order: all begins, then all ends
               {"mode", AttrType::String, std::string("constant")},
               {"value", AttrType::Float, 0.0}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        const auto &p = n.attrs.getInts("pads");
        const size_t r = in[0].size();
        if (p.size() != 2 * r)
            throw GraphError("'pads' needs " + std::to_string(2 * r) + " values (begins then ends) for rank "
                             + std::to_string(r) + ", got " + std::to_string(p.size()));
        const std::string &mode = n.attrs.getString("mode");
        if (mode != "constant" && mode != "reflect" && mode != "edge")
            throw GraphError("attribute 'mode' must be constant, reflect or edge, got '" + mode + "'");
        requireEach(p, "pads", 0);
        Shape out = in[0];
        for (size_t i = 0; i < r; ++i)
            out[i] = in[0][i] + p[i] + p[i + r];
        return {out};
    };
    return s;
}

OpSchema reduceMean()
{
    OpSchema s{OpType::ReduceMean, OpCategory::Tensor};
    s.attrs = {{"axes", AttrType::Ints, std::nullopt}, {"keepdims", AttrType::Bool, true}};
    s.inferShapes = [](const Node &n, const std::vector<Shape> &in) -> std::vector<Shape> {
        std::vector<bool> reduced(in[0].size(), false);
        for (int64_t a : n.attrs.getInts("axes"))
            reduced[size_t(normalizeAxis(a, in[0].size(), "axes"))] = true;
        Shape out;
        for (size_t i = 0; i < in[0].size(); ++i) {
            if (!reduced[i])
                out.push_back(in[0][i]);
            else if (n.attrs.getBool("keepdims"))
                out.push_back(1);
        }
        return {out};
    };
    return s;
}

} // namespace

void registerTensorOps(std::vector<OpSchema> &table)
{
    table.push_back(constant());
    table.push_back(concat());
    table.push_back(split());
    table.push_back(slice());
    table.push_back(channelShuffle());
    table.push_back(reshape());
    table.push_back(flatten());
    table.push_back(transpose());
    table.push_back(resize());
    table.push_back(pad());
    table.push_back(reduceMean());
}

} // namespace calibra::graph
