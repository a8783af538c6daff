// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the FBNet latency table (tests/data/fbnet-latency) as a user would bring it: one
// network file per row and a measurement table (docs/formats.md) naming them, so that the
// FBNet protocol can run through calibra-cli alone (fbnet_protocol.py).
//   fbnet_tables OUTDIR [--rows N] [--format yaml|onnx]
// OUTDIR/networks/fbnet_<index>.yaml (or .onnx) and OUTDIR/latency.csv (network, <device>_ms...).
#include "BenchArgs.h"

#include "graph/NetworkFile.h"
#include "augment/FbnetTable.h"
#include "validate/MeasurementTableValidator.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>
#include <fstream>

using namespace calibra;

static int benchMain(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args.first().startsWith(QLatin1String("--"))) {
        std::fprintf(stderr, "usage: fbnet_tables OUTDIR [--rows N] [--format yaml|onnx]\n");
        return 2;
    }
    const QDir out(args.first());
    if (!out.mkpath(QStringLiteral("networks")))
        throw std::runtime_error("cannot create " + out.filePath("networks").toStdString());
    const augment::FbnetTable fbnet =
        augment::loadFbnetTable(CALIBRA_TEST_DATA "/fbnet-latency/latency.csv", bench::intOption(args, "--rows", -1));
    const validate::MeasurementTable &t = fbnet.table;
    const QString format = bench::textOption(args, "--format");
    const std::string extension = format == QLatin1String("onnx") ? ".onnx" : ".yaml";
    const std::string csv = out.filePath(QStringLiteral("latency.csv")).toStdString();
    std::ofstream table(csv);
    table << "network";
    for (const std::string &d : t.devices)
        table << ',' << d << "_ms";
    table << '\n';
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const std::string file = "networks/" + t.rows[r].network + extension;
        graph::saveNetwork(*t.rows[r].graph, out.filePath(QString::fromStdString(file)).toStdString());
        table << file;
        for (size_t d = 0; d < t.devices.size(); ++d) {
            char cell[32];
            std::snprintf(cell, sizeof cell, ",%.9g", t.value(d, validate::TableMetric::Latency, r));
            table << cell;
        }
        table << '\n';
    }
    if (!table.flush())
        throw std::runtime_error("cannot write " + csv);
    std::printf("wrote %zu networks and %s (%zu devices)\n", t.rows.size(), csv.c_str(), t.devices.size());
    return 0;
}

int main(int argc, char *argv[])
{
    return bench::reportingErrors("fbnet_tables", [&] { return benchMain(argc, argv); });
}
