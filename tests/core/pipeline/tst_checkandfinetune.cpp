// SPDX-License-Identifier: GPL-3.0-or-later
// A finetune's data: the reference once (validated again only when the check did not
// sample it), the check's networks, and none of it when too few would be held out.
#include "graph/NetworkFile.h"
#include "hardware/Lowering.h"
#include "model/ShippedModel.h"
#include "pipeline/CheckAndFinetune.h"
#include "predictor/Features.h"
#include "validate/SimulatorValidator.h"

#include <QTest>

using namespace calibra;
using namespace calibra::pipeline;

namespace {

// Counts what it is asked to validate, then simulates it.
class CountingValidator final : public validate::Validator
{
public:
    explicit CountingValidator(const hardware::Platform &platform) : m_simulator(platform) {}
    std::string backendId() const override { return m_simulator.backendId(); }
    std::vector<validate::Metrics> validate(const std::vector<validate::ValidationRequest> &batch,
                                            const std::atomic<bool> *cancel) override
    {
        for (const auto &request : batch)
            names.push_back(request.network->name);
        return m_simulator.validate(batch, cancel);
    }
    std::vector<std::string> names;

private:
    validate::SimulatorValidator m_simulator;
};

struct Fixture
{
    Project project;
    graph::Network reference = graph::loadNetwork("builtin:resnet_fmnist");
    hardware::Platform platform = hardware::loadPlatform("builtin:edge-npu-s");
    hardware::TargetSetting setting = hardware::defaultSetting(platform);
    CheckContext context{project, reference, platform, setting};

    Fixture()
    {
        project.aggPredefined = project.aggOperations = project.aggStructural = 0;
        project.referenceModels.clear();
    }

    // `networks` validated as a check would have validated them.
    std::vector<model::Sample> validated(const std::vector<std::string> &networks)
    {
        std::vector<std::shared_ptr<const graph::Network>> nets;
        for (const std::string &n : networks)
            nets.push_back(std::make_shared<graph::Network>(graph::loadNetwork(n)));
        validate::SimulatorValidator simulator(platform);
        return validateForCheck(context, simulator, nets, "check", nullptr).samples;
    }

    FinetuneOutcome finetune(validate::Validator &validator, const std::vector<model::Sample> &samples, int *announced)
    {
        model::PerformanceModel model = model::loadModel(model::kShippedModel);
        return finetuneOnCheck(
            context, model, validator, samples, CheckStage::Pre, FinetunePolicy::WhenFailed, 0,
            [announced](int networks, int, int) { *announced = networks; }, [] {}, nullptr);
    }
};

const std::vector<std::string> kOthers{"builtin:mobilenet_v2_fmnist", "builtin:mobilenet_v2_cifar", "builtin:vit_small",
                                       "builtin:resnet18", "builtin:espcn_x3"};

} // namespace

class TestCheckAndFinetune : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theReferenceIsValidatedAndAddedWhenNotSampled()
    {
        Fixture f;
        CountingValidator validator(f.platform);
        int announced = 0;
        const FinetuneOutcome out = f.finetune(validator, f.validated(kOthers), &announced);
        QCOMPARE(announced, 6);
        QCOMPARE(int(validator.names.size()), 1);
        QCOMPARE(validator.names.front(), f.reference.name);
        QCOMPARE(out.summary.composition.reference, 1);
        QCOMPARE(out.summary.composition.subnetworks, 5);
        QVERIFY(out.summary.method != kFinetuneNotMade);
    }

    // A check that sampled the reference itself: the set holds it once, and it is not
    // validated again.
    void aSampledReferenceJoinsTheSetOnce()
    {
        Fixture f;
        std::vector<std::string> sample = kOthers;
        sample.push_back("builtin:resnet_fmnist");
        CountingValidator validator(f.platform);
        int announced = 0;
        const FinetuneOutcome out = f.finetune(validator, f.validated(sample), &announced);
        QCOMPARE(announced, 6);
        QVERIFY(validator.names.empty());
        QCOMPARE(out.summary.composition.reference, 1);
        QCOMPARE(out.summary.composition.subnetworks, 5);
        QCOMPARE(out.report.trainSamples + out.report.heldOutSamples, 6);
    }

    // At the boundary: four other networks and the reference make five, enough to
    // finetune; three others and the reference among the four sampled make four, too few.
    void theSampledReferenceCountsOnce()
    {
        Fixture f;
        CountingValidator validator(f.platform);
        int announced = -1;
        const std::vector<std::string> four(kOthers.begin(), kOthers.begin() + 4);
        QVERIFY(!f.finetune(validator, f.validated(four), &announced).report.tooFewToJudge);
        QCOMPARE(announced, 5);
        std::vector<std::string> withReference(kOthers.begin(), kOthers.begin() + 3);
        withReference.push_back("builtin:resnet_fmnist");
        QVERIFY(f.finetune(validator, f.validated(withReference), &announced).report.tooFewToJudge);
    }

    // Three sampled networks and the reference are too few to hold any out: nothing is
    // validated and no finetune is made, also when the reference is one of the three.
    void tooFewAreNotFinetunedOn()
    {
        for (const bool withReference : {false, true}) {
            Fixture f;
            std::vector<std::string> sample(kOthers.begin(), kOthers.begin() + 3);
            if (withReference)
                sample.back() = "builtin:resnet_fmnist";
            CountingValidator validator(f.platform);
            int announced = -1;
            const FinetuneOutcome out = f.finetune(validator, f.validated(sample), &announced);
            QVERIFY(out.report.tooFewToJudge);
            QCOMPARE(out.summary.method, std::string(kFinetuneNotMade));
            QVERIFY(validator.names.empty());
            QCOMPARE(announced, -1);
        }
    }
};

QTEST_GUILESS_MAIN(TestCheckAndFinetune)
#include "tst_checkandfinetune.moc"
