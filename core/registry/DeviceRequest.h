#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace slipway::registry {

// What @capgo/capacitor-updater sends to the update endpoint, checked before anything is looked up, stored or
// printed: a JSON object (UTF-8) whose known fields each pass their rule (type, length in limits::Device*,
// characters); unknown fields are dropped. A refusal names the field and the rule, never the value.
class DeviceRequest
{
public:
    enum class Kind {
        Update,     // POST /updates: app_id
        Stats,      // one event of POST /stats: app_id and action
        SetChannel, // POST /channel_self: device_id and channel
        GetChannel, // PUT /channel_self
    };

    // The body as one checked object, with only the known fields.
    [[nodiscard]] static Result<QJsonObject> parse(const QByteArray& body, Kind kind);
    // POST /stats: one event, or an array of at most limits::ServeStatsEvents; all pass or the request is refused.
    [[nodiscard]] static Result<QList<QJsonObject>> parseStats(const QByteArray& body);
    // One field by its rule (also for query parameters such as GET /channel_self?app_id=).
    [[nodiscard]] static Status checkField(const QString& name, const QJsonValue& value);
    // A checked object: the known fields, each passing its rule, and the fields its kind requires.
    [[nodiscard]] static Result<QJsonObject> check(const QJsonObject& object, Kind kind);
};

} // namespace slipway::registry
