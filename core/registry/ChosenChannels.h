#pragma once

#include "common/Result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <functional>
#include <optional>

namespace slipway::registry {

// The channel each device chose through POST /channel_self. On its own it remembers the choices in memory (bounded:
// past the limit a new device is refused). With a store (the history's database, which every `serve` replica on it
// shares) the store is the truth and memory only a cache that forgets after the TTL: a choice made through another
// replica reaches this one within it.
class ChosenChannels
{
public:
    struct Store
    {
        std::function<Result<std::optional<QString>>(const QString& appId, const QString& deviceId)> read;
        std::function<Status(const QString& appId, const QString& deviceId, const QString& channel)> write;
    };

    explicit ChosenChannels(int capacity) : m_capacity(capacity) {}

    void setStore(Store store) { m_store = std::move(store); }
    void setTtl(int milliseconds) { m_ttlMs = milliseconds; }

    // The device's choice; none when it made none.
    [[nodiscard]] Result<std::optional<QString>> of(const QString& appId, const QString& deviceId);
    // An error with code 503 when it cannot be kept (memory full, or the store refused).
    [[nodiscard]] Status choose(const QString& appId, const QString& deviceId, const QString& channel);

private:
    struct Remembered
    {
        std::optional<QString> channel;
        QElapsedTimer age;
    };
    void remember(const QString& key, std::optional<QString> channel);

    int m_capacity;
    int m_ttlMs = 0;
    Store m_store;
    QHash<QString, Remembered> m_remembered; // "app\ndevice" -> the choice (a cache when there is a store)
};

} // namespace slipway::registry
