// SPDX-License-Identifier: GPL-3.0-or-later
// A NAS request's search container: a worker process on this host, and a Slurm job on a
// real cluster on 127.0.0.1 (root only), with a stand-in worker (a shell script that
// records its arguments and sleeps, fails or ends as told), and a Slurm job running
// calibra-cli itself. Each runs the project or resumes its run, says how it ended, is
// cancelled, and is adopted by a service that starts again; nothing is adopted that no
// longer runs, and a job is not given up while Slurm does not answer.
#include "RequireSlurm.h"
#include "SmallRuns.h"
#include "farm/Slurm.h"
#include "nas/SearchContainer.h"
#include "pipeline/RunSnapshot.h"
#include "pipeline/SearchJobs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace calibra;
using namespace calibra::nas;

namespace {

// Records its arguments in $CONTAINER_TEST_OUT, then does what $CONTAINER_TEST_MODE says:
// ok (ends), exit3 (fails), sleep (until interrupted, as calibra-cli ends then: code 130).
const char *kStandIn = R"(#!/bin/sh
# Interrupted from its first line on (as calibra-cli is once it runs): the test waits for
# its arguments, then may signal it at once.
trap 'kill $child 2>/dev/null; exit 130' INT TERM
echo "$@" > "$CONTAINER_TEST_OUT"
case "$CONTAINER_TEST_MODE" in
  exit3) exit 3 ;;
  sleep) sleep 60 & child=$!; wait $child ;;
esac
exit 0
)";

} // namespace

