#pragma once

#include "common/Result.h"
#include "history/HistoryRecords.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace slipway::history {
class History;
}
namespace slipway::storage {
class StorageTarget;
}

namespace slipway::registry {

struct ChannelChange
{
    QString appId;
    QString channel;
    QString version;
    QString previousVersion; // what the channel served before (empty when nothing)
    QString kind;            // history::ChannelEventKind: set, promote or rollback
    qint64 releaseId = 0;    // the release whose bundle the channel now serves
    QUrl manifestUrl;
    QJsonObject manifest;
    QString delta; // a sentence: phones get the release's delta again, or why the zip alone (empty: it had no delta)
};

// What one channel of an app serves now, read from its published manifest.
struct ChannelState
{
    QString channel;
    QString version; // empty when the manifest cannot be read or serves nothing
    QString storage; // the storage profile of the release that last published it ("" = local workspace)
    QString problem; // why the manifest could not be read, in plain words (empty when it was)
    std::optional<history::ChannelEvent> lastChange; // the newest channel event (set, promote, rollback, rollout-*)
    QJsonObject manifest; // as published (its "rollout" section holds a rollout, see RolloutState)
};

struct RegistrationRequest;

// Points a self-hosted channel at any completed release in the history by re-publishing that
// release's manifest on its storage target, and records the event in the history.
class ChannelControl
{
public:
    explicit ChannelControl(history::History& history) : m_history(history) {}
    [[nodiscard]] Result<ChannelChange> setChannel(const QString& appId, const QString& channel,
                                                   const QString& version);
    // Every channel the app was released or promoted to, sorted by name, with the version each
    // serves now (the GUI's channel chooser and its "serves" column; one path with `channel set`).
    [[nodiscard]] Result<QList<ChannelState>> channels(const QString& appId);

    // The completed release of app/version a channel should serve: the one made for this channel, else the
    // newest made for another (an error naming what to do when there is none or it lacks its bundle fields).
    [[nodiscard]] Result<history::ReleaseRecord> completedRelease(const QString& appId, const QString& channel,
                                                                  const QString& version);
    // The storage target holding a channel's manifest (the storage of the release that last published it).
    [[nodiscard]] Result<std::shared_ptr<storage::StorageTarget>> channelStorage(const QString& appId,
                                                                               const QString& channel);
    // What the manifest says about a release record when it serves it on `channel`.
    [[nodiscard]] static RegistrationRequest requestFor(const history::ReleaseRecord& release, const QString& channel);
    // Adds the release's delta file list kept on `storage` to the request; says what it did (see ChannelChange).
    [[nodiscard]] static QString addStoredDelta(RegistrationRequest& request, const history::ReleaseRecord& release,
                                                storage::StorageTarget& storage);
    // Stamps who, when and from where on an event, records it, and names it in the error when that fails.
    [[nodiscard]] static Result<qint64> record(history::History& history, history::ChannelEvent event);

private:
    history::History& m_history;
};

} // namespace slipway::registry
