// SPDX-License-Identifier: GPL-3.0-or-later
#include "Events.h"

#include <algorithm>

namespace calibra::pipeline {

// Words that events pass as arguments from elsewhere (modes, what an estimate is), and
// templates only older runs use, listed here so that lupdate finds them; the GUI
// translates them like the templates.
[[maybe_unused]] const char *const kEventWords[] = {
    // Templates that runs recorded before keep in their stores (reopened, still translated).
    QT_TRANSLATE_NOOP("calibra::TranslatableText", " (%1, and %2 more)"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", " (%1)"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "accuracy estimator before the search: %1"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "; NOT TRUSTWORTHY: %1"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1: Spearman rho %2"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "pre"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "post"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "both"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "offline"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "online"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "NASWOT score"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "log10 parameters"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "true-class probability"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "accuracy"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "estimate"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "final model"),
    QT_TRANSLATE_NOOP("calibra::TranslatableText", "baseline (the smallest sub-network)"),
};

const char *eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Started: return "started";
    case EventKind::SupernetTraining: return "supernet-training";
    case EventKind::GenerationFinished: return "generation";
    case EventKind::AccuracyCheck: return "check";
    case EventKind::FinetuneStarted: return "finetune-started";
    case EventKind::FinetuneFinished: return "finetune-finished";
    case EventKind::SearchRerun: return "search-rerun";
    case EventKind::FinalTraining: return "final-training";
    case EventKind::FinalModel: return "final-model";
    case EventKind::Warning: return "warning";
    case EventKind::Failed: return "failed";
    case EventKind::Cancelled: return "cancelled";
    case EventKind::Finished: return "finished";
    }
    return "?";
}

const char *checkStageName(CheckStage s)
{
    switch (s) {
    case CheckStage::Pre: return "pre";
    case CheckStage::Post: return "post";
    case CheckStage::Online: return "online";
    }
    return "?";
}

bool parseCheckStage(const std::string &name, CheckStage *out)
{
    for (CheckStage s : {CheckStage::Pre, CheckStage::Post, CheckStage::Online})
        if (name == checkStageName(s)) {
            *out = s;
            return true;
        }
    return false;
}

const char *checkDecisionName(CheckDecision d)
{
    switch (d) {
    case CheckDecision::Bypass: return "bypass";
    case CheckDecision::Finetune: return "finetune";
    case CheckDecision::WouldFinetune: return "would finetune";
    case CheckDecision::Retrain: return "retrain";
    }
    return "?";
}

bool parseCheckDecision(const std::string &name, CheckDecision *out)
{
    for (CheckDecision d :
         {CheckDecision::Bypass, CheckDecision::Finetune, CheckDecision::WouldFinetune, CheckDecision::Retrain})
        if (name == checkDecisionName(d)) {
            *out = d;
            return true;
        }
    return false;
}

const char *validationPurposeName(ValidationPurpose p)
{
    switch (p) {
    case ValidationPurpose::Check: return "check";
    case ValidationPurpose::Finetune: return "finetune";
    case ValidationPurpose::Generation: return "generation";
    case ValidationPurpose::Final: return "final";
    }
    return "?";
}

bool parseValidationPurpose(const std::string &name, ValidationPurpose *out)
{
    for (int k = 0; k < kValidationPurposeCount; ++k)
        if (name == validationPurposeName(ValidationPurpose(k))) {
            *out = ValidationPurpose(k);
            return true;
        }
    return false;
}

int ValidationCounts::total() const
{
    int n = unrecorded;
    for (int c : byPurpose)
        n += c;
    return n;
}

std::string validationBreakdown(const ValidationCounts &counts)
{
    TranslatableText text;
    addValidationBreakdown(text, counts);
    return text.english();
}

