// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One calibra-board process for tests and benchmarks (started with a config file,
// its address read from "listening on ..."); stopped with SIGKILL when destroyed. Any
// Calibra service that says "listening on ADDRESS" runs the same way (`program`:
// calibra-finetuner).
#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QString>

#include <string>

#include <unistd.h>

// Writes a calibra-board configuration to `path` (returns it, or "" when it cannot):
// mutual TLS with the development certificates in `certs` (scripts/make-dev-certs.sh),
// `backend` as YAML, `user: nobody` when run as root (the service refuses to serve as
// root), the client "calibra" at 1000 requests/s unless `extra` (more top-level YAML)
// has its own clients.
inline QString writeBoardTestConfig(const QString &path, const QString &certs, const QString &backend,
                                    const QString &extra = {}, const QString &listen = QStringLiteral("127.0.0.1:0"))
{
    QString text = QStringLiteral("format: calibra-board-config\nversion: 1\nlisten: %1\n"
                                  "tls: {ca: %2/ca.pem, cert: %2/server.pem, key: %2/server.key}\n"
                                  "backend: %3\n")
                       .arg(listen, certs, backend);
    if (geteuid() == 0)
        text += QStringLiteral("user: nobody\n");
    if (!extra.contains(QStringLiteral("clients:")))
        text += QStringLiteral("clients:\n  - {name: calibra, max_requests_per_second: 1000, burst: 1000}\n");
    text += extra;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) != text.toUtf8().size())
        return {};
    return f.fileName();
}

class BoardTestService
{
public:
    explicit BoardTestService(const QString &config, const QString &program = QStringLiteral(CALIBRA_BOARD),
                              const QStringList &arguments = {})
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(program, QStringList{QStringLiteral("--config"), config} + arguments);
        QByteArray out;
        while (!out.contains("listening on") && m_process.waitForReadyRead(20000))
            out += m_process.readAll();
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("listening on (\\S+)")).match(QString::fromUtf8(out));
        m_address = m.hasMatch() ? m.captured(1).toStdString() : std::string();
        m_output = out;
    }
    ~BoardTestService() { kill(); }
    BoardTestService(const BoardTestService &) = delete;
    BoardTestService &operator=(const BoardTestService &) = delete;

    void kill()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    // SIGTERM, as an operator stops it; false when it has not ended within `ms`.
    bool stop(int ms = 60000)
    {
        if (m_process.state() == QProcess::NotRunning)
            return true;
        m_process.terminate();
        return m_process.waitForFinished(ms);
    }
    const std::string &address() const { return m_address; }
    qint64 pid() const { return m_process.processId(); } // for killing from another thread
    QByteArray output() { return m_output + m_process.readAll(); }

private:
    QProcess m_process;
    std::string m_address;
    QByteArray m_output;
};
