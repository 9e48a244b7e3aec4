#include "registry/ChannelControl.h"

#include "common/OsUser.h"
#include "history/History.h"
#include "project/SemanticVersion.h"
#include "registry/LocalChannelRegistrar.h"
#include "registry/ReleaseName.h"
#include "registry/StoredDeltaList.h"
#include "storage/StorageFactory.h"

#include <QHostInfo>
#include <QMap>

namespace slipway::registry {

namespace {

QString changeKind(const QString& from, const QString& to)
{
    const auto before = project::SemanticVersion::parse(from);
    const auto after = project::SemanticVersion::parse(to);
    if (!before || !after || *before == *after)
        return history::ChannelEventKind::Set;
    return *after < *before ? history::ChannelEventKind::Rollback : history::ChannelEventKind::Promote;
}

// Rollout events change what the manifest says, never which storage holds it.
bool movesManifest(const history::ChannelEvent& e)
{
    return !e.kind.startsWith(QLatin1String("rollout-"));
}

} // namespace

RegistrationRequest ChannelControl::requestFor(const history::ReleaseRecord& release, const QString& channel)
{
    RegistrationRequest request;
    request.appId = release.appId;
    request.version = release.version;
    request.channel = channel;
    request.bundleUrl = QUrl(release.publicUrl);
    request.ivSessionKey = release.ivSessionKey;
    request.signedChecksum = release.signedChecksum;
    request.keyId = release.keyId;
    request.minUpdateVersion = release.minUpdateVersion;
    request.comment = release.notes;
    request.releasedAt = release.finishedAt.isValid() ? release.finishedAt : release.createdAt;
    request.releaseId = release.id;
    return request;
}

QString ChannelControl::addStoredDelta(RegistrationRequest& request, const history::ReleaseRecord& release,
                                       storage::StorageTarget& storage)
{
    auto list =
        StoredDeltaList::fetch(storage, {release.appId, release.version, release.storageKey, release.encryptedSha256});
    if (!list)
        return QStringLiteral("Served as the zip alone: %1").arg(list.error().message);
    if (!list.value())
        return {};
    request.deltaFiles = *list.value();
    return QStringLiteral("Served with its delta of %1 files.").arg(request.deltaFiles.size());
}

Result<qint64> ChannelControl::record(history::History& history, history::ChannelEvent event)
{
    event.at = QDateTime::currentDateTimeUtc();
    if (event.osUser.isEmpty())
        event.osUser = currentOsUser();
    event.host = QHostInfo::localHostName();
    auto recorded = history.recordChannelEvent(event);
    if (!recorded)
        return fail(QStringLiteral("Channel %1 of %2 changed (%3), but recording the event in the history failed: %4")
                        .arg(event.channel, event.appId, event.kind, recorded.error().message));
    return recorded;
}

Result<history::ReleaseRecord> ChannelControl::completedRelease(const QString& appId, const QString& channel,
                                                                const QString& version)
{
    for (const Status& name : {ReleaseName::validateAppId(appId), ReleaseName::validateChannel(channel),
                               ReleaseName::validateVersion(version)}) {
        if (!name)
            return name.error();
    }
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
    return chosen;
}

Result<ChannelChange> ChannelControl::setChannel(const QString& appId, const QString& channel, const QString& version)
{
    // Nothing is published that the history cannot record.
    if (const QString why = m_history.readOnlyReason(); !why.isEmpty())
        return fail(QStringLiteral("Cannot change channel %1 of %2: the release history %3 is read-only here (%4), so "
                                   "the change could not be recorded. Make the folder writable, or use --data-dir DIR.")
                        .arg(channel, appId, m_history.path(), why));
    auto found = completedRelease(appId, channel, version);
    if (!found)
        return found.error();
    const history::ReleaseRecord& chosen = found.value();

    auto target = storage::openReleaseStorage(history::storageProfileOf(chosen));
    if (!target)
        return fail(
            QStringLiteral("Cannot open the storage of release %1: %2").arg(chosen.id).arg(target.error().message));
    LocalChannelRegistrar registrar(target.value());
    ChannelChange change;
    change.appId = appId;
    change.channel = channel;
    change.version = version;
    change.releaseId = chosen.id;
    QJsonObject rollout; // a rollout of another version goes on beside the new stable release
    if (auto current = registrar.publishedManifest(appId, channel)) {
        change.previousVersion = current->value(QStringLiteral("version")).toString();
        rollout = current->value(QStringLiteral("rollout")).toObject();
        if (rollout.value(QStringLiteral("version")).toString() == version)
            rollout = {};
    }
    RegistrationRequest request = requestFor(chosen, channel);
    change.delta = addStoredDelta(request, chosen, *target.value());
    QJsonObject manifest = LocalChannelRegistrar::manifestJson(request);
    if (!rollout.isEmpty())
        manifest.insert(QStringLiteral("rollout"), rollout);
    auto published =
        rollout.isEmpty() ? registrar.registerRelease(request) : registrar.publishManifest(appId, channel, manifest);
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
    event.detail = QStringLiteral("manifest %1").arg(change.manifestUrl.toString());
    if (auto recorded = record(m_history, event); !recorded)
        return recorded.error();
    return change;
}

Result<std::shared_ptr<storage::StorageTarget>> ChannelControl::channelStorage(const QString& appId,
                                                                             const QString& channel)
{
    if (Status valid = ReleaseName::validateChannel(channel); !valid)
        return valid.error();
    auto all = channels(appId);
    if (!all)
        return all.error();
    for (const ChannelState& state : all.value()) {
        if (state.channel != channel)
            continue;
        if (!state.problem.isEmpty())
            return fail(QStringLiteral("Channel %1 of %2 cannot be read: %3").arg(channel, appId, state.problem));
        return storage::openReleaseStorage(state.storage);
    }
    return fail(QStringLiteral("%1 has no channel %2 yet: release to it first, or point it at a release with "
                               "'slipway channel set'.")
                    .arg(appId, channel));
}

Result<QList<ChannelState>> ChannelControl::channels(const QString& appId)
{
    if (Status valid = ReleaseName::validateAppId(appId); !valid)
        return valid.error();
    auto events = m_history.newestChannelEvents(appId); // newest first
    if (!events)
        return events.error();
    // The release that last published each channel: a channel change, else the newest completed release on it (one
    // query per channel: an app may have tens of thousands of releases).
    QMap<QString, qint64> publisher;
    for (const history::ChannelEvent& e : events.value())
        if (movesManifest(e) && !publisher.contains(e.channel))
            publisher.insert(e.channel, e.releaseId);
    history::ReleaseFilter completed;
    completed.appId = appId;
    completed.status = history::ReleaseStatus::Completed;
    auto released = m_history.releaseValues(history::History::Column::Channel, completed);
    if (!released)
        return released.error();
    for (const QString& channel : released.value()) {
        if (publisher.contains(channel))
            continue;
        history::ReleaseFilter newest = completed;
        newest.channel = channel;
        newest.limit = 1;
        auto found = m_history.releases(newest);
        if (!found)
            return found.error();
        if (!found->isEmpty())
            publisher.insert(channel, found->first().id);
    }
    QList<ChannelState> states;
    for (auto it = publisher.cbegin(); it != publisher.cend(); ++it) {
        ChannelState state;
        state.channel = it.key();
        for (const history::ChannelEvent& e : events.value())
            if (e.channel == state.channel && !state.lastChange) {
                state.lastChange = e;
                break;
            }
        auto from = m_history.release(it.value());
        if (!from && from.error().code != 2) // 2: no such release, said below like any other that cannot publish
            return from.error();
        if (!from || from->appId != appId || from->status != history::ReleaseStatus::Completed) {
            state.problem =
                QStringLiteral("release %1 that last published it is not a completed release").arg(it.value());
            states << state;
            continue;
        }
        state.storage = history::storageProfileOf(from.value());
        auto target = storage::openReleaseStorage(state.storage);
        if (!target) {
            state.problem = target.error().message;
            states << state;
            continue;
        }
        LocalChannelRegistrar registrar(target.value());
        if (auto manifest = registrar.publishedManifest(appId, state.channel)) {
            state.version = manifest->value(QStringLiteral("version")).toString();
            state.manifest = manifest.value();
        } else {
            state.problem = manifest.error().message;
        }
        states << state;
    }
    return states;
}

} // namespace slipway::registry
