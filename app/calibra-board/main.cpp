// calibra-board: the validating service that runs next to a device board. Not built
// yet (tracked by the board-service issue); says so instead of pretending to serve.
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationVersion(QStringLiteral(CALIBRA_VERSION));
    if (app.arguments().contains(QStringLiteral("--version"))) {
        std::printf("calibra-board %s\n", CALIBRA_VERSION);
        return 0;
    }
    std::fprintf(stderr, "calibra-board: the validating service is not implemented yet in this version of Calibra.\n"
                         "Validate on the local simulator instead (calibra-cli).\n");
    return 3;
}
