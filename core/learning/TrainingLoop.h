// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What stand-alone training and one-shot supernet training share: shuffled mini-batches,
// the learning-rate schedule and the loss summary. Internal to the learning library
// (includes LibTorch).
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

namespace calibra::learning {

// Mini-batches of `batch` images out of the first `images`, in an order reshuffled at
// the start of every epoch. The random stream is shared with the caller (the one-shot
// trainer also samples sub-networks from it).
class ShuffledBatches
{
public:
    // Fewer images than a batch make one batch of all of them (never a read past the set).
    ShuffledBatches(int64_t images, int64_t batch, uint64_t seed)
        : m_batch(std::min(batch, images)),
          m_stepsPerEpoch(std::max<int64_t>(1, images / std::max<int64_t>(1, m_batch))),
          m_order(static_cast<size_t>(images)), m_rng(seed)
    {
        std::iota(m_order.begin(), m_order.end(), 0);
    }
    int64_t stepsPerEpoch() const { return m_stepsPerEpoch; }
    std::mt19937_64 &rng() { return m_rng; }
    std::vector<int64_t> batch(int64_t step)
    {
        if (step % m_stepsPerEpoch == 0)
            std::shuffle(m_order.begin(), m_order.end(), m_rng);
        const auto first = m_order.begin() + (step % m_stepsPerEpoch) * m_batch;
        return {first, first + m_batch};
    }

private:
    int64_t m_batch, m_stepsPerEpoch;
    std::vector<int64_t> m_order;
    std::mt19937_64 m_rng;
};

// The batches BatchNorm statistics are recalibrated on: consecutive runs of `batch`
// indices out of the first min(images, available), as many whole batches as fit, and one
// batch of all of them when fewer than `batch` are available (never an index past the
// set). With at least `batch` images: floor(n / batch) batches of `batch`.
inline std::vector<std::vector<int64_t>> calibrationBatches(int64_t images, int64_t available, int64_t batch = 128)
{
    const int64_t n = std::max<int64_t>(0, std::min(images, available));
    const int64_t size = std::min(std::max<int64_t>(1, batch), n);
    std::vector<std::vector<int64_t>> out(size_t(size > 0 ? n / size : 0), std::vector<int64_t>(size_t(size)));
    for (size_t b = 0; b < out.size(); ++b)
        std::iota(out[b].begin(), out[b].end(), int64_t(b) * size);
    return out;
}

// Linear warm-up over `warmup` steps (0: none), then cosine decay from `base` to zero
// over `steps`.
inline double cosineLearningRate(double base, int64_t step, int64_t steps, int64_t warmup = 0)
{
    if (step < warmup)
        return base * double(step + 1) / double(warmup);
    return 0.5 * base * (1 + std::cos(M_PI * double(step) / double(steps)));
}

inline void setLearningRate(torch::optim::SGD &optimizer, double lr)
{
    for (auto &group : optimizer.param_groups())
        static_cast<torch::optim::SGDOptions &>(group.options()).lr(lr);
}

// Mean loss of the first and of the last tenth of the steps ({0, 0} without steps).
inline std::pair<double, double> firstAndLastTenth(const std::vector<double> &losses)
{
    if (losses.empty())
        return {0, 0};
    const size_t tenth = std::max<size_t>(1, losses.size() / 10);
    return {std::accumulate(losses.begin(), losses.begin() + long(tenth), 0.0) / double(tenth),
            std::accumulate(losses.end() - long(tenth), losses.end(), 0.0) / double(tenth)};
}

} // namespace calibra::learning
