// SPDX-License-Identifier: GPL-3.0-or-later
// report.html's charts: well-formed SVG, text escaped, points that are not numbers
// skipped, a marker per point and a band behind each, labelled marks, a legend that
// wraps instead of overlapping, and "no data" rather than an empty frame.
#include "pipeline/SvgChart.h"

#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <clocale>
#include <cmath>
#include <cstdio>
#include <string>
#include <map>

using namespace calibra::report;

namespace {

// Element counts of a well-formed SVG document (empty when it is not well formed).
std::map<QString, int> elements(const std::string &svg, QStringList *texts = nullptr)
{
    std::map<QString, int> out;
    QXmlStreamReader xml(QString::fromStdString(svg));
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            ++out[xml.name().toString()];
            if (texts && xml.name() == QLatin1String("text"))
                texts->append(xml.readElementText());
        }
    }
    if (xml.hasError())
        return {};
    return out;
}

} // namespace

class TestSvgChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void drawsPointsBandsAndMarks()
    {
        SvgChart c;
        c.title = "Latency <ms> & power";
        c.xLabel = "generation";
        c.yLabel = "latency (ms)";
        SvgSeries line{"predicted", "#808080", SvgSeries::Style::Line, {{0, 1.0}, {1, 1.2}, {2, std::nan("")}}, {}};
        SvgSeries discs{
            "validated", "#d05010", SvgSeries::Style::Discs, {{0, 1.1}, {1, 1.3}}, {{0.99, 1.21}, {1.17, 1.43}}};
        c.series = {line, discs};
        c.marks = {{-0.5, "pre: bypass"}, {1.5, "post: finetune"}};
        QStringList texts;
        const std::map<QString, int> e = elements(renderSvg(c), &texts);
        QVERIFY(!e.empty()); // well formed, the title's < > & escaped
        QVERIFY(texts.contains("Latency <ms> & power"));
        QCOMPARE(e.at("circle"), 2 + 1);   // the two points, and the legend's marker
        QCOMPARE(e.at("path"), 1);         // one line through the finite points
        QCOMPARE(e.at("rect"), 1 + 1 + 2); // frame, clip, a band per validated point
        QVERIFY(texts.contains("pre: bypass") && texts.contains("post: finetune"));
    }

    void diagonalForScatterCharts()
    {
        SvgChart c;
        c.diagonal = true;
        c.series = {{"check", "#3060c0", SvgSeries::Style::Discs, {{1, 1.05}, {2, 2.5}}, {}}};
        const std::string svg = renderSvg(c);
        QVERIFY(!elements(svg).empty());
        // y = x solid, 0.9x and 1.1x dotted.
        QCOMPARE(QString::fromStdString(svg).count("stroke-dasharray=\"2,3\""), 2);
    }

    void longLegendsWrap()
    {
        SvgChart c;
        for (int i = 0; i < 4; ++i)
            c.series.push_back({std::string(40, 'a' + char(i)), "#000", SvgSeries::Style::Discs, {{double(i), 1}}, {}});
        const std::string svg = renderSvg(c, 500, 300);
        QVERIFY(!elements(svg).empty());
        // Four 40-character names cannot share one row of a 500 px chart: two rows or more.
        QSet<QString> rows;
        QXmlStreamReader xml(QString::fromStdString(svg));
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text")) {
                const QString y = xml.attributes().value("y").toString();
                if (xml.readElementText().size() == 40) // a legend's name
                    rows.insert(y);
            }
        QVERIFY(rows.size() >= 2);
    }

    // Coordinates are written with a decimal point whatever the locale (a German one
    // would write "161,4", which browsers misread).
    void numbersIgnoreTheLocale()
    {
        const std::string before = std::setlocale(LC_NUMERIC, nullptr);
        // Most machines have no German locale compiled: compile one (localedef, from the
        // locales package's sources) into a folder of the test's own, which glibc reads
        // through LOCPATH.
        QTemporaryDir compiled;
        bool ownLocPath = false;
        if (!std::setlocale(LC_NUMERIC, "de_DE.UTF-8") && !qEnvironmentVariableIsSet("LOCPATH")) {
            QProcess localedef;
            localedef.start("localedef", {"-i", "de_DE", "-f", "UTF-8", compiled.filePath("de_DE.UTF-8")});
            if (!localedef.waitForFinished(60000) || !QFileInfo::exists(compiled.filePath("de_DE.UTF-8")))
                QSKIP("no German locale, and localedef could not compile one (the locales package)");
            qputenv("LOCPATH", QFile::encodeName(compiled.path()));
            ownLocPath = true;
        }
        const auto restore = qScopeGuard([&] {
            std::setlocale(LC_NUMERIC, before.c_str());
            if (ownLocPath)
                qunsetenv("LOCPATH");
        });
        if (ownLocPath)
            QVERIFY2(std::setlocale(LC_NUMERIC, "de_DE.UTF-8"), "the compiled German locale does not load");
        else if (!std::setlocale(LC_NUMERIC, "de_DE.UTF-8"))
            QSKIP("no German locale (LOCPATH is set and has none)");
        char decimal[8];
        std::snprintf(decimal, sizeof decimal, "%.1f", 0.5);
        QCOMPARE(QByteArray(decimal), QByteArray("0,5")); // the locale is in force
        SvgChart c;
        c.series = {{"a", "#000", SvgSeries::Style::Discs, {{0.5, 1.25}, {1.5, 2.75}}, {}}};
        const std::string svg = renderSvg(c);
        QXmlStreamReader xml(QString::fromStdString(svg));
        int circles = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("circle")) {
                ++circles;
                for (const char *a : {"cx", "cy"})
                    QVERIFY2(!xml.attributes().value(a).contains(QLatin1Char(',')),
                             qPrintable(xml.attributes().value(a).toString()));
            }
        QVERIFY(circles >= 2);
    }

    // A legend of many entries grows the chart: the plot keeps a positive height.
    void longLegendNeverInvertsThePlot()
    {
        SvgChart c;
        for (int i = 0; i < 60; ++i)
            c.series.push_back({"check " + std::to_string(i), "#000", SvgSeries::Style::Discs, {{double(i), 1}}, {}});
        QXmlStreamReader xml(QString::fromStdString(renderSvg(c, 480, 400)));
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("rect"))
                QVERIFY2(xml.attributes().value("height").toDouble() > 0,
                         qPrintable(xml.attributes().value("height").toString()));
    }

    void emptyChartSaysSo()
    {
        SvgChart c;
        c.title = "nothing";
        c.series = {{"none", "#000", SvgSeries::Style::Line, {{std::nan(""), 1}}, {}}};
        QStringList texts;
        QVERIFY(!elements(renderSvg(c), &texts).empty());
        QVERIFY(texts.contains("no data"));
    }
};

QTEST_GUILESS_MAIN(TestSvgChart)
#include "tst_svgchart.moc"
