// SPDX-License-Identifier: GPL-3.0-or-later
// What the core says to a user: English templates filled with their arguments in one
// pass (an argument's own "%1" is not a placeholder), kept through the run store's JSON
// (one text, or a list such as a check's failures, with the plain lines of older stores),
// and the final model's flags found again among a run's warnings.
#include "text/TranslatableText.h"
#include "pipeline/Events.h"

#include <QTest>

using namespace calibra;

class TestTranslatableText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fillsTemplatesInOnePass()
    {
        QCOMPARE(fillTemplate("%1 of %2", {"3", "8"}), std::string("3 of 8"));
        QCOMPARE(fillTemplate("%2 before %1", {"a", "b"}), std::string("b before a"));
        QCOMPARE(fillTemplate("%1%", {"50.0"}), std::string("50.0%"));
        QCOMPARE(fillTemplate("%1 and %2", {"%2", "x"}), std::string("%2 and x")); // an argument's "%2" stays
        QCOMPARE(fillTemplate("%3 missing", {"a"}), std::string("%3 missing"));
    }

    void englishAndJsonRoundTrip()
    {
        TranslatableText t;
        t.add("%1 check on %2 sub-networks", {TranslatableText::word("post"), TranslatableText::number(16)});
        t.add(" (%1)", {TranslatableText::number(0.125, "%.2f")});
        t.addUntranslated("; a path/with \"quotes\"");
        QCOMPARE(t.english(), std::string("post check on 16 sub-networks (0.12); a path/with \"quotes\""));
        const TranslatableText back = TranslatableText::fromJson(t.toJson());
        QCOMPARE(back.english(), t.english());
        QCOMPARE(int(back.parts().size()), 3);
        QVERIFY(back.parts()[0].args[0].translated);
        QVERIFY(!back.parts()[0].args[1].translated);
        QVERIFY(TranslatableText().toJson().empty());
        QVERIFY(TranslatableText::fromJson("").empty());
        QVERIFY(TranslatableText::fromJson("not json").empty()); // unreadable: empty, the message stands
    }

    void listsRoundTripAndOlderStoresReadAsLines()
    {
        std::vector<TranslatableText> failures(2);
        failures[0].add("%1: %2 within 10%",
                        {TranslatableText::word("latency"), TranslatableText::value("80.0% < 90.0%")});
        failures[1].add("%1: Spearman rho %2",
                        {TranslatableText::word("power"), TranslatableText::value("0.91 < 0.95")});
        const std::vector<TranslatableText> back =
            TranslatableText::listFromJson(TranslatableText::listToJson(failures));
        QCOMPARE(int(back.size()), 2);
        QCOMPARE(back[0].english(), std::string("latency: 80.0% < 90.0% within 10%"));
        QCOMPARE(back[1].english(), std::string("power: Spearman rho 0.91 < 0.95"));
        QVERIFY(back[1].parts()[0].args[0].translated);
        QVERIFY(TranslatableText::listToJson({}).empty());
        QVERIFY(TranslatableText::listFromJson("").empty());
        // A store written before: "; "-separated English lines, kept as they are.
        const std::vector<TranslatableText> old =
            TranslatableText::listFromJson("latency: 80.0% within 10% < 90.0%; power: MAPE 12.0% > 10.0%");
        QCOMPARE(int(old.size()), 2);
        QCOMPARE(old[1].english(), std::string("power: MAPE 12.0% > 10.0%"));
        QVERIFY(!old[1].parts()[0].args[0].translated);
    }

    void finalModelFlagsAreFoundAmongWarnings()
    {
        TranslatableText flag;
        flag.add("test accuracy %1% is near chance (%2% for %3 classes)",
                 {TranslatableText::value("9.7"), TranslatableText::value("10.0"), TranslatableText::number(10)});
        std::vector<pipeline::Event> events(3);
        events[0].kind = pipeline::EventKind::Warning;
        events[0].text.add("the one-shot supernet's training stopped at its time budget");
        events[1].kind = pipeline::EventKind::Warning;
        events[1].text = pipeline::finalModelFlagWarning(flag);
        events[2].kind = pipeline::EventKind::FinalModel;
        events[2].text = pipeline::finalModelFlagWarning(flag); // not a warning: not a flag
        QCOMPARE(events[1].text.english(), "final model: " + flag.english());
        // Said again by a resumed run: once. A run recorded before warnings had texts: its
        // English message.
        events.push_back(events[1]);
        pipeline::Event older;
        older.kind = pipeline::EventKind::Warning;
        older.message = "final model: the final training stopped at its time budget after 3 of 9 steps";
        events.push_back(older);
        const std::vector<TranslatableText> flags = pipeline::finalModelFlags(events);
        QCOMPARE(int(flags.size()), 2);
        QCOMPARE(flags[0].english(), flag.english());
        QCOMPARE(flags[1].english(), std::string("the final training stopped at its time budget after 3 of 9 steps"));
    }
};

QTEST_GUILESS_MAIN(TestTranslatableText)
#include "tst_translatabletext.moc"
