#include "ProcessHardening.h"
#include "cli/CliSupport.h"
#include "cli/CommandRegistry.h"
#include "common/DataLocation.h"
#include "GuiMain.h"

#include <QCoreApplication>

using namespace slipway;

namespace {

// Removes the global --data-dir option wherever it stands; returns false on a missing value.
bool takeDataDir(QStringList& args)
{
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--data-dir")) {
            if (i + 1 >= args.size())
                return false;
            DataLocation::setOverride(args[i + 1]);
            args.remove(i, 2);
            return true;
        }
        if (args[i].startsWith(QLatin1String("--data-dir="))) {
            DataLocation::setOverride(args[i].mid(11));
            args.remove(i);
            return true;
        }
    }
    return true;
}

QStringList rawArguments(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

} // namespace

int main(int argc, char** argv)
{
    disableCoreDumps();
    QCoreApplication::setApplicationName(QStringLiteral("slipway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SLIPWAY_VERSION));

    QStringList args = rawArguments(argc, argv);
    if (!takeDataDir(args))
        return cli::reportError(QStringLiteral("--data-dir needs a folder"), cli::ExitUsage);

    const auto& registry = cli::CommandRegistry::instance();
    const QString first = args.value(1);
    if (first == QLatin1String("--version") || first == QLatin1String("version")) {
        cli::printLine(QStringLiteral("slipway %1").arg(QStringLiteral(SLIPWAY_VERSION)));
        return cli::finishOutput(cli::ExitOk);
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        cli::printLine(registry.usage().trimmed());
        return cli::finishOutput(cli::ExitOk);
    }

    int words = 0;
    if (const cli::Command* command = registry.match(args, &words)) {
        QCoreApplication app(argc, argv);
        QStringList commandArgs{args.first()};
        commandArgs += args.mid(1 + words);
        return cli::finishOutput(command->run(commandArgs));
    }
    if (!first.isEmpty() && !first.startsWith(QLatin1Char('-'))) {
        const QString hint = registry.isCommandWord(first)
                                 ? QStringLiteral("'%1' needs a sub-command").arg(first)
                                 : QStringLiteral("unknown command '%1'").arg(first);
        cli::printErrorLine(registry.usage().trimmed());
        return cli::reportError(hint, cli::ExitUsage);
    }
    return runDesktop(argc, argv);
}
