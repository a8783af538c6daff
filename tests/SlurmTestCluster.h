// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A real Slurm cluster on 127.0.0.1 for tests and benchmarks: its own munged (own key
// and socket), slurmctld and one slurmd per node (slurmd -N), every node holding one
// `board:<class>` generic resource. Everything lives in one directory and is killed
// when the object goes, including job processes (found by their SLURM_CONF).
// Needs root (slurmd launches jobs as their user) and Debian's slurmctld, slurmd,
// slurm-client and munge.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QThread>

#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

class SlurmTestCluster
{
public:
    SlurmTestCluster(const QString &directory, int nodes, const QString &boardClass = QStringLiteral("sim"))
        : m_dir(directory), m_boardClass(boardClass)
    {
        for (int i = 1; i <= nodes; ++i)
            m_nodes << QStringLiteral("b%1").arg(i);
    }
    ~SlurmTestCluster() { stop(); }

    // Why the cluster cannot run here, or "" when it can.
    static QString unavailableReason()
    {
        if (geteuid() != 0)
            return QStringLiteral("needs root: slurmd launches jobs as their user");
        for (const char *program : {"munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(program), {"/usr/sbin", "/usr/bin", "/sbin", "/bin"})
                    .isEmpty())
                return QStringLiteral("%1 is not installed (Debian: slurmctld slurmd slurm-client munge)").arg(program);
        return {};
    }

    const QStringList &nodes() const { return m_nodes; }
    QString slurmConf() const { return m_dir + "/slurm.conf"; }
    const QString &error() const { return m_error; }

    bool start()
    {
        for (const char *sub : {"munge", "state", "log", "spool"})
            QDir().mkpath(m_dir + "/" + sub);
        QFile::setPermissions(m_dir + "/munge", QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeGroup
                                                    | QFile::ExeOther);
        QFile key(m_dir + "/munge/munge.key");
        QFile random(QStringLiteral("/dev/urandom"));
        if (!key.open(QIODevice::WriteOnly) || !random.open(QIODevice::ReadOnly))
            return fail("cannot write the munge key");
        key.write(random.read(1024));
        key.close();
        key.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        const QString socket = m_dir + "/munge/socket";
        if (!run("munged", {"--force", "--socket=" + socket, "--key-file=" + key.fileName(),
                            "--log-file=" + m_dir + "/log/munged.log", "--pid-file=" + m_dir + "/munge/munged.pid",
                            "--seed-file=" + m_dir + "/munge/seed"}))
            return false;

        QString conf =
            QStringLiteral("ClusterName=calibratest\nSlurmctldHost=localhost(127.0.0.1)\nSlurmctldPort=%1\n"
                           "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=%2\n"
                           "SlurmUser=root\nSlurmdUser=root\nStateSaveLocation=%3/state\nSlurmdSpoolDir=%3/spool/%n\n"
                           "SlurmctldPidFile=%3/slurmctld.pid\nSlurmdPidFile=%3/slurmd.%n.pid\n"
                           "SlurmctldLogFile=%3/log/slurmctld.log\nSlurmdLogFile=%3/log/slurmd.%n.log\n"
                           "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\nMpiDefault=none\n"
                           "SelectType=select/cons_tres\nSelectTypeParameters=CR_Core\nGresTypes=board\n"
                           // A dead node is noticed within seconds, not the default five minutes.
                           "SlurmdTimeout=5\nReturnToService=2\nMinJobAge=600\nKillWait=2\n"
                           // Start batch jobs as soon as they come (the default waits up to 3 s).
                           "SchedulerParameters=batch_sched_delay=0\n"
                           "JobCompType=jobcomp/none\nAccountingStorageType=accounting_storage/none\n")
                .arg(freePort())
                .arg(socket, m_dir);
        QString gres;
        for (const QString &node : m_nodes) {
            conf += QStringLiteral("NodeName=%1 NodeHostname=localhost NodeAddr=127.0.0.1 Port=%2 CPUs=2 "
                                   "Gres=board:%3:1 State=UNKNOWN\n")
                        .arg(node)
                        .arg(freePort())
                        .arg(m_boardClass);
            gres += QStringLiteral("NodeName=%1 Name=board Type=%2 Count=1\n").arg(node, m_boardClass);
        }
        conf += QStringLiteral("PartitionName=boards Nodes=%1 Default=YES MaxTime=INFINITE State=UP\n")
                    .arg(m_nodes.join(','));
        if (!write(slurmConf(), conf) || !write(m_dir + "/gres.conf", gres))
            return fail("cannot write slurm.conf");
        if (!run("slurmctld", {"-c", "-f", slurmConf()}))
            return false;
        for (const QString &node : m_nodes)
            if (!run("slurmd", {"-f", slurmConf(), "-N", node}))
                return false;
        // Every node idle, or give up after 30 s.
        for (int i = 0; i < 300; ++i) {
            QProcess sinfo;
            sinfo.setProcessEnvironment(environment());
            sinfo.start(QStringLiteral("sinfo"), {"-h", "-N", "-o", "%N %t"});
            sinfo.waitForFinished(5000);
            const QString out = QString::fromUtf8(sinfo.readAllStandardOutput());
            if (out.count(QStringLiteral(" idle")) == m_nodes.size())
                return true;
            QThread::msleep(100);
        }
        return fail("the nodes did not become idle within 30 s (see " + m_dir + "/log)");
    }

    // The node's host dies: its slurmd, the slurmstepd of each of its jobs and every
    // process of those jobs, SIGKILL.
    void killNode(const QString &node)
    {
        QList<QByteArray> steps;
        for (const QString &id : client("squeue", {"-h", "-w", node, "-o", "%A"}).split('\n', Qt::SkipEmptyParts))
            steps << "slurmstepd: [" + id.trimmed().toUtf8() + ".";
        const QByteArray slurmd = QByteArray("-N\0", 3) + node.toUtf8() + '\0';
        const QByteArray jobMark = "SLURMD_NODENAME=" + node.toUtf8() + '\0';
        const QByteArray mark = "SLURM_CONF=" + slurmConf().toUtf8() + '\0';
        for (pid_t pid : processes()) {
            const QByteArray cmdline = cmdlineOf(pid);
            bool step = false;
            for (const QByteArray &s : steps)
                step = step || cmdline.startsWith(s);
            // Daemons and jobs carry this cluster's SLURM_CONF, so another cluster with the
            // same node names is spared. A slurmstepd does not always carry it and is known
            // only by its job id, which another cluster may reuse: ctest never runs two
            // clusters at once (RESOURCE_LOCK slurm).
            const QByteArray env = environOf(pid);
            if (step || (env.contains(mark) && (cmdline.contains(slurmd) || env.contains(jobMark))))
                ::kill(pid, SIGKILL);
        }
    }

    // Runs a Slurm client command against this cluster; its standard output.
    QString client(const QString &program, const QStringList &arguments) const
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(program, arguments);
        p.waitForFinished(30000);
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SLURM_CONF"), slurmConf());
        return env;
    }

