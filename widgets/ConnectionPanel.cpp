// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionPanel.h"

#include "boardclient/BoardValidator.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>

namespace calibra::widgets {

ConnectionPanel::ConnectionPanel(QWidget *parent) : QGroupBox(tr("Validator"), parent)
{
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Local simulator"), int(pipeline::ValidatorKind::Simulator));
    m_kind->addItem(tr("Tethered board (calibra-board)"), int(pipeline::ValidatorKind::Board));
    // Only a project with a farm section can validate there: its Slurm and spool
    // settings come from the project file (docs/farm.md).
    m_kind->addItem(tr("Slurm board farm (the project's settings)"), int(pipeline::ValidatorKind::Farm));
    // Likewise a measurement table: the project names its file and device column.
    m_kind->addItem(tr("Measurement table (the project's file)"), int(pipeline::ValidatorKind::Table));
    m_services = new QLineEdit(this);
    m_services->setPlaceholderText(tr("host:port, host:port"));
    m_services->setToolTip(tr("calibra-board services; batches are shared among them"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("Validate on"), m_kind);
    form->addRow(tr("Services"), m_services);
    m_ca = fileRow(tr("the services' CA certificate"), form, tr("CA"));
    m_cert = fileRow(tr("this client's certificate"), form, tr("Certificate"));
    m_key = fileRow(tr("this client's key"), form, tr("Key"));
    m_test = new QPushButton(tr("Test Connection"), this);
    form->addRow(QString(), m_test);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_status);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectionPanel::updateEnabled);
    connect(m_test, &QPushButton::clicked, this, &ConnectionPanel::testConnection);
    updateEnabled();
}

ConnectionPanel::~ConnectionPanel() = default; // the probe's 5 s deadline bounds the wait for it

void ConnectionPanel::showProbe(const std::vector<validate::ServiceStatus> &services)
{
    QStringList lines;
    bool any = false;
    for (const validate::ServiceStatus &s : services) {
        const QString address = QString::fromStdString(s.address);
        if (s.reachable) {
            any = true;
            lines << tr("%1: connected (%2 on %3)")
                         .arg(address, QString::fromStdString(s.backend), QString::fromStdString(s.targetClass));
        } else {
            lines << tr("%1: FAILED: %2").arg(address, QString::fromStdString(s.error));
        }
    }
    m_status->setText(lines.join(QLatin1Char('\n')));
    m_test->setEnabled(true);
    Q_EMIT tested(any);
}

QLineEdit *ConnectionPanel::fileRow(const QString &what, QFormLayout *form, const QString &label)
{
    auto *edit = new QLineEdit(this);
    edit->setToolTip(tr("PEM file: %1").arg(what));
    auto *browse = new QPushButton(tr("Browse..."), this);
    connect(browse, &QPushButton::clicked, this, [this, edit, what] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose %1").arg(what), edit->text(),
                                                       tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!f.isEmpty())
            edit->setText(f);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    return edit;
}

void ConnectionPanel::updateEnabled()
{
    const bool viaService = m_service.enabled();
    const bool board = validator() == pipeline::ValidatorKind::Board && !viaService;
    m_kind->setEnabled(!viaService);
    for (QWidget *w : {static_cast<QWidget *>(m_services), static_cast<QWidget *>(m_ca), static_cast<QWidget *>(m_cert),
                       static_cast<QWidget *>(m_key)})
        w->setEnabled(board);
    m_test->setEnabled(board && !m_probe.isRunning());
    if (viaService) {
        m_status->setText(
            tr("This project validates, checks and finetunes through the finetuning service %1 "
               "(platform %2), which chooses the validator (docs/services.md).")
                .arg(QString::fromStdString(m_service.address), QString::fromStdString(m_service.platformId)));
        return;
    }
    const QString simulatorNote = tr("Runs validate on the local simulator.");
    const QString farmNote = tr("Runs submit their validations to Slurm as the project's validator section says; "
                                "the Farm tab lists the jobs.");
    if (validator() == pipeline::ValidatorKind::Simulator)
        m_status->setText(simulatorNote);
    else if (validator() == pipeline::ValidatorKind::Farm)
        m_status->setText(farmNote);
    else if (m_status->text() == simulatorNote || m_status->text() == farmNote)
        m_status->clear();
}

void ConnectionPanel::setValidator(pipeline::ValidatorKind validator, const validate::BoardConnection &connection,
                                   bool farmConfigured, bool tableConfigured)
{
    m_rest = connection;
    if (auto *items = qobject_cast<QStandardItemModel *>(m_kind->model())) {
        items->item(m_kind->findData(int(pipeline::ValidatorKind::Farm)))->setEnabled(farmConfigured);
        items->item(m_kind->findData(int(pipeline::ValidatorKind::Table)))->setEnabled(tableConfigured);
    }
    using pipeline::ValidatorKind;
    const bool known = validator == ValidatorKind::Board || (validator == ValidatorKind::Farm && farmConfigured)
                       || (validator == ValidatorKind::Table && tableConfigured);
    m_kind->setCurrentIndex(m_kind->findData(int(known ? validator : ValidatorKind::Simulator)));
    QStringList services;
    for (const std::string &s : connection.services)
        services << QString::fromStdString(s);
    m_services->setText(services.join(QStringLiteral(", ")));
    m_ca->setText(QString::fromStdString(connection.caFile));
    m_cert->setText(QString::fromStdString(connection.certFile));
    m_key->setText(QString::fromStdString(connection.keyFile));
    updateEnabled();
}

void ConnectionPanel::setFinetuningService(const FinetunerConnection &service)
{
    m_service = service;
    if (!service.enabled())
        m_status->clear();
    updateEnabled();
}

pipeline::ValidatorKind ConnectionPanel::validator() const
{
    return pipeline::ValidatorKind(m_kind->currentData().toInt());
}

validate::BoardConnection ConnectionPanel::connection() const
{
    validate::BoardConnection c = m_rest;
    c.services.clear();
    for (const QString &s : m_services->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!s.trimmed().isEmpty())
            c.services.push_back(s.trimmed().toStdString());
    c.caFile = m_ca->text().trimmed().toStdString();
    c.certFile = m_cert->text().trimmed().toStdString();
    c.keyFile = m_key->text().trimmed().toStdString();
    return c;
}

void ConnectionPanel::testConnection()
{
    const validate::BoardConnection c = connection();
    if (c.services.empty()) {
        m_status->setText(tr("Enter at least one service address (host:port)."));
        Q_EMIT tested(false);
        return;
    }
    m_test->setEnabled(false);
    m_status->setText(tr("Connecting..."));
    m_probe.start([c](const std::atomic<bool> &) { return validate::BoardValidator::probe(c, 5); });
}

QString ConnectionPanel::status() const
{
    return m_status->text();
}

} // namespace calibra::widgets
