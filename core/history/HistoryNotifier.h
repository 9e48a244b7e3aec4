#pragma once

#include "common/Result.h"
#include "history/HistoryRecords.h"

#include <QString>

#include <optional>
#include <type_traits>

namespace slipway::history {

class HistoryDatabase;

// PostgreSQL's LISTEN/NOTIFY for the history: each write that changes a release or one of its steps names the
// release on one channel, inside the write's own transaction, so listeners (HistoryListener) hear of it only once it
// has committed and then read back just that row. On SQLite nothing is sent.
class HistoryNotifier
{
public:
    static const QString Channel;
    // The payload of a write that changed many releases at once (an import): listeners read everything again.
    static const QString Everything;

    // Inside a write: announces the release that `record` (a release or a step) belongs to; other rows say nothing.
    template <typename Record> [[nodiscard]] static Status announce(HistoryDatabase& db, const Record& record)
    {
        if constexpr (std::is_same_v<Record, ReleaseRecord>)
            return announce(db, QString::number(record.id));
        else if constexpr (std::is_same_v<Record, StepRecord>)
            return announce(db, QString::number(record.releaseId));
        else
            return Ok{};
    }
    [[nodiscard]] static Status announce(HistoryDatabase& db, const QString& payload);

    // The release a payload names, 0 for Everything, std::nullopt for anything else.
    [[nodiscard]] static std::optional<qint64> releaseIn(const QString& payload);
};

} // namespace slipway::history
