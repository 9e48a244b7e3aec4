#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace slipway::history {
class History;
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
};

// Points a self-hosted channel at any completed release in the history by re-publishing that
// release's manifest on its storage target, and records the event in the history.
class ChannelControl
{
public:
    explicit ChannelControl(history::History& history) : m_history(history) {}
    [[nodiscard]] Result<ChannelChange> setChannel(const QString& appId, const QString& channel, const QString& version);

private:
    history::History& m_history;
};

} // namespace slipway::registry
