// SPDX-License-Identifier: GPL-3.0-or-later
// The project's validator choice: the simulator of the project's platform, a measurement
// table that names its file when it cannot be read, a board configuration without a
// service refused.
#include "graph/NetworkFile.h"
#include "hardware/Platform.h"
#include "hardware/TargetSetting.h"
#include "pipeline/ProjectValidator.h"

#include <QTest>

using namespace calibra;
using namespace calibra::pipeline;

class TestProjectValidator : public QObject
{
    Q_OBJECT
    const hardware::Platform m_platform = hardware::loadPlatform("builtin:edge-npu-s");
    const std::shared_ptr<const graph::Network> m_reference =
        std::make_shared<const graph::Network>(graph::loadNetwork("builtin:resnet_fmnist"));

    // The message makeValidator throws for `project`; empty when it builds a backend.
    QString errorOf(const Project &project)
    {
        try {
            makeValidator(project, m_platform, m_reference);
        } catch (const std::exception &e) {
            return e.what();
        }
        return {};
    }

private Q_SLOTS:
    void simulatorOfTheProjectsPlatform()
    {
        Project p = demoProject();
        p.validator = ValidatorKind::Simulator;
        const ProjectValidator v = makeValidator(p, m_platform, m_reference);
        QVERIFY(v.backend);
        QVERIFY(!v.probe);
        QCOMPARE(v.backend->backendId(), std::string("simulator/edge-npu-s"));
        const auto metrics = v.backend->validate({{m_reference, hardware::defaultSetting(m_platform)}}, nullptr);
        QVERIFY(metrics.front().ok);
        QVERIFY(metrics.front().latencyMs > 0);
    }

    void unreadableTableNamesItsFile()
    {
        Project p = demoProject();
        p.validator = ValidatorKind::Table;
        p.measurementTable = "/nonexistent/measured.csv";
        const QString e = errorOf(p);
        QVERIFY2(e.contains("/nonexistent/measured.csv"), qPrintable(e));
    }

    void boardWithoutAServiceIsRefused()
    {
        Project p = demoProject();
        p.validator = ValidatorKind::Board;
        p.board.services.clear();
        const QString e = errorOf(p);
        QVERIFY2(e.contains("no board service"), qPrintable(e));
    }
};

QTEST_GUILESS_MAIN(TestProjectValidator)
#include "tst_projectvalidator.moc"
