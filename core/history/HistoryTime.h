#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QVariant>

namespace slipway::history {

// How the history stores a moment: ISO 8601 UTC text with milliseconds, NULL when unknown. The same
// text in the database, in the sealed canonical rows and in the JSON.
class HistoryTime
{
public:
    [[nodiscard]] static QVariant stored(const QDateTime& t);
    [[nodiscard]] static QDateTime fromStored(const QVariant& v);
    [[nodiscard]] static QJsonValue json(const QDateTime& t);
};

} // namespace slipway::history
