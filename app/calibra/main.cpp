// SPDX-License-Identifier: GPL-3.0-or-later
// calibra: the desktop workbench. Opens the demo project unless given a network, a project
// file or --project.
#include "MainWindow.h"
#include "Translations.h"
#include "project/Project.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>
#include <cstdlib>

// QApplication aborts with an obscure xcb message when there is no display; say what
// to do instead.
static bool displayAvailable()
{
    const char *platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform)
        return true;
    return (std::getenv("DISPLAY") && *std::getenv("DISPLAY"))
           || (std::getenv("WAYLAND_DISPLAY") && *std::getenv("WAYLAND_DISPLAY"));
}

int main(int argc, char *argv[])
{
    if (!displayAvailable()) {
        std::fprintf(stderr, "calibra: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                             "Run Calibra headless with the command-line tool, for example:\n"
                             "  build/bin/calibra-cli inspect builtin:mobilenet_v2_cifar\n"
                             "  build/bin/calibra-cli --help\n"
                             "or start the GUI without a screen: QT_QPA_PLATFORM=offscreen build/bin/calibra\n");
        return 3;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Calibra"));
    QApplication::setOrganizationName(QStringLiteral("Calibra"));
    QApplication::setApplicationVersion(QStringLiteral(CALIBRA_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("calibra"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/calibra/icons/calibra.svg")));
    calibra::widgets::installTranslations(app, calibra::widgets::preferredLanguage());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Calibra workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("network"),
                                 QStringLiteral("A network file or builtin:NAME to open in a new project with the "
                                                "demo's settings, or a project file, instead of the demo project."),
                                 QStringLiteral("[network]"));
    const QCommandLineOption project(QStringLiteral("project"), QStringLiteral("A project file to open."),
                                     QStringLiteral("FILE"));
    parser.addOption(project);
    parser.process(app);

    calibra::widgets::MainWindow window;
    window.show();
    QString error;
    if (parser.isSet(project)) {
        if (!window.openProject(parser.value(project), &error)) {
            std::fprintf(stderr, "calibra: %s\n", qPrintable(error));
            return 1;
        }
    } else if (parser.positionalArguments().isEmpty()) {
        window.openDemo();
    } else if (const QString file = parser.positionalArguments().first();
               calibra::pipeline::isProjectFile(file.toStdString())) {
        // `calibra project.yaml` means the project, as `calibra --project project.yaml` does.
        if (!window.openProject(file, &error)) {
            std::fprintf(stderr, "calibra: %s\n", qPrintable(error));
            return 1;
        }
    } else {
        window.newProject(file);
    }
    return app.exec();
}
