#pragma once

#include "common/Result.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace slipway::cli {

// Exit codes shared by every command.
enum ExitCode : int { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// Parses a command's options; prints its help or the usage error itself.
class CommandLine
{
public:
    CommandLine(QString words, const QString& description);
    QCommandLineParser& parser() { return m_parser; }
    void addOption(const QCommandLineOption& option) { m_parser.addOption(option); }
    void addPositional(const QString& name, const QString& description, const QString& syntax = {})
    {
        m_parser.addPositionalArgument(name, description, syntax);
    }
    // False when the command should stop; then exitCode() says with which code.
    [[nodiscard]] bool parse(const QStringList& args, int minPositional = 0, int maxPositional = 0);
    [[nodiscard]] int exitCode() const { return m_exitCode; }
    [[nodiscard]] bool isSet(const QString& name) const { return m_parser.isSet(name); }
    [[nodiscard]] QString value(const QString& name) const { return m_parser.value(name); }
    [[nodiscard]] QStringList positional() const { return m_parser.positionalArguments(); }
    // A required option: prints a usage error when it is missing.
    [[nodiscard]] bool require(const QStringList& names);

private:
    QString m_words;
    QCommandLineParser m_parser;
    int m_exitCode = ExitOk;
};

// Writes "slipway: error: MESSAGE" to stderr and returns the error's exit code (never 0).
int reportError(const Error& error);
int reportError(const QString& message, int code = ExitFailure);
void printJson(const QJsonObject& object);
void printJson(const QJsonDocument& document);
void printLine(const QString& line);
void printErrorLine(const QString& line);
// stderr without a line end: prompts and progress that rewrites its own line.
void printErrorText(const QString& text);
// The command's exit code, or a failure when anything written to stdout was lost (a full disk, a closed pipe).
[[nodiscard]] int finishOutput(int exitCode);

} // namespace slipway::cli
