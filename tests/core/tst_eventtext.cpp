// SPDX-License-Identifier: GPL-3.0-or-later
// An event's text: English templates filled with their arguments in one pass (an
// argument's own "%1" is not a placeholder), kept through the run store's JSON, and the
// pipeline's events carry one (the GUI translates it).
#include "pipeline/EventText.h"
#include "pipeline/Events.h"

#include <QTest>

using namespace calibra::pipeline;

class TestEventText : public QObject
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
        EventText t;
        t.add("%1 check on %2 sub-networks", {EventText::word("post"), EventText::number(16)});
        t.add(" (%1)", {EventText::number(0.125, "%.2f")});
        t.addUntranslated("; a path/with \"quotes\"");
        QCOMPARE(t.english(), std::string("post check on 16 sub-networks (0.12); a path/with \"quotes\""));
        const EventText back = EventText::fromJson(t.toJson());
        QCOMPARE(back.english(), t.english());
        QCOMPARE(int(back.parts().size()), 3);
        QVERIFY(back.parts()[0].args[0].translated);
        QVERIFY(!back.parts()[0].args[1].translated);
        QVERIFY(EventText().toJson().empty());
        QVERIFY(EventText::fromJson("").empty());
        QVERIFY(EventText::fromJson("not json").empty()); // unreadable: empty, the message stands
    }
};

QTEST_GUILESS_MAIN(TestEventText)
#include "tst_eventtext.moc"
