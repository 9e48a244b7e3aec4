#include "history/HistoryRecords.h"

#include "history/HistoryTables.h"
#include "history/HistoryTime.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace slipway::history {

QString AuditEntry::hashedText() const
{
    const QString text = QStringLiteral("%1|%2|%3|%4|%5").arg(seq).arg(table).arg(rowId).arg(contentHash, previousHash);
    return desk.isEmpty() ? text : text + QLatin1Char('|') + desk;
}

QJsonObject toJson(const ReleaseRecord& r)
{
    return HistoryTables::releases().json(r);
}

QJsonObject toJson(const StepRecord& s)
{
    return HistoryTables::steps().json(s);
}

QJsonObject toJson(const KeyRecord& k)
{
    return HistoryTables::keys().json(k);
}

QJsonObject toJson(const ChannelEvent& e)
{
    return HistoryTables::channelEvents().json(e);
}

QJsonObject toJson(const DeviceEvent& e)
{
    return HistoryTables::deviceEvents().json(e);
}

QJsonObject toJson(const AuditEntry& a)
{
    return QJsonObject{
        {QStringLiteral("seq"), a.seq},
        {QStringLiteral("table"), a.table},
        {QStringLiteral("row_id"), a.rowId},
        {QStringLiteral("content_sha256"), a.contentHash},
        {QStringLiteral("previous_sha256"), a.previousHash},
        {QStringLiteral("entry_sha256"), a.entryHash},
        {QStringLiteral("recorded_at"), HistoryTime::json(a.recordedAt)},
        {QStringLiteral("desk"), a.desk},
        {QStringLiteral("hashed_text"), a.hashedText()},
    };
}

QString storageProfileOf(const ReleaseRecord& record)
{
    return QJsonDocument::fromJson(record.planJson.toUtf8()).object().value(PlanStorageProfileKey).toString();
}

} // namespace slipway::history
