#pragma once

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace slipway::cli {

// A headless command such as "key create": its words, a one-line summary and its entry point.
// `args` holds the program name followed by everything after the command words.
struct Command
{
    QString words;
    QString summary;
    std::function<int(const QStringList& args)> run;
};

class CommandRegistry
{
public:
    static CommandRegistry& instance();
    void add(Command command);
    // The command whose words are the longest prefix of argv (after the program name), or null.
    [[nodiscard]] const Command* match(const QStringList& argv, int* wordsConsumed) const;
    [[nodiscard]] bool isCommandWord(const QString& word) const;
    [[nodiscard]] QString usage() const;

private:
    std::vector<Command> m_commands;
};

// Each *Commands.cpp file registers its commands with one static instance of this.
struct CommandRegistration
{
    CommandRegistration(std::initializer_list<Command> commands)
    {
        for (const auto& c : commands)
            CommandRegistry::instance().add(c);
    }
};

} // namespace slipway::cli
