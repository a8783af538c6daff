// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small networks and small runs for the tests and benchmarks (the pipeline's, the run
// store's, the services', the GUI's run views): quick to simulate and train, each width a
// different network (content hash).
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "pipeline/Pipeline.h"
#include "project/Project.h"

#include <QDir>

#include <memory>
#include <string>

inline std::shared_ptr<calibra::graph::Network> smallCnn(int width, int64_t size = 28, int64_t channels = 1)
{
    using calibra::graph::OpType;
    calibra::graph::NetworkBuilder b("cnn" + std::to_string(width));
    auto x = b.input("image", {1, channels, size, size});
    x = b.activation(OpType::ReLU, b.conv(x, "c1", width, 3, 2), "a1");
    x = b.activation(OpType::ReLU, b.conv(x, "c2", width * 2, 3, 2), "a2");
    x = b.op(OpType::GlobalAveragePool, "gap", {x});
    x = b.op(OpType::Flatten, "flat", {x});
    return std::make_shared<calibra::graph::Network>(b.build({b.linear(x, "fc", 10)}));
}

// A residual CNN on Fashion-MNIST-sized input: two skippable blocks, so its supernet has
// depth, kernel and width choices (tst_pipeline, tst_pipelineflow).
inline calibra::graph::Network smallResNet()
{
    using calibra::graph::OpType;
    calibra::graph::NetworkBuilder b("small_resnet");
    auto x = b.input("image", {1, 1, 28, 28});
    x = b.activation(OpType::ReLU, b.batchNorm(b.conv(x, "stem.conv", 16, 3, 2), "stem.bn"), "stem.act");
    for (int i = 0; i < 2; ++i) {
        const std::string p = "block" + std::to_string(i);
        auto y = b.activation(OpType::ReLU, b.batchNorm(b.conv(x, p + ".conv1", 32, 3), p + ".bn1"), p + ".act1");
        y = b.batchNorm(b.conv(y, p + ".conv2", 16, 3), p + ".bn2");
        x = b.activation(OpType::ReLU, b.add(x, y, p + ".add"), p + ".act");
    }
    x = b.op(OpType::GlobalAveragePool, "gap", {x});
    x = b.op(OpType::Flatten, "flat", {x});
    return b.build({b.linear(x, "fc", 10)});
}

// A short search (mode both, population 8, 2 generations, parameter-count estimator, no
// final training) whose accuracy checks always fail, so that it finetunes and re-runs:
// many validations in a few seconds. `reference` is a network file.
inline calibra::pipeline::Project failingChecksProject(const std::string &name, const std::string &reference)
{
    calibra::pipeline::Project p;
    p.name = name;
    p.reference = reference;
    p.platform = "builtin:edge-npu-s";
    p.estimator = calibra::supernet::EstimatorKind::Params;
    p.mode = calibra::pipeline::Mode::Both;
    for (auto &t : p.thresholds.metric)
        t = calibra::predictor::MetricThresholds{1.0, 0.0, 1.0};
    p.checkSamples = 6;
    p.aggPredefined = p.aggOperations = p.aggStructural = 1;
    p.search.population = 8;
    p.search.generations = 2;
    p.finalTraining.epochs = 0;
    return p;
}

// A project of smallResNet(), written to DIR/small.yaml, on edge-npu-s: population 8, 2
// generations, 8 check samples, 2+2+2 AGG models, no final training (tst_pipeline,
// tst_pipelineflow).
inline calibra::pipeline::Project smallResNetProject(const QString &dir, const std::string &name)
{
    calibra::graph::saveNetwork(smallResNet(), QDir(dir).filePath("small.yaml").toStdString());
    calibra::pipeline::Project p;
    p.name = name;
    p.file = QDir(dir).filePath("project.yaml").toStdString();
    p.reference = "small.yaml"; // relative to the project file
    p.platform = "builtin:edge-npu-s";
    p.checkSamples = 8;
    p.aggPredefined = p.aggOperations = p.aggStructural = 2;
    p.search.population = 8;
    p.search.generations = 2;
    p.finalTraining.epochs = 0;
    return p;
}

// `p` searching one generation on a one-shot supernet trained for a few steps.
inline calibra::pipeline::Project withSmallOneShot(calibra::pipeline::Project p,
                                                   calibra::supernet::EstimatorKind estimator)
{
    p.estimator = estimator;
    p.oneShot.steps = 6;
    p.oneShot.batchSize = 32;
    p.oneShot.randomPerStep = 1;
    p.oneShotTestImages = 64;
    p.search.generations = 1;
    return p;
}

// `base` in `mode` with thresholds every check passes, or none does.
inline calibra::pipeline::Project withChecks(calibra::pipeline::Project p, calibra::pipeline::Mode mode,
                                             bool checksPass)
{
    using calibra::predictor::MetricThresholds;
    p.mode = mode;
    for (auto &t : p.thresholds.metric)
        t = checksPass ? MetricThresholds{0.0, 100.0, -1.0} : MetricThresholds{1.0, 0.0, 1.0};
    p.thresholds.minDecisionAgreement = checksPass ? 0.0 : 1.0;
    return p;
}

// Runs `p` into `directory`, collecting its events.
inline calibra::pipeline::RunResult runCollecting(const calibra::pipeline::Project &p, const QString &directory,
                                                  std::vector<calibra::pipeline::Event> *events = nullptr)
{
    calibra::pipeline::Pipeline pipe(p, directory.toStdString());
    return pipe.run(nullptr, [&](const calibra::pipeline::Event &e) {
        if (events)
            events->push_back(e);
    });
}

// `p` with a final training that leaves the model at chance: one epoch at learning rate 0
// on 64 images, tested on 1,000 (a result that must be flagged, never a plain success).
inline calibra::pipeline::Project withFinalModelAtChance(calibra::pipeline::Project p)
{
    p.finalTraining.epochs = 1;
    p.finalTraining.learningRate = 0;
    p.finalTraining.maxTrainImages = 64;
    p.finalTraining.maxTestImages = 1000;
    p.finalTraining.batchSize = 32;
    return p;
}
