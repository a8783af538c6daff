// SPDX-License-Identifier: GPL-3.0-or-later
// The strict YAML reader's shared pieces: typed fields whose errors name the file, the
// line and the field; paths written in a configuration file, taken relative to it; a
// configuration file that cannot be read, named.
#include "base/YamlFields.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace calibra::base;

class TestYamlFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aPathIsTakenRelativeToItsFile()
    {
        const std::string here = QDir::currentPath().toStdString();
        QCOMPARE(pathInFile("/etc/calibra/nas.yaml", "certs/ca.pem"), std::string("/etc/calibra/certs/ca.pem"));
        QCOMPARE(pathInFile("/etc/calibra/nas.yaml", "../common/ca.pem"), std::string("/etc/common/ca.pem"));
        QCOMPARE(pathInFile("configs/nas.yaml", "ca.pem"), here + "/configs/ca.pem"); // made absolute
        QCOMPARE(pathInFile("nas.yaml", "ca.pem"), here + "/ca.pem");
        QCOMPARE(pathInFile("/etc/calibra/nas.yaml", "/srv/ca.pem"), std::string("/srv/ca.pem"));
        QCOMPARE(pathInFile("/etc/calibra/nas.yaml", "builtin:edge-npu-s"), std::string("builtin:edge-npu-s"));
        QCOMPARE(pathInFile("/etc/calibra/nas.yaml", ""), std::string());
    }

    void aConfigurationFileIsReadOrNamed()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("board.yaml"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("format: x\n\0tail", 15); // bytes kept as they are
        f.close();
        QCOMPARE(readConfigFile(f.fileName().toStdString(), "board configuration"),
                 std::string("format: x\n\0tail", 15));
        for (const QString &bad : {dir.filePath("missing.yaml"), dir.path()}) {
            try {
                readConfigFile(bad.toStdString(), "board configuration");
                QFAIL("an unreadable configuration file was read");
            } catch (const InputError &e) {
                QCOMPARE(QString(e.what()), bad + ": cannot read the board configuration");
            }
        }
    }

    void aFieldErrorNamesFileLineAndField()
    {
        const YAML::Node doc = loadVersionedYaml("format: t\nversion: 1\nlimits:\n  max: twelve\n", "t.yaml", "t", 1);
        const YamlFields f("t.yaml", doc);
        try {
            f.child("limits").integer("max", 0, 10);
            QFAIL("a word was read as a number");
        } catch (const InputError &e) {
            QVERIFY2(QString(e.what()).startsWith("t.yaml:4: limits.max"), e.what());
        }
        try {
            f.allowOnly({"format", "version"});
            QFAIL("an unknown key was let through");
        } catch (const InputError &e) {
            QVERIFY2(QString(e.what()).contains("limits"), e.what());
        }
    }
};

QTEST_MAIN(TestYamlFields)
#include "tst_yamlfields.moc"
