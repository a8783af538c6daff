// SPDX-License-Identifier: GPL-3.0-or-later
// Accuracy-estimator benchmark (issue: supernet, accuracy side). Tables:
//  1. cost of one NASWOT estimate and of a training step for sub-networks of the demo
//     supernet (MobileNetV2-CIFAR) on 2 cores;
//  2. Spearman rho between NASWOT and stand-alone trained test accuracy on N sampled
//     sub-networks (each trained from scratch on a Fashion-MNIST subset);
//  3. the largest and reference sub-networks trained longer: test accuracy on the
//     10,000 Fashion-MNIST test images.
//  4. the weight-sharing supernet of the demo project, trained as the demo trains it;
//     Kendall tau and Spearman rho between one-shot accuracy (inherited weights) and
//     stand-alone accuracy (trained from scratch with the demo's final-training schedule)
//     over the largest, the smallest and N-2 random sub-networks.
// Usage: bench_estimator [--quick] [--only cost|rho|train|oneshot] [--networks N] [--images N]
//        [--oneshot-steps N] [--oneshot-seed N] [--distill 0|1] [--warmup-percent P] [--alone-epochs N] [--checkpoint PATH]
//        [--alone-cache PATH] [--alone-seeds K] [--eval-images N] [--calibration-images N]
//        [--score accuracy|loss|likelihood]   (loss: ranked by the negative mean cross-entropy;
//        likelihood: exp of that, the oneshot-likelihood estimator's figure, the same order)
//        [--estimate-on held-out|test] [--smallest 0|1] [--random-per-step N]
#include "graph/Cost.h"
#include "graph/NetworkBuilder.h"
#include "predictor/AccuracyCheck.h"
#include "model/PerformanceModel.h"
#include "project/Project.h"
#include "pipeline/RunStore.h"
#include "graph/NetworkFile.h"
#include "learning/AccuracyEstimator.h"
#include "learning/OneShot.h"
#include "supernet/Supernet.h"
#include "learning/Training.h"

#include "BenchArgs.h"

#include <QCoreApplication>
#include <QFile>

#include <cmath>

#include <chrono>
#include <cstdio>
#include <random>

using namespace calibra;
using namespace calibra::supernet;
using namespace calibra::learning;
using Clock = std::chrono::steady_clock;

namespace {
double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}
} // namespace

