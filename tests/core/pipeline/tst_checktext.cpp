// SPDX-License-Identifier: GPL-3.0-or-later
// The log line of an accuracy check says what was compared, and nothing it did not judge.
#include "pipeline/CheckText.h"

#include <QTest>

using namespace calibra::pipeline;

class TestCheckText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A check left with nothing to validate (every sub-network it would sample was used by
    // an earlier finetune) shows no shares and no agreement: "100%" over nothing reads as
    // a judgement.
    void nothingComparedShowsNoFigures()
    {
        CheckSummary check;
        check.stage = CheckStage::Post;
        check.samples = 0;
        check.decision = CheckDecision::Bypass;
        QCOMPARE(QString::fromStdString(checkText(check, 4).english()),
                 QString("post check on 0 sub-networks, leaving out 4 that earlier finetunes used: nothing compared, "
                         "the predictor not judged -> bypass"));
    }

    void comparedShowsSharesAndAgreement()
    {
        CheckSummary check;
        check.stage = CheckStage::Pre;
        check.samples = 2;
        check.origins.random = 2;
        for (auto &m : check.report.metric) {
            m.count = 2;
            m.within10 = 1.0;
        }
        const QString text = QString::fromStdString(checkText(check, 0).english());
        QVERIFY2(text.startsWith("pre check on 2 sub-networks (0 on the front, 0 near a limit, 2 at random): within "
                                 "10%: latency 100.0%, power 100.0%, memory access 100.0%; decisions agree "),
                 qPrintable(text));
        QVERIFY2(text.endsWith("-> bypass"), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestCheckText)
#include "tst_checktext.moc"
