#include "history/HistoryNotifier.h"

#include "history/HistoryDatabase.h"

namespace slipway::history {

const QString HistoryNotifier::Channel = QStringLiteral("slipway_history");
const QString HistoryNotifier::Everything = QStringLiteral("*");

Status HistoryNotifier::announce(HistoryDatabase& db, const QString& payload)
{
    if (db.backend() != HistoryDatabase::Backend::PostgreSQL)
        return Ok{};
    auto sent = db.execPrepared(QStringLiteral("SELECT pg_notify(?, ?)"), {Channel, payload},
                                QStringLiteral("tell the other desks about a change"));
    if (!sent)
        return sent.error();
    sent.value()->finish();
    return Ok{};
}

std::optional<qint64> HistoryNotifier::releaseIn(const QString& payload)
{
    if (payload == Everything)
        return 0;
    bool ok = false;
    const qint64 id = payload.toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

} // namespace slipway::history
