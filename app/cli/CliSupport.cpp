#include "cli/CliSupport.h"

#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace slipway::cli {

namespace {

// errno of the first failed write to stdout (0 while every write succeeded).
int g_stdoutError = 0;

void writeStdout(const QByteArray& text)
{
    if (std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), stdout) != static_cast<size_t>(text.size())
        || std::fflush(stdout) != 0) {
        if (g_stdoutError == 0)
            g_stdoutError = errno != 0 ? errno : EIO;
    }
}

} // namespace

CommandLine::CommandLine(QString words, const QString& description) : m_words(std::move(words))
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
}

bool CommandLine::parse(const QStringList& args, int minPositional, int maxPositional)
{
    if (!m_parser.parse(args)) {
        m_exitCode = reportError(QStringLiteral("%1 (see 'slipway %2 --help')").arg(m_parser.errorText(), m_words), ExitUsage);
        return false;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        QString help = m_parser.helpText();
        // The parser names the program as it was started (maybe a path); scripts and docs say "slipway".
        static const QRegularExpression usage(QStringLiteral("^Usage: \\S+"));
        help.replace(usage, QStringLiteral("Usage: slipway %1").arg(m_words));
        printLine(help.trimmed());
        m_exitCode = ExitOk;
        return false;
    }
    const auto count = m_parser.positionalArguments().size();
    if (count < minPositional || count > maxPositional) {
        m_exitCode = reportError(count < minPositional
                                     ? QStringLiteral("missing argument (see 'slipway %1 --help')").arg(m_words)
                                     : QStringLiteral("unexpected argument '%1' (see 'slipway %2 --help')")
                                           .arg(m_parser.positionalArguments().value(maxPositional), m_words),
                                 ExitUsage);
        return false;
    }
    return true;
}

bool CommandLine::require(const QStringList& names)
{
    const auto missing = std::ranges::find_if(names, [this](const QString& name) {
        return !m_parser.isSet(name) || m_parser.value(name).isEmpty();
    });
    if (missing == names.end())
        return true;
    m_exitCode = reportError(QStringLiteral("option --%1 is required (see 'slipway %2 --help')").arg(*missing, m_words), ExitUsage);
    return false;
}

int reportError(const Error& error)
{
    return reportError(error.message, error.code == 0 ? ExitFailure : error.code);
}

int reportError(const QString& message, int code)
{
    printErrorLine(QStringLiteral("slipway: error: %1").arg(message));
    return code == 0 ? ExitFailure : code;
}

void printJson(const QJsonObject& object)
{
    printJson(QJsonDocument(object));
}

void printJson(const QJsonDocument& document)
{
    writeStdout(document.toJson(QJsonDocument::Indented));
}

void printLine(const QString& line)
{
    writeStdout(line.toUtf8() + '\n');
}

void printErrorLine(const QString& line)
{
    printErrorText(line + QLatin1Char('\n'));
}

void printErrorText(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    // Nowhere is left to report a failure to write to stderr.
    (void)std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    (void)std::fflush(stderr);
}

int finishOutput(int exitCode)
{
    if (g_stdoutError == 0)
        return exitCode;
    const int code = reportError(QStringLiteral("the output could not be written (%1); nothing printed can be trusted to be "
                                                "complete. Check the disk or pipe that standard output goes to.")
                                     .arg(QString::fromLocal8Bit(std::strerror(g_stdoutError))));
    return exitCode != ExitOk ? exitCode : code;
}

} // namespace slipway::cli
