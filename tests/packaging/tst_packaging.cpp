// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop integration files validate with the tools distributions use
// (appstreamcli for the AppStream metainfo, desktop-file-validate for the .desktop
// entry), and the package installs what they name; the Debian package built from this
// build tree is lintian-clean, holds the licence, the manual pages and the board's
// service unit, and systemd accepts the unit.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
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
        p.waitForFinished(300000);
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
        QCOMPARE(run(tool,
                     {"validate", "--no-net", CALIBRA_SOURCE_DIR "/packaging/io.github.calibra.Calibra.metainfo.xml"},
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
        for (const char *binary :
             {"calibra", "calibra-cli", "calibra-board", "calibra-finetuner", "calibra-nas", "calibra-farm-worker"})
            QVERIFY(xml.contains(QByteArray("<binary>") + binary + "</binary>"));
        QFile cmake(CALIBRA_SOURCE_DIR "/packaging/CMakeLists.txt");
        QVERIFY(cmake.open(QIODevice::ReadOnly));
        const QByteArray c = cmake.readAll();
        QVERIFY(c.contains("calibra.desktop") && c.contains("metainfo.xml") && c.contains("calibra.svg"));
    }

    // cpack -G DEB into a scratch folder, then lintian, the contents and the unit.
    void debianPackage()
    {
        for (const char *tool : {"cpack", "lintian", "dpkg-deb", "systemd-analyze"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(QString("%1 is not installed (scripts/setup.sh installs it)").arg(tool)));
        QTemporaryDir dir;
        QByteArray out;
        QCOMPARE(
            run("cpack", {"-G", "DEB", "--config", CALIBRA_BINARY_DIR "/CPackConfig.cmake", "-B", dir.path()}, &out),
            0);
        const QStringList debs = QDir(dir.path()).entryList({"calibra_*.deb"}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        const QString deb = dir.filePath(debs.first());

        // No error and no warning (information tags are not failures).
        QCOMPARE(run("lintian", {"--tag-display-limit", "0", deb}, &out), 0);
        for (const QByteArray &line : out.split('\n'))
            QVERIFY2(!line.startsWith("E: ") && !line.startsWith("W: "), out.constData());

        const QString root = dir.filePath("root");
        QCOMPARE(run("dpkg-deb", {"-x", deb, root}, &out), 0);
        for (const char *file :
             {"usr/share/doc/calibra/copyright", "usr/share/doc/calibra/changelog.gz",
              "usr/share/man/man1/calibra.1.gz", "usr/share/man/man1/calibra-cli.1.gz",
              "usr/share/man/man1/calibra-board.1.gz", "usr/share/man/man1/calibra-farm-worker.1.gz",
              "usr/share/man/man1/calibra-finetuner.1.gz", "lib/systemd/system/calibra-board.service",
              "usr/libexec/calibra/calibra-cli-torch", "usr/share/doc/calibra/examples/board.yaml"})
            QVERIFY2(QFile::exists(root + "/" + file), file);
        QFile copyright(root + "/usr/share/doc/calibra/copyright");
        QVERIFY(copyright.open(QIODevice::ReadOnly));
        QVERIFY(copyright.readAll().contains("License: GPL-3.0-or-later"));
        QVERIFY(QFile::exists(CALIBRA_SOURCE_DIR "/LICENSE"));

        // calibra-cli's page carries every command's own help.
        QCOMPARE(run("sh", {"-c", "zcat '" + root + "/usr/share/man/man1/calibra-cli.1.gz'"}, &out), 0);
        QVERIFY(out.contains("calibra-cli predictor evaluate") && out.contains("--measurements"));
        QVERIFY2(!out.contains(CALIBRA_BINARY_DIR), "a build path in the manual page");

        // systemd accepts the unit, pointed at the packaged program.
        QFile unit(root + "/lib/systemd/system/calibra-board.service");
        QVERIFY(unit.open(QIODevice::ReadOnly));
        const QByteArray text =
            unit.readAll().replace("/usr/bin/calibra-board", QFile::encodeName(root) + "/usr/bin/calibra-board");
        QVERIFY(text.contains("NoNewPrivileges=yes") && text.contains("ProtectSystem=strict")
                && text.contains("User=calibra-board"));
        QFile check(dir.filePath("calibra-board.service"));
        QVERIFY(check.open(QIODevice::WriteOnly));
        check.write(text);
        check.close();
        QCOMPARE(run("systemd-analyze", {"verify", "--man=no", check.fileName()}, &out), 0);
        QVERIFY2(out.trimmed().isEmpty(), out.constData()); // it exits 0 on ignored lines, but says so
    }
};

QTEST_GUILESS_MAIN(TestPackaging)
#include "tst_packaging.moc"
