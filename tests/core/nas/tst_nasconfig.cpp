// SPDX-License-Identifier: GPL-3.0-or-later
// The NAS service's configuration: its search containers (a worker on this host or a
// Slurm job), paths taken relative to the file, and errors that name file, line and field.
#include "nas/NasConfig.h"

#include "base/InputError.h"

#include <QTest>

using namespace calibra;
using namespace calibra::nas;

namespace {

const std::string kHead = "format: calibra-nas-config\nversion: 1\ntls: {ca: ca.pem, cert: s.pem, key: s.key}\n"
                          "runs: runs\n";

} // namespace

class TestNasConfig : public QObject
{
    Q_OBJECT

    static QString refusal(const std::string &text)
    {
        try {
            parseNasConfig(kHead + text, "/etc/calibra/nas.yaml");
        } catch (const base::InputError &e) {
            return QString::fromUtf8(e.what());
        }
        return {};
    }

private Q_SLOTS:
    void aLocalContainerIsTheDefault()
    {
        const NasConfig c = parseNasConfig(kHead, "/etc/calibra/nas.yaml");
        QCOMPARE(c.container, ContainerKind::Local);
        QCOMPARE(c.runs, std::string("/etc/calibra/runs"));
        QCOMPARE(c.caFile, std::string("/etc/calibra/ca.pem"));
        QCOMPARE(c.maxRunning, 1);
    }

    void aSlurmContainerNamesItsCluster()
    {
        const NasConfig c = parseNasConfig(
            kHead
                + "container: slurm\nslurm: {conf: slurm/slurm.conf, partition: gpu, time_limit_s: 7200}\n"
                  "max_running: 8\nworker: /opt/calibra/bin/calibra-cli\n",
            "/etc/calibra/nas.yaml");
        QCOMPARE(c.container, ContainerKind::Slurm);
        QCOMPARE(c.slurm.conf, std::string("/etc/calibra/slurm/slurm.conf"));
        QCOMPARE(c.slurm.partition, std::string("gpu"));
        QCOMPARE(c.slurm.timeLimitSeconds, 7200.0);
        QCOMPARE(c.maxRunning, 8);
        QCOMPARE(c.worker, std::string("/opt/calibra/bin/calibra-cli"));
    }

    void containerKindsHaveNames()
    {
        for (ContainerKind k : {ContainerKind::Local, ContainerKind::Slurm}) {
            ContainerKind back = ContainerKind::Local;
            QVERIFY(parseContainerKind(containerKindName(k), &back));
            QCOMPARE(back, k);
        }
        ContainerKind unchanged = ContainerKind::Slurm;
        QVERIFY(!parseContainerKind("docker", &unchanged));
        QCOMPARE(unchanged, ContainerKind::Slurm);
    }

    void mistakesAreNamed()
    {
        QCOMPARE(refusal("container: docker\n"), QString("/etc/calibra/nas.yaml:5: container: must be local or slurm"));
        QVERIFY2(refusal("slurm: {partition: gpu}\n").contains("slurm: is read only with container: slurm"),
                 qPrintable(refusal("slurm: {partition: gpu}\n")));
        QVERIFY2(refusal("container: slurm\nslurm: {partiton: gpu}\n").contains("partiton"),
                 qPrintable(refusal("container: slurm\nslurm: {partiton: gpu}\n")));
        QVERIFY2(refusal("container: slurm\nslurm: {time_limit_s: -1}\n").contains("slurm.time_limit_s"),
                 qPrintable(refusal("container: slurm\nslurm: {time_limit_s: -1}\n")));
        try {
            loadNasConfig("/no/such/nas.yaml");
            QFAIL("a missing configuration was read");
        } catch (const base::InputError &e) {
            QCOMPARE(QString(e.what()), QString("/no/such/nas.yaml: cannot read the NAS service configuration"));
        }
    }
};

QTEST_MAIN(TestNasConfig)
#include "tst_nasconfig.moc"
