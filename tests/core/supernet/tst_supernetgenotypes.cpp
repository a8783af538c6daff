// SPDX-License-Identifier: GPL-3.0-or-later
// Genotypes of a supernet: sampling toward a size, validity, and the canonical form that
// names a network (genes inside skipped blocks, nested ones too, make no difference).
#include "graph/ContentHash.h"
#include "graph/Cost.h"
#include "graph/GraphError.h"
#include "graph/NetworkBuilder.h"
#include "graph/NetworkFile.h"
#include "supernet/Supernet.h"

#include <QTest>

#include "SupernetChoices.h"

#include <map>
#include <random>
#include <set>

using namespace calibra;
using namespace calibra::supernet;

class TestSupernetGenotypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Size 0 draws the smallest kernels and widths and skips every block, size 1 the
    // largest and keeps them; between, sub-networks grow with the size asked. The input
    // resolution stays uniform.
    void samplesLeanTowardTheSizeAsked()
    {
        const Supernet s(graph::buildMobileNetV2(32, 10, true));
        std::mt19937_64 rng(7);
        const Genotype smallest = s.smallestGenotype(), largest = s.largestGenotype();
        std::set<int> resolutions;
        for (int k = 0; k < 20; ++k) {
            // The smallest is canonical: the genes of its skipped blocks have no effect.
            const Genotype low = s.canonical(s.sampleAtSize(0, rng)), high = s.sampleAtSize(1, rng);
            QVERIFY(s.isValid(low) && s.isValid(high));
            for (size_t i = 0; i < s.choices().size(); ++i) {
                if (s.choices()[i].kind == ChoiceKind::Resolution) {
                    resolutions.insert(low[i]);
                    continue;
                }
                QCOMPARE(low[i], smallest[i]);
                QCOMPARE(high[i], largest[i]);
            }
        }
        QVERIFY(resolutions.size() > 1);
        const auto meanMacs = [&](double size) {
            double sum = 0;
            for (int k = 0; k < 20; ++k)
                sum += double(graph::networkCost(s.decode(s.sampleAtSize(size, rng))).total.macs);
            return sum / 20;
        };
        const double quarter = meanMacs(0.25), half = meanMacs(0.5), threeQuarters = meanMacs(0.75);
        QVERIFY2(quarter < half && half < threeQuarters,
                 qPrintable(QString("%1 %2 %3").arg(quarter).arg(half).arg(threeQuarters)));
    }

    // Genes inside a skipped block change nothing: the canonical form sets them to the
    // reference's options, and two genotypes decode to one network exactly when their
    // canonical forms are equal.
    void canonicalFormsNameNetworks()
    {
        for (const char *name : {"builtin:resnet18", "builtin:mobilenet_v2_cifar"}) {
            const Supernet s(graph::loadNetwork(name));
            std::mt19937_64 rng(7);
            std::map<QByteArray, Genotype> canonicalOf; // network hash -> canonical genotype
            std::set<Genotype> canonicals;
            int changed = 0;
            for (int i = 0; i < 300; ++i) {
                // Small samples skip most blocks, where dead genes are common.
                const Genotype g = s.sampleAtSize(double(i % 4) / 8, rng);
                const Genotype c = s.canonical(g);
                changed += c != g;
                QCOMPARE(s.canonical(c), c);
                const QByteArray hash = graph::networkContentHash(s.decode(g));
                QCOMPARE(graph::networkContentHash(s.decode(c)), hash);
                const auto [it, added] = canonicalOf.emplace(hash, c);
                QVERIFY2(added || it->second == c, name);
                canonicals.insert(c);
            }
            QCOMPARE(canonicals.size(), canonicalOf.size());
            QVERIFY2(changed > 0, name);
            QCOMPARE(s.canonical(s.smallestGenotype()), s.smallestGenotype());
            QCOMPARE(s.canonical(s.largestGenotype()), s.largestGenotype());
            QCOMPARE(s.canonical(s.referenceGenotype()), s.referenceGenotype());
        }
    }

    void refusesInvalidGenotypes()
    {
        const Supernet s(graph::loadNetwork("builtin:resnet18"));
        Genotype g = s.referenceGenotype();
        g.push_back(0);
        QVERIFY(!s.isValid(g));
        QVERIFY_THROWS_EXCEPTION(graph::GraphError, s.decode(g));
        g = s.referenceGenotype();
        g[0] = 99;
        QVERIFY_THROWS_EXCEPTION(graph::GraphError, s.decode(g));
    }

    // A residual block inside another: when the outer one is skipped, the inner one is gone
    // whether kept or skipped, so both genotypes name one network.
    void nestedSkippedBlocksAreOneNetwork()
    {
        graph::NetworkBuilder b("nested");
        const std::string x = b.input("x", {1, 8, 16, 16});
        const std::string a = b.conv(x, "a", 8, 3, 1);
        const std::string inner = b.add(a, b.conv(b.conv(a, "b1", 8, 3, 1), "b2", 8, 3, 1), "inner");
        const std::string outer = b.add(x, b.conv(inner, "c", 8, 3, 1), "outer");
        const Supernet s(b.build({b.conv(outer, "head", 8, 1, 1)}));
        const int o = calibra::test::choiceIndex(s, ChoiceKind::Depth, "outer"),
                  i = calibra::test::choiceIndex(s, ChoiceKind::Depth, "inner");
        QVERIFY(o >= 0 && i >= 0);
        Genotype keptInside = s.referenceGenotype(), skippedInside = s.referenceGenotype();
        keptInside[size_t(o)] = skippedInside[size_t(o)] = 1; // the outer block skipped
        skippedInside[size_t(i)] = 1;
        QCOMPARE(graph::networkContentHash(s.decode(keptInside)), graph::networkContentHash(s.decode(skippedInside)));
        QCOMPARE(s.canonical(keptInside), s.canonical(skippedInside));
        // The inner block alone skipped is another network, and its gene stays.
        Genotype innerOnly = s.referenceGenotype();
        innerOnly[size_t(i)] = 1;
        QCOMPARE(s.canonical(innerOnly), innerOnly);
        QVERIFY(graph::networkContentHash(s.decode(innerOnly)) != graph::networkContentHash(s.decode(keptInside)));
    }
};

QTEST_GUILESS_MAIN(TestSupernetGenotypes)
#include "tst_supernetgenotypes.moc"
