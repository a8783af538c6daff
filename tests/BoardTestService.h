#pragma once
// One calibra-board process for tests and benchmarks (started with a config file,
// its address read from "listening on ..."); stopped with SIGKILL when destroyed.
#include <QByteArray>
#include <QProcess>
#include <QRegularExpression>
#include <QString>

#include <string>

class BoardTestService
{
public:
    explicit BoardTestService(const QString &config)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral(CALIBRA_BOARD), {QStringLiteral("--config"), config});
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
    const std::string &address() const { return m_address; }
    qint64 pid() const { return m_process.processId(); } // for killing from another thread
    QByteArray output() { return m_output + m_process.readAll(); }

private:
    QProcess m_process;
    std::string m_address;
    QByteArray m_output;
};