    void stop()
    {
        if (m_stopped)
            return;
        m_stopped = true;
        // Daemons and jobs carry our SLURM_CONF; munged is found by its pid file.
        const QByteArray mark = "SLURM_CONF=" + slurmConf().toUtf8() + '\0';
        for (pid_t pid : processes())
            if (pid != getpid() && environOf(pid).contains(mark))
                ::kill(pid, SIGKILL);
        QFile pidFile(m_dir + "/munge/munged.pid");
        if (pidFile.open(QIODevice::ReadOnly))
            if (const pid_t pid = pid_t(pidFile.readAll().trimmed().toInt()); pid > 1)
                ::kill(pid, SIGKILL);
    }

private:
    bool fail(const QString &what)
    {
        m_error = what;
        return false;
    }
    bool run(const QString &program, const QStringList &arguments)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, arguments);
        if (!p.waitForFinished(30000) || p.exitCode() != 0)
            return fail(program + " failed: " + QString::fromUtf8(p.readAll()) + " (see " + m_dir + "/log)");
        return true;
    }
    static bool write(const QString &path, const QString &text)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) > 0;
    }
    static int freePort()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
        const int port = ntohs(a.sin_port);
        ::close(fd);
        return port;
    }
    static QList<pid_t> processes()
    {
        QList<pid_t> out;
        for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs))
            if (bool ok = false; entry.toInt(&ok) > 0 && ok)
                out << pid_t(entry.toInt());
        return out;
    }
    static QByteArray readProc(pid_t pid, const char *what)
    {
        QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(what)));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static QByteArray environOf(pid_t pid) { return readProc(pid, "environ"); }
    static QByteArray cmdlineOf(pid_t pid) { return readProc(pid, "cmdline"); }

    QString m_dir, m_boardClass, m_error;
    QStringList m_nodes;
    bool m_stopped = false;
};
