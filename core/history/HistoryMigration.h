#pragma once

#include "common/Result.h"

#include <QList>
#include <QPair>
#include <QString>

#include <functional>

namespace slipway::history {

class History;

// Moves a team onto a shared history: copies a whole history (releases, steps, keys, channel events, the audit
// chain, device events and device stats, every row with its id) into an empty one, typically an SQLite file into
// PostgreSQL. The source chain must verify first (a broken one is refused, naming the rows); the copy is written
// in one transaction under the target's writer lock and verified before it is committed, so the target holds
// either the whole verified history or nothing. A target that already holds rows is never merged into: when its
// chain is exactly the source's the migration has nothing to do, otherwise it is refused.
class HistoryMigration
{
public:
    struct Outcome
    {
        bool alreadyThere = false;          // the target already held exactly this history: nothing was written
        QList<QPair<QString, qint64>> rows; // table and rows copied (or found), in copy order
        QString head;                       // the chain head, the same on both sides
        qint64 entries = 0;                 // audit chain entries
    };
    // Called after each batch of rows: the table, the rows of it copied so far and its total.
    using Progress = std::function<void(const QString& table, qint64 done, qint64 total)>;

    HistoryMigration(History& source, History& target) : m_source(source), m_target(target) {}

    [[nodiscard]] Result<Outcome> run(const Progress& progress);

private:
    History& m_source;
    History& m_target;
};

} // namespace slipway::history
