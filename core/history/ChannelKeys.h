#pragma once

#include "common/Result.h"
#include "history/HistoryRecords.h"

#include <QList>
#include <QString>

#include <optional>

namespace slipway::history {

class History;

// The key a channel's phones trust. A phone holds one public key, built into its app; a bundle signed
// with another key is refused on every phone. What the phones of a channel expect is read from what
// the channel last served (its latest set/promote/rollback and that release's key) and, for an app
// whose channels have no release yet, from the key_id devices reported to `slipway serve`.
struct ExpectedKey
{
    QString appId;
    QString channel;
    QString keyId;
    QString fingerprint; // empty when only devices reported the key_id
    QString source;      // in words: "release 12 (1.4.0)", "devices reporting to serve"
    qint64 releaseId = 0;
};

class ChannelKeys
{
public:
    explicit ChannelKeys(History& history) : m_history(history) {}

    [[nodiscard]] Result<std::optional<ExpectedKey>> expected(const QString& appId, const QString& channel);
    // Every app/channel whose phones expect the key with this SHA-256 fingerprint (the key inspector).
    [[nodiscard]] Result<QList<ExpectedKey>> channelsExpecting(const QString& fingerprint);
    // Seals in the audit chain that `releaseId` moved the channel from one key to another on purpose.
    [[nodiscard]] Status recordKeyChange(const ExpectedKey& before, const ReleaseRecord& release);

private:
    History& m_history;
};

} // namespace slipway::history
