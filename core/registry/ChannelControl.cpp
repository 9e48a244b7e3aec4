#include "registry/ChannelControl.h"

#include "common/OsUser.h"
#include "history/History.h"
#include "project/SemanticVersion.h"
#include "registry/LocalChannelRegistrar.h"
#include "registry/ReleaseName.h"
#include "release/ReleasePlan.h"
#include "storage/StorageFactory.h"

#include <QHostInfo>
#include <QJsonDocument>
#include <QMap>

namespace slipway::registry {

namespace {

QString storageProfileOf(const history::ReleaseRecord& record)
{
    auto plan = release::ReleasePlan::fromJson(QJsonDocument::fromJson(record.planJson.toUtf8()).object());
    return plan ? plan->storageProfile : QString();
}

Result<std::shared_ptr<storage::StorageTarget>> storageOf(const history::ReleaseRecord& record)
{
    return storage::openReleaseStorage(storageProfileOf(record));
}

QString changeKind(const QString& from, const QString& to)
{
    const auto before = project::SemanticVersion::parse(from);
    const auto after = project::SemanticVersion::parse(to);
    if (!before || !after || *before == *after)
        return history::ChannelEventKind::Set;
    return *after < *before ? history::ChannelEventKind::Rollback : history::ChannelEventKind::Promote;
}

} // namespace

Result<ChannelChange> ChannelControl::setChannel(const QString& appId, const QString& channel, const QString& version)
{
    for (const Status& name : {ReleaseName::validateAppId(appId), ReleaseName::validateChannel(channel),
                               ReleaseName::validateVersion(version)}) {
        if (!name)
            return name.error();
    }
    // Nothing is published that the history cannot record.
    if (const QString why = m_history.readOnlyReason(); !why.isEmpty())
        return fail(QStringLiteral("Cannot change channel %1 of %2: the release history %3 is read-only here (%4), so "
                                   "the change could not be recorded. Make the folder writable, or use --data-dir DIR.")
                        .arg(channel, appId, m_history.path(), why));
    history::ReleaseFilter filter;
    filter.appId = appId;
    filter.version = version;
    filter.status = history::ReleaseStatus::Completed;
    auto candidates = m_history.releases(filter);
    if (!candidates)
        return candidates.error();
    if (candidates->isEmpty())
        return fail(
            QStringLiteral("No completed release of %1 %2 is in the history; release it first (slipway release) "
                           "or pick a version from 'slipway history list --app %1'.")
                .arg(appId, version));
    // Prefer the release made for this channel; otherwise promote one made for another channel.
    history::ReleaseRecord chosen = candidates->first();
    for (const auto& r : candidates.value())
        if (r.channel == channel) {
            chosen = r;
            break;
        }
    if (chosen.publicUrl.isEmpty() || chosen.ivSessionKey.isEmpty() || chosen.signedChecksum.isEmpty())
        return fail(QStringLiteral("Release %1 lacks its bundle URL, session key or signed checksum in the history.")
                        .arg(chosen.id));

    auto target = storageOf(chosen);
    if (!target)
        return fail(
            QStringLiteral("Cannot open the storage of release %1: %2").arg(chosen.id).arg(target.error().message));
    LocalChannelRegistrar registrar(target.value());
    ChannelChange change;
    change.appId = appId;
    change.channel = channel;
    change.version = version;
    change.releaseId = chosen.id;
    if (auto current = registrar.publishedManifest(appId, channel))
        change.previousVersion = current->value(QStringLiteral("version")).toString();

    RegistrationRequest request;
    request.appId = appId;
    request.version = version;
    request.channel = channel;
    request.bundleUrl = QUrl(chosen.publicUrl);
    request.ivSessionKey = chosen.ivSessionKey;
    request.signedChecksum = chosen.signedChecksum;
    request.keyId = chosen.keyId;
    request.minUpdateVersion = chosen.minUpdateVersion;
    request.comment = chosen.notes;
    request.releasedAt = chosen.finishedAt.isValid() ? chosen.finishedAt : chosen.createdAt;
    request.releaseId = chosen.id;
    auto published = registrar.registerRelease(request);
    if (!published)
        return published.error();
    change.manifestUrl = published->manifestUrl;
    change.manifest = published->published;
    change.kind = chosen.channel != channel && change.previousVersion.isEmpty()
                      ? history::ChannelEventKind::Promote
                      : changeKind(change.previousVersion, version);

    history::ChannelEvent event;
    event.appId = appId;
    event.channel = channel;
    event.kind = change.kind;
    event.version = version;
    event.previousVersion = change.previousVersion;
    event.releaseId = chosen.id;
    event.at = QDateTime::currentDateTimeUtc();
    event.osUser = currentOsUser();
    event.host = QHostInfo::localHostName();
    event.detail = QStringLiteral("manifest %1").arg(change.manifestUrl.toString());
    if (auto recorded = m_history.recordChannelEvent(event); !recorded)
        return fail(QStringLiteral("The channel now serves %1, but recording the event in the history failed: %2")
                        .arg(version, recorded.error().message));
    return change;
}

Result<QList<ChannelState>> ChannelControl::channels(const QString& appId)
{
    if (Status valid = ReleaseName::validateAppId(appId); !valid)
        return valid.error();
    history::ReleaseFilter filter;
    filter.appId = appId;
    filter.status = history::ReleaseStatus::Completed;
    filter.limit = 0;
    auto releases = m_history.releases(filter); // newest first
    if (!releases)
        return releases.error();
    auto events = m_history.channelEvents(appId); // newest first
    if (!events)
        return events.error();
    // The release that last published each channel: a channel change, else the newest release on it.
    QMap<QString, qint64> publisher;
    for (const history::ChannelEvent& e : events.value())
        if (!publisher.contains(e.channel))
            publisher.insert(e.channel, e.releaseId);
    for (const history::ReleaseRecord& r : releases.value())
        if (!publisher.contains(r.channel))
            publisher.insert(r.channel, r.id);
    QList<ChannelState> states;
    for (auto it = publisher.cbegin(); it != publisher.cend(); ++it) {
        ChannelState state;
        state.channel = it.key();
        for (const history::ChannelEvent& e : events.value())
            if (e.channel == state.channel && !state.lastChange) {
                state.lastChange = e;
                break;
            }
        const history::ReleaseRecord* from = nullptr;
        for (const history::ReleaseRecord& r : releases.value())
            if (r.id == it.value())
                from = &r;
        if (!from) {
            state.problem =
                QStringLiteral("release %1 that last published it is not a completed release").arg(it.value());
            states << state;
            continue;
        }
        state.storage = storageProfileOf(*from);
        auto target = storage::openReleaseStorage(state.storage);
        if (!target) {
            state.problem = target.error().message;
            states << state;
            continue;
        }
        LocalChannelRegistrar registrar(target.value());
        if (auto manifest = registrar.publishedManifest(appId, state.channel))
            state.version = manifest->value(QStringLiteral("version")).toString();
        else
            state.problem = manifest.error().message;
        states << state;
    }
    return states;
}

} // namespace slipway::registry
