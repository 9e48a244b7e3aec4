#include "history/ChannelKeys.h"

#include "history/History.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace slipway::history {

Result<std::optional<ExpectedKey>> ChannelKeys::expected(const QString& appId, const QString& channel)
{
    auto events = m_history.channelEvents(appId, channel);
    if (!events)
        return events.error();
    for (const ChannelEvent& event : events.value()) {
        if (event.releaseId <= 0)
            continue;
        auto served = m_history.release(event.releaseId);
        if (!served)
            return served.error();
        if (served->keyId.isEmpty())
            continue;
        ExpectedKey key;
        key.appId = appId;
        key.channel = channel;
        key.keyId = served->keyId;
        key.fingerprint = served->keyFingerprint;
        key.releaseId = served->id;
        key.source = QStringLiteral("release %1 (%2), served on %3 since %4")
                         .arg(served->id)
                         .arg(served->version, channel, event.at.toString(Qt::ISODate));
        return std::optional<ExpectedKey>(key);
    }
    // No release yet on this channel: what the app's phones told `serve` they hold.
    auto reports = m_history.deviceEvents(appId);
    if (!reports)
        return reports.error();
    for (const DeviceEvent& report : reports.value()) {
        const QString keyId =
            QJsonDocument::fromJson(report.raw.toUtf8()).object().value(QStringLiteral("key_id")).toString();
        if (keyId.isEmpty())
            continue;
        ExpectedKey key;
        key.appId = appId;
        key.channel = channel;
        key.keyId = keyId;
        key.source = QStringLiteral("devices of %1 reporting to serve (latest %2)").arg(appId, report.at.toString(Qt::ISODate));
        return std::optional<ExpectedKey>(key);
    }
    return std::optional<ExpectedKey>();
}

Result<QList<ExpectedKey>> ChannelKeys::channelsExpecting(const QString& fingerprint)
{
    auto events = m_history.channelEvents();
    if (!events)
        return events.error();
    QSet<QString> seen;
    QList<ExpectedKey> out;
    for (const ChannelEvent& event : events.value()) {
        const QString name = event.appId + QLatin1Char('\n') + event.channel;
        if (seen.contains(name))
            continue;
        seen.insert(name);
        auto key = expected(event.appId, event.channel);
        if (!key)
            return key.error();
        if (key->has_value() && key->value().fingerprint == fingerprint)
            out << key->value();
    }
    return out;
}

Status ChannelKeys::recordKeyChange(const ExpectedKey& before, const ReleaseRecord& release)
{
    ChannelEvent event;
    event.appId = release.appId;
    event.channel = release.channel;
    event.kind = ChannelEventKind::KeyChange;
    event.version = release.version;
    event.releaseId = release.id;
    event.at = QDateTime::currentDateTimeUtc();
    event.osUser = release.osUser;
    event.host = release.host;
    event.detail = QStringLiteral("signing key changed on purpose: phones expected key_id %1 (fingerprint %2, from %3); "
                                  "release %4 is signed with key_id %5 (fingerprint %6)")
                       .arg(before.keyId, before.fingerprint.isEmpty() ? QStringLiteral("unknown") : before.fingerprint,
                            before.source)
                       .arg(release.id)
                       .arg(release.keyId, release.keyFingerprint);
    auto recorded = m_history.recordChannelEvent(event);
    if (!recorded)
        return recorded.error();
    return Ok{};
}

} // namespace slipway::history
