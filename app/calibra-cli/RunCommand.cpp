// SPDX-License-Identifier: GPL-3.0-or-later
// calibra-cli run [PROJECT] | --resume DIR: the product's main job without the GUI.
#include "CliCommands.h"

#include "project/ProjectLimits.h"
#include "project/ProjectSchema.h"
#include "pipeline/RunController.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace calibra::cli {

namespace {

std::atomic<bool> g_cancel{false};

// First Ctrl-C: stop cleanly after the step in progress. Second: the default action.
extern "C" void onInterrupt(int)
{
    g_cancel.store(true);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

// Prints events as lines and, on a terminal, keeps a progress bar on the last line.
class Progress
{
public:
    Progress(int plannedGenerations, bool terminal) : m_progress(plannedGenerations), m_terminal(terminal)
    {
        m_clock.start();
    }
    void onEvent(const pipeline::Event &e)
    {
        m_progress.onEvent(e);
        if (m_terminal)
            std::fputs("\r\033[K", stdout);
        // The run's error is printed once, when it ends, on standard error with the
        // command's name (runCommand), not here as well.
        if (e.kind == pipeline::EventKind::Failed) {
            std::fflush(stdout);
            return;
        }
        std::printf("%s%s\n", e.kind == pipeline::EventKind::Warning ? "WARNING: " : "", e.message.c_str());
        if (m_terminal && e.kind != pipeline::EventKind::Finished && e.kind != pipeline::EventKind::Cancelled)
            drawBar();
        std::fflush(stdout);
    }

private:
    void drawBar()
    {
        const int width = 30;
        const int done = m_progress.done(), planned = m_progress.planned();
        const double share = planned > 0 ? std::min(1.0, double(done) / double(planned)) : 0;
        const int filled = int(share * width);
        const double elapsed = double(m_clock.elapsed()) / 1000.0;
        // Generation 0 is the initial population: "generation 6 of 6" is the last of a
        // project's `generations: 6`.
        std::printf("[%s%s] ", std::string(size_t(filled), '#').c_str(),
                    std::string(size_t(width - filled), '.').c_str());
        if (m_progress.search() > 0)
            std::printf("search %d, ", m_progress.search());
        if (m_progress.lastGeneration() >= 0)
            std::printf("generation %d of %d, ", m_progress.lastGeneration(), m_progress.generationsPerSearch());
        std::printf("%.0f s", elapsed);
        if (m_progress.trainingFinalModel())
            std::printf(", training the final model");
        else if (const double left = m_progress.secondsLeft(elapsed); left >= 0)
            std::printf(", about %.0f s left", left);
    }
    pipeline::RunProgress m_progress;
    bool m_terminal;
    QElapsedTimer m_clock;
};

} // namespace

int runCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a project: accuracy checks, conditional finetuning of the predictor, the evolutionary search, the final "
        "model and the report. Without PROJECT: the built-in demo (fast settings). Ctrl-C stops cleanly; "
        "--resume continues a stopped or killed run."));
    parser.addPositionalArgument("PROJECT", "A project file (docs/pipeline.md); omit for the built-in demo.",
                                 "[PROJECT]");
    const QCommandLineOption dir({"d", "dir"}, "Run directory (default: runs/NAME-TIMESTAMP).", "DIR");
    const QCommandLineOption resume("resume", "Continue the run in DIR.", "DIR");
    const auto names = [](const char *choice) {
        return QString::fromStdString(pipeline::schema::choiceOf(pipeline::schema::topSection(), choice).namesText());
    };
    const QCommandLineOption mode("mode", "Override the mode: " + names("mode") + ".", "MODE");
    const QCommandLineOption population("population", "Override the population size.", "N");
    const QCommandLineOption generations("generations", "Override the number of generations.", "N");
    const QCommandLineOption seed("seed", "Override the search seed.", "N");
    const QCommandLineOption estimator("estimator",
                                       "Override the accuracy estimator: " + names("accuracy_estimator") + ".", "NAME");
    const QCommandLineOption finalEpochs(
        "final-epochs",
        "Override the final model's training epochs (0: no training; with a one-shot estimator the "
        "final model then has the supernet's weights).",
        "N");
    const QCommandLineOption writeProject("write-project", "Write the project (after overrides) to FILE and exit.",
                                          "FILE");
    // A NAS service's search: its user resumes and fetches it as this request (Pipeline::setAccess).
    QCommandLineOption nasRequest("nas-request", "The NAS service request this run is.", "ID");
    nasRequest.setFlags(QCommandLineOption::HiddenFromHelp);
    for (const auto &o :
         {dir, resume, mode, population, generations, seed, estimator, finalEpochs, writeProject, nasRequest})
        parser.addOption(o);
    int code = kExitOk;
    if (!parseSubcommand(parser, arguments, "run", 0, 1, code))
        return code;
    try {
        pipeline::RunController run;
        run.setAccess({parser.value(nasRequest).toStdString()});
        if (parser.isSet(resume)) {
            if (!parser.positionalArguments().isEmpty()) {
                std::fprintf(stderr, "calibra-cli run: --resume takes the project from the run directory\n");
                return kExitUsage;
            }
            run.resume(parser.value(resume).toStdString());
            std::printf("resuming %s\n", qPrintable(parser.value(resume)));
        } else {
            if (!parser.positionalArguments().isEmpty()) {
                const std::string path = parser.positionalArguments().front().toStdString();
                if (!pipeline::isProjectFile(path) && pipeline::isNetworkFile(path)) {
                    std::fprintf(stderr,
                                 "calibra-cli run: %s is a network, not a project. A project names its network "
                                 "and the run's limits; to start from the demo's:\n"
                                 "  calibra-cli run --write-project p.yaml\n"
                                 "then set 'reference: %s' and 'constraints:' in p.yaml, and run "
                                 "calibra-cli run p.yaml (docs/pipeline.md)\n",
                                 path.c_str(), path.c_str());
                    return kExitUsage;
                }
            }
            pipeline::Project project = parser.positionalArguments().isEmpty()
                                            ? pipeline::demoProject()
                                            : pipeline::loadProject(parser.positionalArguments().front().toStdString());
            if (parser.isSet(mode))
                project.mode = pipeline::modeFromName(parser.value(mode).toStdString());
            // An override takes the range the project file allows (ProjectLimits.h).
            const auto whole = [&](const QCommandLineOption &o, pipeline::limits::IntRange range) {
                bool ok = false;
                const int v = parser.value(o).toInt(&ok);
                if (!ok || v < range.min || v > range.max)
                    throw std::invalid_argument("--" + o.names().back().toStdString() + " must be a whole number from "
                                                + std::to_string(range.min) + " to " + std::to_string(range.max)
                                                + ", not '" + parser.value(o).toStdString() + "'");
                return v;
            };
            if (parser.isSet(population))
                project.search.population = whole(population, pipeline::limits::kPopulation);
            if (parser.isSet(generations))
                project.search.generations = whole(generations, pipeline::limits::kGenerations);
            if (parser.isSet(seed))
                project.search.seed = uint64_t(whole(seed, pipeline::limits::kSeed));
            if (parser.isSet(finalEpochs))
                project.finalTraining.epochs = whole(finalEpochs, pipeline::limits::kFinalEpochs);
            if (parser.isSet(estimator)
                && !supernet::parseEstimatorKind(parser.value(estimator).toStdString(), &project.estimator))
                throw std::invalid_argument(
                    "--estimator must be "
                    + pipeline::schema::choiceOf(pipeline::schema::topSection(), "accuracy_estimator").namesText()
                    + ", not '" + parser.value(estimator).toStdString() + "'");
            if (parser.isSet(writeProject)) {
                const QString path = parser.value(writeProject);
                QFile f(path);
                if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
                    throw std::runtime_error(path.toStdString() + ": cannot write");
                f.write(QByteArray::fromStdString(pipeline::projectToYaml(project)));
                std::printf("wrote %s\n", qPrintable(path));
                return kExitOk;
            }
            run.start(project, parser.isSet(dir) ? parser.value(dir).toStdString() : std::string(), "runs");
        }
        // The run goes on the controller's worker, as in the GUI; this thread prints its
        // events and turns Ctrl-C (a flag the signal handler sets) into a cancel.
        std::unique_ptr<Progress> progress;
        QObject::connect(&run, &pipeline::RunController::opened, [&](int planned) {
            progress = std::make_unique<Progress>(planned, isatty(STDOUT_FILENO) != 0);
        });
        QObject::connect(&run, &pipeline::RunController::eventArrived, [&](const pipeline::Event &e) {
            if (progress)
                progress->onEvent(e);
        });
        QEventLoop loop;
        QObject::connect(&run, &pipeline::RunController::finished, &loop, &QEventLoop::quit);
        QTimer interrupt;
        QObject::connect(&interrupt, &QTimer::timeout, [&] {
            if (g_cancel.load())
                run.cancel();
        });
        interrupt.start(100);
        std::signal(SIGINT, onInterrupt);
        std::signal(SIGTERM, onInterrupt);
        loop.exec();
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        const pipeline::RunResult &r = run.result();
        if (r.cancelled)
            return 130;
        if (!r.ok) {
            // Not opened: the project, its files or the run directory were wrong.
            std::fprintf(stderr, progress ? "calibra-cli run: %s\n" : "calibra-cli run: error: %s\n", r.error.c_str());
            return kExitFailure;
        }
        std::printf("run directory: %s (report.html, report.json, generations.csv%s)\n", run.directory().c_str(),
                    !r.final.found ? ""
                    : r.final.weights == pipeline::FinalWeights::Inherited
                        ? ", final_model.onnx: the supernet's weights, not retrained"
                    : r.final.weights == pipeline::FinalWeights::Trained
                        ? ", final_model.onnx: trained"
                        : ", final_model.onnx: structure only, not trained");
        if (!r.final.found || !r.final.meetsConstraints || !r.final.flags.empty()) {
            // Why, in the words of report.json: the limits broken, or the first flag.
            std::string why;
            for (const std::string &v : r.final.violations)
                why += (why.empty() ? "" : "; ") + v;
            if (r.final.found && r.final.meetsConstraints)
                why = r.final.flags.front().english();
            std::printf("exit code %d: %s%s%s\n", kExitNotMet,
                        !r.final.found              ? "the run found no final model"
                        : !r.final.meetsConstraints ? "the final model does not meet the limits"
                                                    : "the final model is not to be trusted",
                        why.empty() ? "" : ": ", why.c_str());
            return kExitNotMet;
        }
        return kExitOk;
    } catch (const std::exception &e) {
        return reportError("run", e);
    }
}

} // namespace calibra::cli