static int benchMain(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool quick = args.contains("--quick");
    const auto valueOf = [&](const char *name, int fallback) { return bench::intOption(args, name, fallback); };
    const QString only = bench::textOption(args, "--only");
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // tables appear as they are measured, also when piped

    const auto data = std::make_shared<TrainTestSplit>(loadDataset("fashion-mnist"));
    const Supernet s(graph::buildMobileNetV2(32, 10, true));
    auto naswot = makeNaswotEstimator(data->train, {32, 1});
    std::mt19937_64 rng(11);

    if (only.isEmpty() || only == "cost") {
        std::printf("\n1. cost per sub-network (2 cores)\n");
        std::printf("%-20s %-10s %10s %8s %14s %18s\n", "supernet", "subnet", "MACs", "input", "NASWOT (ms)",
                    "train step b128 (ms)");
        const Supernet fmnist(graph::buildMobileNetV2Fmnist());
        for (const Supernet *sup : {&s, &fmnist}) {
            for (const auto &[name, g] :
                 std::vector<std::pair<const char *, Genotype>>{{"smallest", sup->smallestGenotype()},
                                                                {"reference", sup->referenceGenotype()},
                                                                {"largest", sup->largestGenotype()}}) {
                graph::Network net = sup->decode(g);
                naswot->estimate(net); // warm-up
                auto t = Clock::now();
                const int reps = 3;
                for (int i = 0; i < reps; ++i)
                    naswot->estimate(net);
                const double ms = since(t) * 1000 / reps;
                TrainingOptions o;
                o.maxTrainImages = 128 * 2;
                o.maxTestImages = 1;
                t = Clock::now();
                const TrainingResult r = trainNetwork(net, *data, o);
                std::printf("%-20s %-10s %9.1fM %8lld %14.1f %18.1f\n", sup->reference().name.c_str(), name,
                            double(graph::networkCost(net).total.macs) / 1e6,
                            static_cast<long long>(net.inputs[0].shape[2]), ms, since(t) * 1000 / std::max(1, r.steps));
            }
        }
    }

    if (only.isEmpty() || only == "rho") {
        const int n = valueOf("--networks", quick ? 6 : 12);
        const int images = valueOf("--images", quick ? 2048 : 12000);
        std::printf("\n2. NASWOT against stand-alone training (%d sub-networks, %d training images, 1 epoch, "
                    "2,000 test images)\n",
                    n, images);
        std::printf("%3s %10s %10s %12s %8s\n", "#", "MACs", "NASWOT", "accuracy", "train s");
        std::vector<double> scores, accuracies;
        TrainingOptions o;
        o.maxTrainImages = images;
        o.maxTestImages = 2000;
        for (int i = 0; i < n; ++i) {
            graph::Network net = s.decode(s.sample(rng));
            const double score = naswot->estimate(net);
            const TrainingResult r = trainNetwork(net, *data, o);
            scores.push_back(score);
            accuracies.push_back(r.testAccuracy);
            std::printf("%3d %9.1fM %10.1f %11.2f%% %8.0f\n", i, double(graph::networkCost(net).total.macs) / 1e6,
                        score, r.testAccuracy * 100, r.seconds);
            std::fflush(stdout);
        }
        std::printf("Spearman rho (NASWOT, trained accuracy) = %.3f, Kendall tau = %.3f\n",
                    predictor::spearmanRho(scores, accuracies), predictor::kendallTau(scores, accuracies));
    }

    if (only.isEmpty() || only == "train") {
        const int epochs = valueOf("--epochs", quick ? 1 : 3);
        const int images = valueOf("--train-images", quick ? 6000 : 0);
        std::printf("\n3. stand-alone training (%d epoch(s), %s training images, all 10,000 test images)\n", epochs,
                    images ? std::to_string(images).c_str() : "all 60,000");
        std::printf("%-10s %10s %12s %10s\n", "subnet", "MACs", "accuracy", "seconds");
        for (const auto &[name, g] : std::vector<std::pair<const char *, Genotype>>{
                 {"smallest", s.smallestGenotype()}, {"reference", s.referenceGenotype()}}) {
            graph::Network net = s.decode(g);
            TrainingOptions o;
            o.epochs = epochs;
            o.maxTrainImages = images;
            const TrainingResult r = trainNetwork(net, *data, o, nullptr, [](const TrainingProgress &p) {
                if (p.step % 100 == 0)
                    std::fprintf(stderr, "\r  step %d/%d loss %.3f", p.step, p.steps, p.loss);
            });
            std::fprintf(stderr, "\n");
            std::printf("%-10s %9.1fM %11.2f%% %10.0f\n", name, double(graph::networkCost(net).total.macs) / 1e6,
                        r.testAccuracy * 100, r.seconds);
        }
    }
    if (only == "oneshot") { // long: run on its own
        // The demo project's network, supernet and one-shot training, as `calibra-cli run`
        // trains them; --oneshot-steps, --distill and --warmup override the training.
        const pipeline::Project demoProject = pipeline::demoProject();
        const Supernet demo(graph::loadNetwork(demoProject.reference), demoProject.supernet);
        // --oneshot-seed N: the supernet's initialization and sampling (the demo's: 1), to
        // see how far the ranking moves between supernets trained the same way.
        OneShotSupernet oneShot(demo, uint64_t(valueOf("--oneshot-seed", 1)));
        OneShotOptions o = demoProject.oneShot;
        o.steps = valueOf("--oneshot-steps", quick ? 60 : o.steps);
        o.distill = valueOf("--distill", o.distill ? 1 : 0) != 0;
        o.warmupShare = valueOf("--warmup-percent", int(std::lround(o.warmupShare * 100))) / 100.0;
        o.smallestEveryStep = valueOf("--smallest", o.smallestEveryStep ? 1 : 0) != 0;
        o.randomPerStep = valueOf("--random-per-step", o.randomPerStep);
        // As the pipeline does: the supernet trains on five sixths of the training images and
        // estimates on the held-out sixth (holdOutForSearch); --estimate-on test trains on
        // all of them and estimates on the test set, as runs did before 2026-12-06.
        const bool onTest = bench::textOption(args, "--estimate-on") == "test";
        const TrainTestSplit searchSplit = holdOutForSearch(data->train);
        const ImageDataset &supernetImages = onTest ? data->train : searchSplit.train;
        const ImageDataset &estimateImages = onTest ? data->test : searchSplit.test;
        std::printf("\n4. weight-sharing supernet of the demo project (%s, %zu choice points)\n",
                    demoProject.reference.c_str(), demo.choices().size());
        // --checkpoint PATH: load the trained supernet from PATH when it exists (to rerun
        // the evaluation or the finetune without the training), else save it there.
        const QString checkpoint = bench::textOption(args, "--checkpoint");
        if (!checkpoint.isEmpty() && QFile::exists(checkpoint)) {
            oneShot.load(checkpoint.toStdString());
            std::printf("loaded the trained supernet from %s%s\n", qPrintable(checkpoint),
                        args.contains("--oneshot-seed") ? " (--oneshot-seed applies only when it trains one)" : "");
        } else {
            std::printf("training: %d sandwich steps, batch %d, largest%s + %d random, %s, the largest alone for "
                        "the first %.0f%%\n",
                        o.steps, o.batchSize, o.smallestEveryStep ? " + smallest" : "", o.randomPerStep,
                        o.distill ? "the others distilled from the largest" : "all on labels", o.warmupShare * 100);
            const OneShotReport rep = oneShot.train(supernetImages, o, nullptr, [](const OneShotProgress &p) {
                if (p.step % 50 == 0)
                    std::fprintf(stderr, "\r  step %d/%d loss %.3f %.0f s", p.step, p.steps, p.loss, p.seconds);
            });
            std::fprintf(stderr, "\n");
            std::printf("trained %d steps in %.0f s (%.3f s/step), largest's loss %.3f -> %.3f\n", rep.steps,
                        rep.seconds, rep.seconds / std::max(1, rep.steps), rep.firstLoss, rep.lastLoss);
            if (!checkpoint.isEmpty())
                oneShot.save(checkpoint.toStdString());
        }
        // Stand-alone references: each sub-network trained from scratch with the demo's
        // final-training schedule (all training images), tested on all 10,000 test images.
        // They do not depend on the one-shot training: --alone-cache PATH keeps them.
        const int n = valueOf("--networks", quick ? 4 : 22);
        const int evalImages = valueOf("--eval-images", demoProject.oneShotTestImages);
        // --calibration-images N: training images BatchNorm is recalibrated on per estimate.
        const int calibrationImages = valueOf("--calibration-images", 1024);
        // --score loss: rank by the negative mean cross-entropy on the same images;
        // likelihood: by exp(-cross-entropy), as accuracy_estimator: oneshot-likelihood does.
        const QString score = bench::textOption(args, "--score");
        const bool byLikelihood = score == "likelihood", byLoss = score == "loss" || byLikelihood;
        std::printf("one-shot: inherited weights, BatchNorm recalibrated on %d training images, %d %s images per "
                    "estimate, ranked by %s\n",
                    calibrationImages, evalImages, onTest ? "test" : "held-out training",
                    byLikelihood ? "the true-class probability, exp(-mean cross-entropy)"
                    : byLoss     ? "the negative mean cross-entropy"
                                 : "the accuracy");
        TrainingOptions t = demoProject.finalTraining;
        t.epochs = valueOf("--alone-epochs", t.epochs);
        t.learningRate = 0.1; // from scratch
        // The demo's 44 stand-alone references measured on 2026-12-06 ship with the
        // benchmark (read only); --alone-cache PATH adds to them and keeps new trainings.
        const QString cachePath = bench::textOption(args, "--alone-cache");
        std::map<std::string, double> cache;
        for (const QString &path : {QStringLiteral(CALIBRA_BENCH_DATA "/demo_alone_accuracy.tsv"), cachePath})
            if (QFile f(path); !path.isEmpty() && f.open(QIODevice::ReadOnly))
                for (const QByteArray &line : f.readAll().split('\n'))
                    if (const qsizetype tab = line.indexOf('\t'); tab > 0 && !line.startsWith('#'))
                        cache[line.left(tab).toStdString()] = line.mid(tab + 1).toDouble();
        // --alone-seeds K: each sub-network is trained stand-alone with seeds 1..K and
        // ranked by the mean; the seeds' agreement with each other is the ceiling any
        // estimate can reach against one training run.
        const int seeds = std::max(1, valueOf("--alone-seeds", 1));
        std::printf("stand-alone: from scratch, %d epoch(s) on all training images, SGD %.2f cosine; all test images; "
                    "seed(s) 1-%d\n",
                    t.epochs, t.learningRate, seeds);
        std::printf("%3s %10s %12s", "#", "MACs", "one-shot");
        for (int seed = 1; seed <= seeds; ++seed)
            std::printf("  alone seed %d", seed);
        std::printf(" %12s %8s\n", seeds > 1 ? "alone mean" : "", "train s");
        std::vector<double> shot, aloneMean, macs;
        std::vector<std::vector<double>> aloneBySeed(seeds);
        std::mt19937_64 r2(21);
        for (int i = 0; i < n; ++i) {
            const Genotype g = i == 0 ? demo.largestGenotype() : i == 1 ? demo.smallestGenotype() : demo.sample(r2);
            const graph::Network decoded = demo.decode(g);
            const double loss =
                byLoss ? oneShot.evaluateLoss(decoded, supernetImages, estimateImages, evalImages, calibrationImages)
                       : 0;
            const double a =
                byLikelihood ? std::exp(-loss)
                : byLoss     ? -loss
                             : oneShot.evaluate(decoded, supernetImages, estimateImages, evalImages, calibrationImages);
            if (byLoss)
                std::printf("%3d %9.2fM %12.4f", i, double(graph::networkCost(decoded).total.macs) / 1e6, a);
            else
                std::printf("%3d %9.2fM %11.2f%%", i, double(graph::networkCost(decoded).total.macs) / 1e6, a * 100);
            double sum = 0, seconds = 0;
            for (int seed = 1; seed <= seeds; ++seed) {
                // Seed 1 keeps the key caches written before --alone-seeds existed.
                const std::string key = pipeline::genotypeText(g) + "/" + std::to_string(t.epochs)
                                        + (seed > 1 ? "/seed" + std::to_string(seed) : std::string());
                double standAlone = 0;
                if (const auto it = cache.find(key); it != cache.end()) {
                    standAlone = it->second;
                } else {
                    graph::Network net = decoded; // trained in place
                    TrainingOptions seeded = t;
                    seeded.seed = uint64_t(seed);
                    const TrainingResult tr = trainNetwork(net, *data, seeded);
                    standAlone = tr.testAccuracy;
                    seconds += tr.seconds;
                    if (QFile f(cachePath); !cachePath.isEmpty() && f.open(QIODevice::Append))
                        f.write(QByteArray::fromStdString(key) + '\t' + QByteArray::number(standAlone, 'g', 8) + '\n');
                }
                aloneBySeed[seed - 1].push_back(standAlone);
                sum += standAlone;
                std::printf(" %13.2f%%", standAlone * 100);
            }
            shot.push_back(a);
            macs.push_back(double(graph::networkCost(decoded).total.macs));
            aloneMean.push_back(sum / seeds);
            if (seeds > 1)
                std::printf(" %11.2f%%", sum / seeds * 100);
            else
                std::printf(" %12s", "");
            std::printf(" %8.0f\n", seconds);
        }
        const auto rankLine = [&](const char *label, size_t first) {
            const auto tail = [first](const std::vector<double> &v) {
                return std::vector<double>(v.begin() + std::ptrdiff_t(first), v.end());
            };
            std::printf("%s: one-shot vs stand-alone%s: Spearman rho = %.3f, Kendall tau = %.3f\n", label,
                        seeds > 1 ? " (mean of the seeds)" : "", predictor::spearmanRho(tail(shot), tail(aloneMean)),
                        predictor::kendallTau(tail(shot), tail(aloneMean)));
            // The reference a one-shot ranking must beat: size alone, with no training.
            std::printf("%s: MACs alone vs stand-alone%s: Spearman rho = %.3f, Kendall tau = %.3f\n", label,
                        seeds > 1 ? " (mean of the seeds)" : "", predictor::spearmanRho(tail(macs), tail(aloneMean)),
                        predictor::kendallTau(tail(macs), tail(aloneMean)));
            for (int seed = 1; seed <= seeds && seeds > 1; ++seed)
                std::printf("%s: one-shot vs stand-alone seed %d: Kendall tau = %.3f\n", label, seed,
                            predictor::kendallTau(tail(shot), tail(aloneBySeed[seed - 1])));
            for (int x = 0; x < seeds; ++x)
                for (int y = x + 1; y < seeds; ++y)
                    std::printf("%s: stand-alone seed %d vs seed %d (the references' own agreement): Spearman rho = "
                                "%.3f, Kendall tau = %.3f\n",
                                label, x + 1, y + 1, predictor::spearmanRho(tail(aloneBySeed[x]), tail(aloneBySeed[y])),
                                predictor::kendallTau(tail(aloneBySeed[x]), tail(aloneBySeed[y])));
        };
        if (n > 1)
            rankLine(("all " + std::to_string(n)).c_str(), 0);
        // The largest is in every sandwich step, the random ones are not: how well the
        // one-shot accuracy ranks the sub-networks a search compares.
        if (n > 4)
            rankLine(("the " + std::to_string(n - 2) + " random").c_str(), 2);
    }
    return 0;
}

int main(int argc, char *argv[])
{
    return calibra::bench::reportingErrors("bench_estimator", [&] { return benchMain(argc, argv); });
}
