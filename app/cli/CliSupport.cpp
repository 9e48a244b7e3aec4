#include "cli/CliSupport.h"

#include <QRegularExpression>
#include <QTextStream>

#include <cstdio>

namespace slipway::cli {

CommandLine::CommandLine(const QString& words, const QString& description) : m_words(words)
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
    for (const auto& name : names) {
        if (!m_parser.isSet(name) || m_parser.value(name).isEmpty()) {
            m_exitCode = reportError(QStringLiteral("option --%1 is required (see 'slipway %2 --help')").arg(name, m_words), ExitUsage);
            return false;
        }
    }
    return true;
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
    const QByteArray text = document.toJson(QJsonDocument::Indented);
    std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), stdout);
    std::fflush(stdout);
}

void printLine(const QString& line)
{
    const QByteArray text = line.toUtf8() + '\n';
    std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), stdout);
    std::fflush(stdout);
}

void printErrorLine(const QString& line)
{
    const QByteArray text = line.toUtf8() + '\n';
    std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), stderr);
    std::fflush(stderr);
}

} // namespace slipway::cli
