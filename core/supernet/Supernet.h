// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A supernet derived from a reference network: the reference IR plus choice points where
// shapes allow variation. A sub-network is a genotype (one option index per choice
// point); decoding applies the options to a copy of the reference. All options are
// shape-safe by construction, so every genotype decodes to a valid network.
//
// Choice points found (docs/supernet.md):
//  - kernel size of "same"-padded convolutions (3, 5, 7);
//  - width: an expansion conv feeding a depthwise conv (inverted residual: ratios of the
//    block input channels), or a conv feeding another conv through element-wise layers
//    (0.5, 0.75, 1.0 of its width); every tensor carrying those channels follows (depthwise
//    convs, a squeeze-and-excitation branch's last conv), else the width is not offered;
//  - depth: a residual block (x + f(x) with f private to the block) can be skipped;
//  - input resolution of fully convolutional networks;
//  - operation substitutions (opt-in, `substitutions`): a conv <-> a depthwise-separable
//    pair (a depthwise conv and the 1x1 conv after it merge into one dense conv), a
//    depthwise conv without a 1x1 conv after it -> a dense conv, a transposed conv <-> a
//    conv followed by depth-to-space.
#include "graph/Network.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace calibra::supernet {

enum class ChoiceKind { Kernel, Width, Depth, Resolution, Operation };

// What an Operation choice puts in place of the reference's operation (option 1).
enum class Substitution {
    SeparableConv,    // k x k conv -> k x k depthwise conv + 1 x 1 conv
    DenseConv,        // k x k depthwise conv -> k x k conv (all input channels)
    ConvDepthToSpace, // transposed conv (stride s) -> 3 x 3 conv to C*s*s channels + depth-to-space(s)
    TransposedConv,   // conv + depth-to-space(b) -> transposed conv (kernel b, stride b)
    MergedConv,       // k x k depthwise conv [-> norm/activation] -> 1 x 1 conv: one k x k conv
};
const char *substitutionName(Substitution s);
const char *choiceKindName(ChoiceKind kind);

struct ChoicePoint
{
    ChoiceKind kind;
    std::string name;             // the node (or block) it applies to
    std::vector<int64_t> options; // kernel sizes, channel counts, {1 keep, 0 skip}, resolutions
    int referenceOption = 0;      // the option the reference network uses
    // Nodes the choice edits: Kernel: {conv}; Width: {conv, its followers, then the convs
    // that read the width}; Depth: {add, then the branch's nodes}; Resolution: {};
    // Operation: {the op, and for TransposedConv the depth-to-space it absorbs, for
    // MergedConv the nodes up to the 1x1 conv it absorbs}.
    std::vector<int> nodes;
    Substitution substitution = Substitution::SeparableConv; // Operation: options {0 keep, 1 substitute}
    // Width: the other convs whose output channels follow the width, because their output
    // meets the conv's channels: the depthwise convs on the way, and the last conv of a
    // branch that scales or adds to those channels (squeeze-and-excitation's expand conv).
    std::vector<int> followers;
};

using Genotype = std::vector<int>;
// The text form a run store, a report and the CLI keep: "0 2 1 ...".
std::string genotypeText(const Genotype &g);
class Supernet;
// What a genotype means: every choice point's kind, node and options, as a hex digest.
// Runs store genotypes as option indices; a supernet derived otherwise (another version
// of Calibra, other options) would decode them to other networks.
std::string searchSpaceFingerprint(const Supernet &s);
Genotype genotypeFromText(const std::string &text); // what does not read as a number ends it

// What the supernet offers; the defaults follow Once-for-All. Configurable per project.
struct SupernetOptions
{
    std::vector<int64_t> kernels{3, 5, 7};                               // odd, >= 3
    std::vector<double> expandRatios{3, 4, 6};                           // expansion convs, x block input channels
    std::vector<double> widthRatios{0.5, 0.75, 1.0};                     // other conv -> conv widths, x the reference
    bool depth = true;                                                   // residual blocks may be skipped
    std::vector<double> resolutionScales{0.75, 0.875, 1.0, 1.125, 1.25}; // empty: fixed resolution
    // Operation substitutions. Off by default: they enlarge the space and the one-shot
    // training (a second set of weights for the substitutes).
    bool substitutions = false;
    bool operator==(const SupernetOptions &) const = default;
};

class Supernet
{
public:
    explicit Supernet(graph::Network reference, SupernetOptions options = {});
    const SupernetOptions &options() const { return m_options; }

    const graph::Network &reference() const { return m_reference; }
    const std::vector<ChoicePoint> &choices() const { return m_choices; }

    Genotype referenceGenotype() const;
    Genotype largestGenotype() const;  // largest kernels, widths, all blocks, largest resolution, reference ops
    Genotype smallestGenotype() const; // reference ops too: a substitute is not smaller everywhere (canonical)
    // The same sub-network with every gene that has no effect (a choice inside a skipped
    // block) at its reference option: two genotypes decode to the same network exactly
    // when their canonical forms are equal, so a search keeps its population distinct by
    // this form rather than filling it with copies of one network.
    Genotype canonical(const Genotype &g) const;
    Genotype sample(std::mt19937_64 &rng) const; // uniform over the space
    // A random sub-network leaning toward the smallest (size 0) or the largest (size 1):
    // each kernel and width option is drawn binomially around that share of its range,
    // each block kept with probability `size`. The input resolution and operations stay
    // uniform: the resolution is the input's, not the model's capacity (coupling them
    // searched worse, docs/benchmarks.md), and a substitute is not smaller everywhere.
    Genotype sampleAtSize(double size, std::mt19937_64 &rng) const;
    Genotype mutate(const Genotype &g, double probability, std::mt19937_64 &rng) const;
    Genotype crossover(const Genotype &a, const Genotype &b, std::mt19937_64 &rng) const;
    bool isValid(const Genotype &g) const;

    // Throws graph::GraphError for an invalid genotype (wrong length or option index).
    graph::Network decode(const Genotype &g) const;

    double log10SpaceSize() const;
    std::string describe(const Genotype &g) const; // "k5 w96 skip sep ..." per choice point
    bool hasSubstitutions() const;

private:
    graph::Network m_reference;
    SupernetOptions m_options;
    std::vector<ChoicePoint> m_choices;
};

} // namespace calibra::supernet
