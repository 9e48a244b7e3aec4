#include "GuiMain.h"
#include "ProcessHardening.h"
#include "cli/CliSupport.h"
#include "cli/CommandRegistry.h"
#include "common/DataLocation.h"
#include "common/FreedMemory.h"

#include <QCoreApplication>

using namespace slipway;

namespace {

// Removes the global option `name` (with its value) wherever it stands and hands its value to `apply`; returns
// false on a missing value.
template <typename Apply> bool takeGlobalOption(QStringList& args, const QString& name, Apply apply)
{
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == name) {
            if (i + 1 >= args.size())
                return false;
            apply(args[i + 1]);
            args.remove(i, 2);
            return true;
        }
        if (args[i].startsWith(name + QLatin1Char('='))) {
            apply(args[i].mid(name.size() + 1));
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
    useHeapForFileBuffers();
    QCoreApplication::setApplicationName(QStringLiteral("slipway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SLIPWAY_VERSION));

    QStringList args = rawArguments(argc, argv);
    if (!takeGlobalOption(args, QStringLiteral("--data-dir"),
                          [](const QString& dir) { DataLocation::setOverride(dir); }))
        return cli::reportError(QStringLiteral("--data-dir needs a folder"), cli::ExitUsage);
    // The history to use (History::defaultPath()); through the environment so that child processes share it.
    if (!takeGlobalOption(args, QStringLiteral("--history"),
                          [](const QString& location) { qputenv("SLIPWAY_HISTORY", location.toLocal8Bit()); }))
        return cli::reportError(QStringLiteral("--history needs a file or a postgresql:// address"), cli::ExitUsage);

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
        const QString hint = registry.isCommandWord(first) ? QStringLiteral("'%1' needs a sub-command").arg(first)
                                                           : QStringLiteral("unknown command '%1'").arg(first);
        cli::printErrorLine(registry.usage().trimmed());
        return cli::reportError(hint, cli::ExitUsage);
    }
    return runDesktop(argc, argv);
}
