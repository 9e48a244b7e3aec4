#include "cli/CommandRegistry.h"

#include <algorithm>

namespace slipway::cli {

CommandRegistry& CommandRegistry::instance()
{
    static CommandRegistry registry;
    return registry;
}

void CommandRegistry::add(Command command)
{
    m_commands.push_back(std::move(command));
}

const Command* CommandRegistry::match(const QStringList& argv, int* wordsConsumed) const
{
    const Command* best = nullptr;
    int bestWords = 0;
    for (const auto& c : m_commands) {
        const QStringList words = c.words.split(QLatin1Char(' '));
        if (words.size() > argv.size() - 1 || words.size() <= bestWords)
            continue;
        if (std::equal(words.begin(), words.end(), argv.begin() + 1)) {
            best = &c;
            bestWords = static_cast<int>(words.size());
        }
    }
    if (wordsConsumed)
        *wordsConsumed = bestWords;
    return best;
}

bool CommandRegistry::isCommandWord(const QString& word) const
{
    return std::any_of(m_commands.begin(), m_commands.end(),
                       [&](const Command& c) { return c.words.section(QLatin1Char(' '), 0, 0) == word; });
}

QString CommandRegistry::usage() const
{
    auto sorted = m_commands;
    std::sort(sorted.begin(), sorted.end(), [](const Command& a, const Command& b) { return a.words < b.words; });
    QString text = QStringLiteral("Usage: slipway [--data-dir DIR] [--history FILE|postgresql://USER@HOST:PORT/DB] "
                                  "[COMMAND [OPTIONS]]\n"
                                  "Without a command, Slipway opens its desktop window.\n\nCommands:\n");
    for (const auto& c : sorted)
        text += QStringLiteral("  %1%2\n").arg(c.words.leftJustified(22), c.summary);
    text += QStringLiteral("\nRun 'slipway COMMAND --help' for the options of a command.\n");
    return text;
}

} // namespace slipway::cli