void addValidationBreakdown(TranslatableText &text, const ValidationCounts &counts)
{
    static const char *const kWhat[kValidationPurposeCount + 1] = {
        QT_TRANSLATE_NOOP("calibra::TranslatableText", "checks"),
        QT_TRANSLATE_NOOP("calibra::TranslatableText", "finetunes"),
        QT_TRANSLATE_NOOP("calibra::TranslatableText", "per generation"),
        QT_TRANSLATE_NOOP("calibra::TranslatableText", "final model"),
        QT_TRANSLATE_NOOP("calibra::TranslatableText", "purpose not recorded")};
    bool first = true;
    for (int k = 0; k <= kValidationPurposeCount; ++k) {
        const int n = k < kValidationPurposeCount ? counts.byPurpose[size_t(k)] : counts.unrecorded;
        if (n == 0)
            continue;
        text.add(first ? QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1 %2")
                       : QT_TRANSLATE_NOOP("calibra::TranslatableText", ", %1 %2"),
                 {TranslatableText::word(kWhat[k]), TranslatableText::number(n)});
        first = false;
    }
    if (first)
        text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "none"));
}

PopulationStats populationStats(const search::Generation &g, const search::Constraints &constraints)
{
    PopulationStats st;
    st.size = int(g.population.size());
    if (g.evaluations.empty())
        return st;
    st.minLatencyMs = g.evaluations.front().latencyMs;
    for (const search::Evaluation &e : g.evaluations) {
        if (constraints.violation(e) == 0) {
            st.bestAccuracy = st.bestAccuracy ? std::max(*st.bestAccuracy, e.accuracy) : e.accuracy;
            ++st.feasible;
        }
        st.minLatencyMs = std::min(st.minLatencyMs, e.latencyMs);
        st.meanLatencyMs += e.latencyMs;
        st.meanPowerMw += e.powerMw;
        st.meanDramBytes += e.dramBytes;
    }
    const double n = double(g.evaluations.size());
    st.meanLatencyMs /= n;
    st.meanPowerMw /= n;
    st.meanDramBytes /= n;
    return st;
}

TranslatableText generationSummary(int search, int generation, const PopulationStats &st, const char *estimateNoun)
{
    TranslatableText text;
    if (st.bestAccuracy)
        text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                   "search %1 generation %2: %3 feasible of %4, best %5 %6, predicted latency "
                                   "%7 ms fastest, %8 ms mean"),
                 {TranslatableText::number(search), TranslatableText::number(generation),
                  TranslatableText::number(st.feasible), TranslatableText::number(st.size),
                  TranslatableText::word(estimateNoun), TranslatableText::number(*st.bestAccuracy, "%.4g"),
                  TranslatableText::number(st.minLatencyMs, "%.3f"),
                  TranslatableText::number(st.meanLatencyMs, "%.3f")});
    else // no best to name: a figure here would read as an infeasible member's estimate
        text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                   "search %1 generation %2: none feasible of %3, predicted latency %4 ms fastest, "
                                   "%5 ms mean"),
                 {TranslatableText::number(search), TranslatableText::number(generation),
                  TranslatableText::number(st.size), TranslatableText::number(st.minLatencyMs, "%.3f"),
                  TranslatableText::number(st.meanLatencyMs, "%.3f")});
    return text;
}

namespace {
const char *const kFinalModelFlag = QT_TRANSLATE_NOOP("calibra::TranslatableText", "final model: ");
}

TranslatableText finalModelFlagWarning(const TranslatableText &flag)
{
    return TranslatableText().add(kFinalModelFlag).append(flag);
}

std::vector<TranslatableText> finalModelFlags(const std::vector<Event> &events)
{
    std::vector<TranslatableText> out;
    const auto keep = [&out](TranslatableText flag) {
        // A run resumed after its final model was judged says its flags again.
        for (const TranslatableText &f : out)
            if (f.english() == flag.english())
                return;
        out.push_back(std::move(flag));
    };
    const std::string prefix = kFinalModelFlag;
    for (const Event &e : events) {
        if (e.kind != EventKind::Warning)
            continue;
        const std::vector<TextPart> &parts = e.text.parts();
        if (parts.empty()) { // a run recorded before warnings had texts: its English message
            if (e.message.rfind(prefix, 0) == 0)
                keep(TranslatableText().addUntranslated(e.message.substr(prefix.size())));
            continue;
        }
        if (parts.front().templ != kFinalModelFlag)
            continue;
        TranslatableText flag;
        for (size_t i = 1; i < parts.size(); ++i)
            flag.add(parts[i].templ.c_str(), parts[i].args);
        keep(std::move(flag));
    }
    return out;
}

} // namespace calibra::pipeline
