// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli nas submit | status | watch | cancel | resume | fetch: searches on a NAS service
// (calibra-nas, docs/services.md), each in a container of its own there.
#include "CliCommands.h"

#include "nasclient/NasClient.h"
#include "nasclient/ResultFiles.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>

#include <cstdio>

namespace calibra::cli {

namespace {

struct ServiceOptions
{
    QCommandLineOption service{QStringLiteral("service"), QStringLiteral("The NAS service's address."),
                               QStringLiteral("HOST:PORT")};
    QCommandLineOption ca{QStringLiteral("ca"), QStringLiteral("The service's CA certificate (PEM)."),
                          QStringLiteral("FILE")};
    QCommandLineOption cert{QStringLiteral("cert"), QStringLiteral("This client's certificate (PEM)."),
                            QStringLiteral("FILE")};
    QCommandLineOption key{QStringLiteral("key"), QStringLiteral("This client's key (PEM)."), QStringLiteral("FILE")};

    void add(QCommandLineParser &parser) const { parser.addOptions({service, ca, cert, key}); }

    nas::NasConnection read(const QCommandLineParser &parser) const
    {
        nas::NasConnection c;
        c.address = parser.value(service).toStdString();
        c.caFile = parser.value(ca).toStdString();
        c.certFile = parser.value(cert).toStdString();
        c.keyFile = parser.value(key).toStdString();
        if (c.address.empty() || c.caFile.empty() || c.certFile.empty() || c.keyFile.empty())
            throw std::runtime_error("give --service, --ca, --cert and --key");
        return c;
    }
};

// Parses the subcommand's options (and `positional` arguments) and runs `body` with a
// client; errors are one line naming the service and exit code 1.
template <typename Body>
int withClient(const QStringList &arguments, const char *name, const char *description, int positional,
               const QList<QCommandLineOption> &extra, Body body)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(description));
    if (QString::fromLatin1(name) == QLatin1String("nas submit"))
        parser.addPositionalArgument(QStringLiteral("PROJECT"), QStringLiteral("The project file."));
    else
        parser.addPositionalArgument(QStringLiteral("REQUEST"), QStringLiteral("The request id submit printed."));
    ServiceOptions o;
    o.add(parser);
    parser.addOptions(extra);
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, name, positional, positional, code))
        return code;
    try {
        nas::NasClient client(o.read(parser));
        return body(client, parser);
    } catch (const std::exception &e) {
        return reportError(name, e);
    }
}

int printEvents(nas::NasClient &client, const std::string &id)
{
    client.watch(id, 0, [](const nas::v1::Event &e) {
        std::printf("%s\n", e.message().c_str());
        std::fflush(stdout);
        return true;
    });
    const nas::v1::StatusReply s = client.status(id);
    std::printf("request %s: %s%s%s\n", id.c_str(), s.state().c_str(), s.error().empty() ? "" : ": ",
                s.error().c_str());
    return s.state() == "finished" ? kExitOk : kExitFailure;
}

} // namespace

int nasCommand(const QStringList &arguments)
{
    const QString sub = arguments.value(0);
    const QStringList rest = arguments.mid(1);
    const QCommandLineOption watch(QStringLiteral("watch"), QStringLiteral("Follow the run until it ends."));
    const QCommandLineOption out({QStringLiteral("o"), QStringLiteral("output")},
                                 QStringLiteral("Directory for the final model and the report."),
                                 QStringLiteral("DIR"));
    if (sub == QLatin1String("submit"))
        return withClient(rest, "nas submit",
                          "Submits PROJECT (its reference network travels with it) and prints the request id.", 1,
                          {watch}, [&](nas::NasClient &client, const QCommandLineParser &parser) {
                              const std::string id = client.submit(parser.positionalArguments().at(0).toStdString());
                              std::printf("%s\n", id.c_str());
                              std::fflush(stdout);
                              return parser.isSet(watch) ? printEvents(client, id) : kExitOk;
                          });
    if (sub == QLatin1String("status"))
        return withClient(rest, "nas status", "Prints the request's state and its last progress line.", 1, {},
                          [](nas::NasClient &client, const QCommandLineParser &parser) {
                              const std::string id = parser.positionalArguments().at(0).toStdString();
                              const nas::v1::StatusReply s = client.status(id);
                              std::printf("request %s: %s (%d events)%s%s\n", id.c_str(), s.state().c_str(), s.events(),
                                          s.error().empty() ? "" : ": ", s.error().c_str());
                              if (!s.container().empty())
                                  std::printf("  container: %s\n", s.container().c_str());
                              if (!s.last_message().empty())
                                  std::printf("  %s\n", s.last_message().c_str());
                              return kExitOk;
                          });
    if (sub == QLatin1String("watch"))
        return withClient(rest, "nas watch", "Prints the request's progress until its run ends.", 1, {},
                          [](nas::NasClient &client, const QCommandLineParser &parser) {
                              return printEvents(client, parser.positionalArguments().at(0).toStdString());
                          });
    if (sub == QLatin1String("cancel"))
        return withClient(rest, "nas cancel", "Cancels the request (a running search stops as on Ctrl-C).", 1, {},
                          [](nas::NasClient &client, const QCommandLineParser &parser) {
                              const std::string id = parser.positionalArguments().at(0).toStdString();
                              if (!client.cancel(id)) {
                                  std::fprintf(stderr, "calibra-cli nas cancel: no request '%s'\n", id.c_str());
                                  return kExitFailure;
                              }
                              std::printf("request %s: cancelling\n", id.c_str());
                              return kExitOk;
                          });
    if (sub == QLatin1String("resume"))
        return withClient(rest, "nas resume",
                          "Queues a cancelled, interrupted or failed request again: its search resumes its run.", 1,
                          {watch}, [&](nas::NasClient &client, const QCommandLineParser &parser) {
                              const std::string id = parser.positionalArguments().at(0).toStdString();
                              client.resume(id);
                              std::printf("request %s: resuming\n", id.c_str());
                              std::fflush(stdout);
                              return parser.isSet(watch) ? printEvents(client, id) : kExitOk;
                          });
    if (sub == QLatin1String("fetch"))
        return withClient(rest, "nas fetch",
                          "Writes a finished request's final model, report and run store into --output: a run "
                          "directory the GUI opens.",
                          1, {out}, [&](nas::NasClient &client, const QCommandLineParser &parser) {
                              const std::string id = parser.positionalArguments().at(0).toStdString();
                              const QString dir = parser.isSet(out) ? parser.value(out) : QString::fromStdString(id);
                              const nas::v1::ResultReply r = client.result(id);
                              if (!QDir().mkpath(dir))
                                  throw std::runtime_error(dir.toStdString() + ": cannot create the directory");
                              // The folder opens as a run (the GUI's Open Run).
                              for (const std::string &path : nas::writeResultFiles(dir.toStdString(), r))
                                  std::printf("%s\n", path.c_str());
                              return kExitOk;
                          });
    std::fprintf(stderr, "calibra-cli nas: expected submit, status, watch, cancel, resume or fetch (then --help)\n");
    return sub == QLatin1String("--help") ? kExitOk : kExitUsage;
}

} // namespace calibra::cli
