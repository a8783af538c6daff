// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where runs validate: the local simulator, tethered boards reached through
// calibra-board services (addresses, the services' CA, this client's certificate and
// key), or a Slurm board farm configured in the project file. "Test Connection" asks
// every service for its capabilities on a worker thread and shows what each answered (or
// why it did not).
#include "LatestTask.h"
#include "boardclient/BoardValidator.h"
#include "project/Project.h"
#include "validate/BoardConnection.h"

#include <QGroupBox>

#include <vector>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace calibra::validate {
struct ServiceStatus;
}

namespace calibra::widgets {

class ConnectionPanel : public QGroupBox
{
    Q_OBJECT
public:
    explicit ConnectionPanel(QWidget *parent = nullptr);
    ~ConnectionPanel() override;

    // A project's validator, with the board connection; a farm and a table can be chosen
    // only when the project configures them.
    void setValidator(pipeline::ValidatorKind validator, const validate::BoardConnection &connection,
                      bool farmConfigured = false, bool tableConfigured = false);
    pipeline::ValidatorKind validator() const;
    validate::BoardConnection connection() const;
    // A project that works through a conditional-finetuning service: the service chooses
    // the validator, so the choice here is shown off and the panel says so.
    void setFinetuningService(const FinetunerConnection &service);

    // Probes the services off the GUI thread; emits tested when they have answered.
    void testConnection();
    QString status() const;

    QLineEdit *servicesEdit() const { return m_services; }

Q_SIGNALS:
    void tested(bool anyReachable);

private:
    void updateEnabled();
    QLineEdit *fileRow(const QString &what, QFormLayout *form, const QString &label);

    QComboBox *m_kind;
    QLineEdit *m_services, *m_ca, *m_cert, *m_key;
    QPushButton *m_test;
    QLabel *m_status;
    validate::BoardConnection m_rest; // deadline, chunk size, failures: kept as the project had them
    FinetunerConnection m_service;
    void showProbe(const std::vector<validate::ServiceStatus> &services);
    LatestTask<std::vector<validate::ServiceStatus>> m_probe{
        this, [this](const std::vector<validate::ServiceStatus> &services) { showProbe(services); }};
};

} // namespace calibra::widgets
