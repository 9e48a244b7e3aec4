#include "registry/ChosenChannels.h"

namespace slipway::registry {

namespace {

QString keyOf(const QString& appId, const QString& deviceId)
{
    return appId + QLatin1Char('\n') + deviceId;
}

} // namespace

Result<std::optional<QString>> ChosenChannels::of(const QString& appId, const QString& deviceId)
{
    const QString key = keyOf(appId, deviceId);
    const auto found = m_remembered.constFind(key);
    if (!m_store.read)
        return found == m_remembered.constEnd() ? std::nullopt : found->channel;
    if (found != m_remembered.constEnd() && !found->age.hasExpired(m_ttlMs))
        return found->channel;
    auto stored = m_store.read(appId, deviceId);
    if (!stored)
        return stored.error();
    remember(key, stored.value());
    return stored.value();
}

Status ChosenChannels::choose(const QString& appId, const QString& deviceId, const QString& channel)
{
    const QString key = keyOf(appId, deviceId);
    if (m_store.write) {
        if (Status written = m_store.write(appId, deviceId, channel); !written)
            return Error{written.error().message, 503};
    } else if (!m_remembered.contains(key) && m_remembered.size() >= m_capacity) {
        return Error{QStringLiteral("%1 devices have chosen a channel already (the limit); restart the endpoint to "
                                    "forget them.")
                         .arg(m_remembered.size()),
                     503};
    }
    remember(key, channel);
    return Ok{};
}

void ChosenChannels::remember(const QString& key, std::optional<QString> channel)
{
    // With a store this is a cache: emptied when full, rather than refusing devices.
    if (m_store.read && !m_remembered.contains(key) && m_remembered.size() >= m_capacity)
        m_remembered.clear();
    Remembered& entry = m_remembered[key];
    entry.channel = std::move(channel);
    entry.age.start();
}

} // namespace slipway::registry