class TestSearchContainer : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_standIn;
    std::unique_ptr<SlurmTestCluster> m_cluster;
    int m_requests = 0;

    // How the search tells its user to reach it: through the service, by request id.
    static std::string accessArguments(const ContainerFiles &files)
    {
        return " --nas-request " + QFileInfo(QString::fromStdString(files.directory)).fileName().toStdString();
    }

    ContainerFiles newRequest()
    {
        const QString dir = m_dir.filePath(QString("request-%1").arg(++m_requests));
        QDir().mkpath(dir);
        QFile(dir + "/project.yaml").open(QIODevice::WriteOnly);
        return ContainerFiles::of(dir.toStdString());
    }

    NasConfig config(ContainerKind kind, const QString &worker = {}) const
    {
        NasConfig c;
        c.container = kind;
        c.worker = (worker.isEmpty() ? m_standIn : worker).toStdString();
        if (m_cluster)
            c.slurm.conf = m_cluster->slurmConf().toStdString();
        return c;
    }

    static void setMode(const char *mode, const QString &out)
    {
        qputenv("CONTAINER_TEST_MODE", mode);
        qputenv("CONTAINER_TEST_OUT", out.toLocal8Bit());
    }

    static QString readAll(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    }

    // Polls until the container ends (at most `seconds`).
    static std::optional<ContainerEnd> waitForEnd(SearchContainer &c, int seconds = 60)
    {
        for (int i = 0; i < seconds * 10; ++i) {
            if (auto end = c.poll())
                return end;
            QTest::qWait(100);
        }
        return std::nullopt;
    }

    // Skips, or fails where Slurm is required (CI sets CALIBRA_REQUIRE_SLURM).
    bool clusterUp()
    {
        if (m_cluster)
            return true;
        if (!slurmCanRun(__FILE__, __LINE__))
            return false;
        auto cluster = std::make_unique<SlurmTestCluster>(m_dir.filePath("slurm"), 1);
        if (!cluster->start()) {
            QTest::qFail(qPrintable(cluster->error()), __FILE__, __LINE__);
            return false;
        }
        m_cluster = std::move(cluster);
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_standIn = m_dir.filePath("worker.sh");
        QFile f(m_standIn);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kStandIn);
        f.close();
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }

    void aLocalWorkerRunsTheProjectOrResumesItsRun()
    {
        const ContainerFiles files = newRequest();
        const QString out = m_dir.filePath("local-args");
        setMode("ok", out);
        auto first = startContainer(config(ContainerKind::Local), files);
        QVERIFY(QString::fromStdString(first->describe()).startsWith("worker pid "));
        auto end = waitForEnd(*first);
        QVERIFY(end);
        QCOMPARE(QString::fromStdString(end->abnormal), QString());
        const std::string hint = accessArguments(files);
        QCOMPARE(readAll(out), QString::fromStdString("run " + files.project + " -d " + files.run + hint));

        QVERIFY(QDir().mkpath(QString::fromStdString(files.run)));
        QFile(QString::fromStdString(files.run) + "/run.sqlite").open(QIODevice::WriteOnly);
        auto again = startContainer(config(ContainerKind::Local), files);
        QVERIFY(waitForEnd(*again));
        QCOMPARE(readAll(out), QString::fromStdString("run --resume " + files.run + hint));
    }

    // The service restarts: the worker it left is found by its pid file, followed and
    // cancelled; cancelled, it ends as a search interrupted on purpose.
    void aLocalWorkerIsAdoptedAndCancelled()
    {
        const ContainerFiles files = newRequest();
        setMode("sleep", m_dir.filePath("adopt-args"));
        auto started = startContainer(config(ContainerKind::Local), files);
        QTRY_VERIFY(QFile::exists(m_dir.filePath("adopt-args")));
        QVERIFY(!started->poll());
        auto adopted = adoptContainer(config(ContainerKind::Local), files);
        QVERIFY(adopted);
        QVERIFY2(QString::fromStdString(adopted->describe()).contains("adopted"), adopted->describe().c_str());
        QVERIFY(!adopted->poll());
        adopted->cancel();
        const auto end = waitForEnd(*started);
        QVERIFY(end);
        QCOMPARE(QString::fromStdString(end->abnormal), QString());    // 130: interrupted, as asked
        QVERIFY(waitForEnd(*adopted));                                 // the adopted one sees it end too
        QVERIFY(!adoptContainer(config(ContainerKind::Local), files)); // nothing runs any more
    }

    void aWorkerThatDiesOrFailsSaysHow()
    {
        const ContainerFiles killed = newRequest();
        setMode("sleep", m_dir.filePath("killed-args"));
        auto c = startContainer(config(ContainerKind::Local), killed);
        QTRY_VERIFY(QFile::exists(m_dir.filePath("killed-args")));
        const int pid = readAll(QString::fromStdString(killed.directory) + "/worker.pid").section(' ', 0, 0).toInt();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid, SIGKILL), 0);
        auto end = waitForEnd(*c);
        QVERIFY(end);
        QVERIFY2(QString::fromStdString(end->abnormal).contains("killed by signal 9"), end->abnormal.c_str());

        setMode("exit3", m_dir.filePath("failed-args"));
        auto failed = startContainer(config(ContainerKind::Local), newRequest());
        end = waitForEnd(*failed);
        QVERIFY(end);
        QVERIFY2(QString::fromStdString(end->abnormal).contains("exited with code 3"), end->abnormal.c_str());

        NasConfig missing = config(ContainerKind::Local);
        missing.worker = m_dir.filePath("no-such-worker").toStdString();
        try {
            startContainer(missing, newRequest());
            QFAIL("a worker that does not exist was started");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString(e.what()).contains("cannot start the worker"), e.what());
        }
    }

    // A pid file whose process has ended, or whose pid now names another process, adopts
    // nothing; neither does a folder without one.
    void nothingIsAdoptedThatNoLongerRuns()
    {
        const ContainerFiles files = newRequest();
        QVERIFY(!adoptContainer(config(ContainerKind::Local), files));
        const auto writePidFile = [&](const QString &text) {
            QFile f(QString::fromStdString(files.directory) + "/worker.pid");
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text.toUtf8());
        };
        writePidFile(QString("%1 1").arg(getpid())); // a live pid, started at another time
        QVERIFY(!adoptContainer(config(ContainerKind::Local), files));
        writePidFile(QStringLiteral("999999999 12345"));
        QVERIFY(!adoptContainer(config(ContainerKind::Local), files));
        writePidFile(QStringLiteral("garbage"));
        QVERIFY(!adoptContainer(config(ContainerKind::Local), files));
    }

    // A job whose controller does not answer (here: no slurm.conf at all) is adopted and
    // followed, not taken for ended; one Slurm does not know is not adopted.
    void aSlurmJobIsNotGivenUpWhileSlurmDoesNotAnswer()
    {
        const ContainerFiles files = newRequest();
        QFile job(QString::fromStdString(files.directory) + "/slurm-job");
        QVERIFY(job.open(QIODevice::WriteOnly));
        job.write("4242");
        job.close();
        NasConfig away = config(ContainerKind::Slurm);
        away.slurm.conf = m_dir.filePath("no-such/slurm.conf").toStdString();
        auto adopted = adoptContainer(away, files);
        QVERIFY(adopted);
        QVERIFY(!adopted->poll());
        QVERIFY2(QString::fromStdString(adopted->describe()).contains("Slurm does not answer"),
                 adopted->describe().c_str());
        forgetContainer(files);
        QVERIFY(!adoptContainer(away, files)); // forgotten once ended
        if (!clusterUp())
            return;
        QVERIFY(job.open(QIODevice::WriteOnly));
        job.write("987654"); // never submitted
        job.close();
        QVERIFY(!adoptContainer(config(ContainerKind::Slurm), files));
    }

    // A Slurm job runs `calibra-cli farm task` on the request's task (which starts or
    // resumes the run), is followed by its job id, adopted after a restart, cancelled with
    // scancel, and names its end when Slurm ended it.
    void aSlurmJobRunsIsAdoptedAndCancelled()
    {
        if (!clusterUp())
            return;
        const ContainerFiles files = newRequest();
        const QString out = m_dir.filePath("slurm-args");
        setMode("ok", out);
        auto job = startContainer(config(ContainerKind::Slurm), files);
        QVERIFY2(QString::fromStdString(job->describe()).startsWith("Slurm job "), job->describe().c_str());
        auto end = waitForEnd(*job);
        QVERIFY(end);
        QCOMPARE(QString::fromStdString(end->abnormal), QString());
        QCOMPARE(readAll(out), QString::fromStdString("farm task " + files.directory + "/task.tsv --index 0"
                                                      + accessArguments(files)));
        QCOMPARE(readAll(QString::fromStdString(files.directory) + "/task.tsv"),
                 QString::fromStdString(files.project + "\t" + files.run));

        const ContainerFiles sleeping = newRequest();
        setMode("sleep", m_dir.filePath("slurm-sleep-args"));
        auto running = startContainer(config(ContainerKind::Slurm), sleeping);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_dir.filePath("slurm-sleep-args")), 60000);
        auto adopted = adoptContainer(config(ContainerKind::Slurm), sleeping);
        QVERIFY(adopted);
        QTRY_VERIFY_WITH_TIMEOUT(!adopted->poll() && QString::fromStdString(adopted->describe()).contains("RUNNING"),
                                 30000);
        // The Farm tab and `calibra-cli farm list` show it as a search, with its run directory.
        bool listed = false;
        for (const pipeline::FarmJobStatus &j : pipeline::farmJobs(farm::Slurm(m_cluster->slurmConf().toStdString())))
            listed = listed || (j.kind == "search" && j.runDir == sleeping.run);
        QVERIFY(listed);
        // Submitted, but its id never written (the service died in between): found by
        // its name, adopted, and its id written, so that no second job runs the search.
        const QString jobFile = QString::fromStdString(sleeping.directory) + "/slurm-job";
        const QString id = readAll(jobFile);
        QVERIFY(QFile::remove(jobFile));
        auto found = adoptContainer(config(ContainerKind::Slurm), sleeping);
        QVERIFY(found);
        QVERIFY2(QString::fromStdString(found->describe()).startsWith("Slurm job " + id), found->describe().c_str());
        QCOMPARE(readAll(jobFile), id);
        adopted->cancel();
        end = waitForEnd(*adopted);
        QVERIFY(end);
        QCOMPARE(QString::fromStdString(end->abnormal), QString());
        QVERIFY(!adoptContainer(config(ContainerKind::Slurm), sleeping)); // it has ended
        QVERIFY(QFile::remove(jobFile));
        QVERIFY(!adoptContainer(config(ContainerKind::Slurm), sleeping)); // nor found by name

        setMode("exit3", m_dir.filePath("slurm-failed-args"));
        auto failed = startContainer(config(ContainerKind::Slurm), newRequest());
        end = waitForEnd(*failed);
        QVERIFY(end);
        QVERIFY2(QString::fromStdString(end->abnormal).contains("ended FAILED"), end->abnormal.c_str());

        const ContainerFiles outside = newRequest();
        setMode("sleep", m_dir.filePath("slurm-outside-args"));
        auto cancelledOutside = startContainer(config(ContainerKind::Slurm), outside);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_dir.filePath("slurm-outside-args")), 60000);
        farm::Slurm(m_cluster->slurmConf().toStdString())
            .cancel({readAll(QString::fromStdString(outside.directory) + "/slurm-job").toStdString()});
        end = waitForEnd(*cancelledOutside);
        QVERIFY(end);
        QVERIFY2(QString::fromStdString(end->abnormal).contains("cancelled outside the service"),
                 end->abnormal.c_str());
    }

    // The real worker in a Slurm job: the small search runs to its end.
    void aSlurmJobRunsASearch()
    {
        if (!clusterUp())
            return;
        const ContainerFiles files = newRequest();
        pipeline::Project p = smallResNetProject(QString::fromStdString(files.directory), "slurm-search");
        p.estimator = supernet::EstimatorKind::Params;
        p.file = files.project;
        QFile project(QString::fromStdString(files.project));
        QVERIFY(project.open(QIODevice::WriteOnly));
        project.write(QByteArray::fromStdString(pipeline::projectToYaml(p)));
        project.close();
        auto job = startContainer(config(ContainerKind::Slurm, QStringLiteral(CALIBRA_CLI)), files);
        const auto end = waitForEnd(*job, 300);
        QVERIFY(end);
        QVERIFY2(end->abnormal.empty(),
                 qPrintable(QString::fromStdString(end->abnormal) + "\n" + readAll(QString::fromStdString(files.log))));
        QCOMPARE(pipeline::readRunSnapshot(files.run).status, pipeline::RunStatus::Finished);
    }
};

QTEST_MAIN(TestSearchContainer)
#include "tst_searchcontainer.moc"
