// SPDX-License-Identifier: GPL-3.0-or-later
// Translations: every string of both catalogues (Traditional Chinese for Taiwan, German)
// is translated, keeps its placeholders (%1.., %n) and its keyboard accelerator; the
// compiled catalogues load from the resources and the GUI shows them; the preferences
// dialog stores the choice.
#include "TranslatedText.h"
#include "PreferencesDialog.h"
#include "RunPanel.h"
#include "Translations.h"

#include <QComboBox>
#include <QDomDocument>
#include <QFile>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

using namespace calibra::widgets;
namespace pipeline = calibra::pipeline;

class TestTranslations : public QObject
{
    Q_OBJECT

    static QStringList placeholders(const QString &text)
    {
        QStringList out;
        const QRegularExpression re(QStringLiteral("%(\\d|n)"));
        for (auto it = re.globalMatch(text); it.hasNext();)
            out << it.next().captured(0);
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void catalogueIsComplete_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("zh_TW") << QStringLiteral(CALIBRA_SOURCE_DIR "/translations/calibra_zh_TW.ts");
        QTest::newRow("de") << QStringLiteral(CALIBRA_SOURCE_DIR "/translations/calibra_de.ts");
    }

    void catalogueIsComplete()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QDomDocument doc;
        QVERIFY(doc.setContent(&f));
        const QDomNodeList messages = doc.elementsByTagName(QStringLiteral("message"));
        QVERIFY(messages.size() > 250);
        for (int i = 0; i < messages.size(); ++i) {
            const QDomElement m = messages.at(i).toElement();
            const QString source = m.firstChildElement(QStringLiteral("source")).text();
            const QDomElement t = m.firstChildElement(QStringLiteral("translation"));
            QVERIFY2(!t.hasAttribute(QStringLiteral("type")), qPrintable(source)); // unfinished, vanished
            QStringList forms;
            for (QDomElement n = t.firstChildElement(QStringLiteral("numerusform")); !n.isNull();
                 n = n.nextSiblingElement(QStringLiteral("numerusform")))
                forms << n.text();
            if (forms.isEmpty())
                forms << t.text();
            for (const QString &text : forms) {
                QVERIFY2(!text.trimmed().isEmpty() || source.trimmed().isEmpty(), qPrintable(source));
                QCOMPARE(placeholders(text), placeholders(source));
                // Menu accelerators survive ("&File" -> "檔案(&F)", "&Datei").
                const bool accel = QRegularExpression(QStringLiteral("&[^&; ]")).match(source).hasMatch()
                                   && !source.contains(QStringLiteral("&amp;")) && !source.startsWith('<');
                if (accel)
                    QVERIFY2(QRegularExpression(QStringLiteral("&[^&; ]")).match(text).hasMatch(), qPrintable(text));
            }
        }
    }

    void compiledCataloguesLoadAndShow()
    {
        QTranslator zh;
        QVERIFY(zh.load(QStringLiteral(":/i18n/calibra_zh_TW.qm")));
        QCOMPARE(zh.translate("calibra::widgets::RunPanel", "Start Run"), QStringLiteral("開始執行"));
        QTranslator de;
        QVERIFY(de.load(QStringLiteral(":/i18n/calibra_de.qm")));
        QCOMPARE(de.translate("calibra::widgets::RunPanel", "Start Run"), QStringLiteral("Lauf starten"));
        QCOMPARE(de.translate("calibra::widgets::MainWindow", "%n node(s) match '%1'", nullptr, 1),
                 QStringLiteral("%n Knoten passt zu „%1“"));
        QCOMPARE(de.translate("calibra::widgets::MainWindow", "%n node(s) match '%1'", nullptr, 3),
                 QStringLiteral("%n Knoten passen zu „%1“"));

        // Installed, the widgets built afterwards speak the language.
        QCOMPARE(installTranslations(*qApp, QStringLiteral("zh_TW")), QStringLiteral("zh_TW"));
        RunPanel panel;
        bool found = false;
        for (QPushButton *b : panel.findChildren<QPushButton *>())
            found = found || b->text() == QStringLiteral("開始執行");
        QVERIFY(found);
        if (const QByteArray shots = qgetenv("CALIBRA_SCREENSHOT_DIR"); !shots.isEmpty()) {
            panel.resize(1200, 700);
            panel.show();
            QTest::qWait(100);
            QVERIFY(panel.grab().save(QString::fromLocal8Bit(shots) + "/run-panel-zh_TW.png"));
        }
        QCOMPARE(installTranslations(*qApp, QStringLiteral("fr")), QStringLiteral("en")); // none: stays English
    }

    // What the pipeline says is shown in the interface's language: templates and word
    // arguments translated, numbers as the core wrote them, in one pass (an argument's
    // own "%" is not read as a placeholder); the English stays for the CLI.
    void eventTextsAreTranslated()
    {
        const auto removeTranslators = [] {
            for (QTranslator *t : qApp->findChildren<QTranslator *>()) {
                QCoreApplication::removeTranslator(t);
                delete t;
            }
        };
        removeTranslators(); // the tests before installed some
        pipeline::Event e;
        e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1 check on %2 sub-networks"),
                   {calibra::TranslatableText::word("post"), calibra::TranslatableText::number(16)});
        e.text.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                     ": within 10%: latency %1, power %2, memory access %3; decisions agree %4 -> %5"),
                   {calibra::TranslatableText::value("100.0%"), calibra::TranslatableText::word("not measured"),
                    calibra::TranslatableText::value("93.8%"), calibra::TranslatableText::value("75.0%"),
                    calibra::TranslatableText::word("FINETUNE")});
        e.message = e.text.english();
        QCOMPARE(QString::fromStdString(e.message),
                 QStringLiteral("post check on 16 sub-networks: within 10%: latency 100.0%, power not measured, memory "
                                "access 93.8%; decisions agree 75.0% -> FINETUNE"));
        QCOMPARE(eventText(e), QString::fromStdString(e.message)); // no translator installed
        QCOMPARE(installTranslations(*qApp, QStringLiteral("zh_TW")), QStringLiteral("zh_TW"));
        QCOMPARE(eventText(e),
                 QStringLiteral("搜尋後檢查，共 16 個子網路：誤差 10% 內：延遲 100.0%，功耗 未量測，記憶體存取 "
                                "93.8%；決策一致 75.0% -> 微調"));
        // Warnings and why a check failed, translated the same way.
        calibra::TranslatableText flag;
        flag.add(
            QT_TRANSLATE_NOOP("calibra::TranslatableText", "test accuracy %1% is near chance (%2% for %3 classes)"),
            {calibra::TranslatableText::value("9.7"), calibra::TranslatableText::value("10.0"),
             calibra::TranslatableText::number(10)});
        pipeline::Event warning;
        warning.kind = pipeline::EventKind::Warning;
        warning.text = pipeline::finalModelFlagWarning(flag);
        QCOMPARE(eventText(warning), QStringLiteral("最終模型：測試準確度 9.7% 接近隨機猜測（10 個類別為 10.0%）"));
        calibra::TranslatableText failure;
        failure.add(
            QT_TRANSLATE_NOOP("calibra::TranslatableText", "%1: Spearman rho %2"),
            {calibra::TranslatableText::word("memory access"), calibra::TranslatableText::value("0.91 < 0.95")});
        QCOMPARE(translatedText(failure), QStringLiteral("記憶體存取：Spearman rho 0.91 < 0.95")); // older runs
        calibra::TranslatableText misordered;
        misordered.add(QT_TRANSLATE_NOOP("calibra::TranslatableText",
                                         "%1: Spearman rho %2 (%3 of %4 pairs more than %5% apart out of order)"),
                       {calibra::TranslatableText::word("memory access"),
                        calibra::TranslatableText::value("0.91 < 0.95"), calibra::TranslatableText::number(3),
                        calibra::TranslatableText::number(40), calibra::TranslatableText::number(22)});
        QCOMPARE(translatedText(misordered),
                 QStringLiteral("記憶體存取：Spearman rho 0.91 < 0.95（相差超過 22% 的 40 對中有 3 對順序顛倒）"));
        // Stored and read back (a reopened run), the same.
        pipeline::Event back;
        back.text = calibra::TranslatableText::fromJson(e.text.toJson());
        QCOMPARE(eventText(back), eventText(e));
        // An event without a text (not converted yet) shows its English message.
        pipeline::Event plain;
        plain.message = "a warning";
        QCOMPARE(eventText(plain), QStringLiteral("a warning"));
        removeTranslators();
    }

    void preferencesStoreTheLanguage()
    {
        setPreferredLanguage({});
        PreferencesDialog dialog;
        QCOMPARE(dialog.languageChoice()->currentData().toString(), QString());
        QCOMPARE(dialog.languageChoice()->count(), availableLanguages().size());
        dialog.languageChoice()->setCurrentIndex(dialog.languageChoice()->findData(QStringLiteral("de")));
        dialog.accept();
        QCOMPARE(preferredLanguage(), QStringLiteral("de"));
        PreferencesDialog again;
        QCOMPARE(again.languageChoice()->currentData().toString(), QStringLiteral("de"));
        setPreferredLanguage({});
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
