// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The log line of an accuracy check: its stage and sample, the shares within 10%, the
// decision agreement, what it decided and, when it failed, why.
#include "Events.h"

namespace calibra::pipeline {

// The stage as the reader sees it ("pre", "post", "online", translated).
TextArg checkStageWord(CheckStage stage);

// `leftOutFinetuned`: sub-networks the sample left out because earlier finetunes used them.
TranslatableText checkText(const CheckSummary &check, int leftOutFinetuned);

} // namespace calibra::pipeline
