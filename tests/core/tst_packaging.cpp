// The desktop integration files validate with the tools distributions use
// (appstreamcli for the AppStream metainfo, desktop-file-validate for the .desktop
// entry), and the package installs what they name.
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

class TestPackaging : public QObject
{
    Q_OBJECT

    static int run(const QString &program, const QStringList &args, QByteArray *output)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        p.waitForFinished(60000);
        *output = p.readAll();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private Q_SLOTS:
    void metainfoValidates()
    {
        const QString tool = QStandardPaths::findExecutable("appstreamcli");
        if (tool.isEmpty())
            QSKIP("appstreamcli is not installed (scripts/setup.sh installs appstream)");
        QByteArray out;
        QCOMPARE(run(tool, {"validate", "--no-net", CALIBRA_SOURCE_DIR "/packaging/io.github.calibra.Calibra.metainfo.xml"},
                     &out),
                 0);
        QVERIFY2(!out.contains("E:") && !out.contains("W:"), out.constData()); // no errors, no warnings
    }

    void desktopEntryValidates()
    {
        const QString tool = QStandardPaths::findExecutable("desktop-file-validate");
        if (tool.isEmpty())
            QSKIP("desktop-file-validate is not installed (scripts/setup.sh installs desktop-file-utils)");
        QByteArray out;
        QCOMPARE(run(tool, {CALIBRA_SOURCE_DIR "/packaging/calibra.desktop"}, &out), 0);
        QVERIFY2(out.trimmed().isEmpty(), out.constData());
    }

    void metainfoNamesWhatIsInstalled()
    {
        QFile f(CALIBRA_SOURCE_DIR "/packaging/io.github.calibra.Calibra.metainfo.xml");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray xml = f.readAll();
        QVERIFY(xml.contains("<launchable type=\"desktop-id\">calibra.desktop</launchable>"));
        QVERIFY(QFile::exists(CALIBRA_SOURCE_DIR "/packaging/calibra.desktop"));
        QVERIFY(QFile::exists(CALIBRA_SOURCE_DIR "/packaging/icons/calibra.svg"));
        for (const char *binary : {"calibra", "calibra-cli", "calibra-board", "calibra-farm-worker"})
            QVERIFY(xml.contains(QByteArray("<binary>") + binary + "</binary>"));
        QFile cmake(CALIBRA_SOURCE_DIR "/packaging/CMakeLists.txt");
        QVERIFY(cmake.open(QIODevice::ReadOnly));
        const QByteArray c = cmake.readAll();
        QVERIFY(c.contains("calibra.desktop") && c.contains("metainfo.xml") && c.contains("calibra.svg"));
    }
};

QTEST_GUILESS_MAIN(TestPackaging)
#include "tst_packaging.moc"
