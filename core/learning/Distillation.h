// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// In-place distillation's loss (BigNAS, OFA): the cross entropy of a sub-network's
// logits against the class probabilities the largest sub-network gave the same batch.
// Internal to the learning library (includes LibTorch).
#include <torch/torch.h>

namespace calibra::learning {

// Mean over the batch of -sum_c teacher[c] * log softmax(logits)[c]. `teacher` is a
// fixed target (detached): its gradient is softmax(logits) - teacher, per sample / N.
inline torch::Tensor distillationLoss(const torch::Tensor &logits, const torch::Tensor &teacher)
{
    return -(teacher * torch::log_softmax(logits, 1)).sum(1).mean();
}

} // namespace calibra::learning
