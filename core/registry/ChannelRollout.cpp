#include "registry/ChannelRollout.h"

#include "history/History.h"
#include "registry/ChannelControl.h"
#include "registry/LocalChannelRegistrar.h"
#include "registry/ReleaseName.h"
#include "storage/StorageTarget.h"

#include <QJsonDocument>
#include <QUuid>

#include <functional>
#include <optional>

namespace slipway::registry {

namespace {

// What every rollout event's detail holds: why, and which rollout at which percentage.
QJsonObject eventDetail(const RolloutState& rollout, const QString& why)
{
    return QJsonObject{{QStringLiteral("why"), why},
                       {QStringLiteral("rollout_id"), rollout.id},
                       {QStringLiteral("percent"), rollout.percent}};
}

QByteArray compact(const QJsonObject& manifest)
{
    return QJsonDocument(manifest).toJson(QJsonDocument::Compact);
}

} // namespace

ChannelRollout::ChannelRollout(history::History& history, std::shared_ptr<storage::StorageTarget> storage, QString who)
    : m_history(history), m_storage(std::move(storage)), m_who(std::move(who))
{
}

Result<RolloutChange> ChannelRollout::exclusively(const std::function<Result<RolloutChange>()>& change)
{
    m_unrecorded.reset();
    if (!m_history.readOnlyReason().isEmpty())
        return change(); // refused by its own words (read())
    std::optional<Result<RolloutChange>> outcome;
    const Status done = m_history.inOneTransaction([&]() -> Status {
        outcome.emplace(m_unrecorded ? recordAfterLostConnection(*m_unrecorded) : change());
        if (!*outcome)
            return outcome->error();
        return Ok{};
    });
    m_unrecorded.reset();
    if (!done)
        return done.error();
    return std::move(*outcome);
}

Result<RolloutChange> ChannelRollout::recordAfterLostConnection(const Unrecorded& published)
{
    auto manifest = LocalChannelRegistrar(m_storage).publishedManifest(published.appId, published.channel);
    if (!manifest)
        return manifest.error();
    if (compact(manifest.value()) != compact(published.manifest))
        return fail(QStringLiteral("The manifest of channel %1 of %2 changed while the connection to the release "
                                   "history was lost: read the channel again ('slipway channel list') and repeat "
                                   "the change if it is still needed.")
                        .arg(published.channel, published.appId));
    return record(published);
}

Result<RolloutChange> ChannelRollout::record(const Unrecorded& published)
{
    auto recorded = recordEvent(published.appId, published.channel, published.kind, published.version,
                                published.previousVersion, published.releaseId, published.detail);
    if (!recorded)
        return recorded.error();
    RolloutChange change;
    change.kind = published.kind;
    change.summary = published.summary;
    change.manifest = published.manifest;
    change.eventId = recorded.value();
    return change;
}

Result<ChannelRollout::Current> ChannelRollout::read(const QString& appId, const QString& channel)
{
    if (const QString why = m_history.readOnlyReason(); !why.isEmpty())
        return fail(QStringLiteral("Cannot change the rollout of channel %1 of %2: the release history %3 is "
                                   "read-only here (%4), so the change could not be recorded.")
                        .arg(channel, appId, m_history.path(), why));
    LocalChannelRegistrar registrar(m_storage);
    auto manifest = registrar.publishedManifest(appId, channel);
    if (!manifest)
        return fail(QStringLiteral("Channel %1 of %2 has no readable manifest (%3): point it at a stable release "
                                   "first with 'slipway channel set'.")
                        .arg(channel, appId, manifest.error().message));
    auto rollout = RolloutState::fromManifest(manifest.value());
    if (!rollout)
        return rollout.error();
    return Current{manifest.value(), rollout.value()};
}

Result<std::pair<ChannelRollout::Current, RolloutState>> ChannelRollout::running(const QString& appId,
                                                                                 const QString& channel)
{
    auto current = read(appId, channel);
    if (!current)
        return current.error();
    if (!current->rollout)
        return fail(QStringLiteral("Channel %1 of %2 has no rollout; start one with 'slipway channel rollout "
                                   "--version V --percent P'.")
                        .arg(channel, appId));
    RolloutState rollout = *current->rollout;
    return std::make_pair(std::move(current.value()), std::move(rollout));
}

Result<RolloutChange> ChannelRollout::changeRunning(
    const QString& appId, const QString& channel,
    const std::function<Result<RolloutChange>(Current& current, RolloutState& rollout)>& change)
{
    return exclusively([&]() -> Result<RolloutChange> {
        auto found = running(appId, channel);
        if (!found)
            return found.error();
        auto& [current, rollout] = found.value();
        return change(current, rollout);
    });
}

Result<RolloutChange> ChannelRollout::publish(const QString& appId, const QString& channel, const QJsonObject& manifest,
                                              const QString& kind, const QString& version,
                                              const QString& previousVersion, qint64 releaseId, QJsonObject detail,
                                              const QString& summary)
{
    LocalChannelRegistrar registrar(m_storage);
    auto published = registrar.publishManifest(appId, channel, manifest);
    if (!published)
        return published.error();
    detail.insert(QStringLiteral("manifest"), published->manifestUrl.toString());
    m_unrecorded = Unrecorded{appId, channel, manifest, kind, version, previousVersion, releaseId, detail, summary};
    auto change = record(*m_unrecorded);
    if (change)
        m_unrecorded.reset();
    return change;
}

Result<qint64> ChannelRollout::recordEvent(const QString& appId, const QString& channel, const QString& kind,
                                           const QString& version, const QString& previousVersion, qint64 releaseId,
                                           const QJsonObject& detail)
{
    history::ChannelEvent event;
    event.appId = appId;
    event.channel = channel;
    event.kind = kind;
    event.version = version;
    event.previousVersion = previousVersion;
    event.releaseId = releaseId;
    event.osUser = m_who;
    event.detail = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    return ChannelControl::record(m_history, event);
}

Result<RolloutChange> ChannelRollout::start(const QString& appId, const QString& channel, const QString& version,
                                            double percent, const QString& why,
                                            const std::optional<HealthPolicy>& policy)
{
    return exclusively([&]() -> Result<RolloutChange> {
        if (Status s = RolloutState::checkPercent(percent); !s)
            return s.error();
        if (policy) {
            if (Status s = policy->check(); !s)
                return s.error();
        }
        ChannelControl control(m_history);
        auto release = control.completedRelease(appId, channel, version);
        if (!release)
            return fail(QStringLiteral("Cannot roll out %1: %2").arg(version, release.error().message));
        auto current = read(appId, channel);
        if (!current)
            return current.error();
        if (current->rollout && current->rollout->version == version && current->rollout->state != RolloutState::Aborted) {
            const QString stable = current->manifest.value(QStringLiteral("version")).toString();
            RolloutState r = *current->rollout;
            const double before = r.percent;
            r.percent = percent;
            if (policy)
                r.policy = *policy;
            current->manifest.insert(QStringLiteral("rollout"), r.toJson());
            QJsonObject detail{{QStringLiteral("why"), why},
                               {QStringLiteral("percent"), percent},
                               {QStringLiteral("previous_percent"), before},
                               {QStringLiteral("rollout_id"), r.id},
                               {QStringLiteral("policy"), r.policy.toJson()}};
            return publish(appId, channel, current->manifest, RolloutEventKind::Percent, version, stable, r.releaseId, detail,
                           QStringLiteral("Rollout of %1 on %2 of %3: %4 % -> %5 % (%6).")
                               .arg(version, channel, appId)
                               .arg(before)
                               .arg(percent)
                               .arg(r.state));
        }
        RegistrationRequest request = ChannelControl::requestFor(release.value(), channel);
        const QString delta = ChannelControl::addStoredDelta(request, release.value(), *m_storage);
        const QString recorded =
            request.deltaFiles.isEmpty() && !delta.isEmpty() ? QStringLiteral("%1. %2").arg(why, delta) : why;
        return begin(std::move(current.value()), appId, channel, version, LocalChannelRegistrar::manifestJson(request),
                     release->id, percent, recorded, policy.value_or(HealthPolicy{}));
    });
}

Status ChannelRollout::checkNewRollout(const Current& current, const QString& appId, const QString& channel,
                                       const QString& version)
{
    const QString stable = current.manifest.value(QStringLiteral("version")).toString();
    if (stable.isEmpty())
        return fail(QStringLiteral("Channel %1 of %2 serves no stable release yet: a rollout needs one for the devices "
                                   "outside it. Release %3 to every device first (without a rollout).")
                        .arg(channel, appId, version));
    if (stable == version)
        return fail(QStringLiteral("Channel %1 of %2 already serves %3 to every device: nothing to roll out.")
                        .arg(channel, appId, version));
    if (current.rollout && current.rollout->state != RolloutState::Aborted)
        return fail(
            QStringLiteral("Channel %1 of %2 is rolling out %3 (%4); promote or abort it before rolling out %5.")
                .arg(channel, appId, current.rollout->version, current.rollout->state, version));
    return Ok{};
}

Status ChannelRollout::checkNewRollout(const QString& appId, const QString& channel, const QString& version,
                                       qint64 resumedReleaseId)
{
    auto present = LocalChannelRegistrar(m_storage).hasManifest(appId, channel);
    if (!present)
        return present.error();
    if (!present.value())
        return fail(QStringLiteral("Channel %1 of %2 has no stable release yet (this would be its first release): a "
                                   "rollout needs a stable release for the devices outside it. Release %3 to every "
                                   "device (without a rollout), and roll out the next version.")
                        .arg(channel, appId, version));
    auto current = read(appId, channel);
    if (!current)
        return current.error();
    if (resumedReleaseId > 0 && current->rollout && current->rollout->releaseId == resumedReleaseId)
        return Ok{};
    return checkNewRollout(current.value(), appId, channel, version);
}

Result<RolloutChange> ChannelRollout::begin(Current current, const QString& appId, const QString& channel,
                                            const QString& version, const QJsonObject& release, qint64 releaseId,
                                            double percent, const QString& why, const HealthPolicy& policy)
{
    if (Status s = checkNewRollout(current, appId, channel, version); !s)
        return s.error();
    const QString stable = current.manifest.value(QStringLiteral("version")).toString();
    RolloutState r;
    r.id = QStringLiteral("%1-%2").arg(version, QUuid::createUuid().toString(QUuid::Id128).left(8));
    r.version = version;
    r.percent = percent;
    r.release = release;
    r.releaseId = releaseId;
    r.startedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    r.policy = policy;
    current.manifest.insert(QStringLiteral("rollout"), r.toJson());
    const QJsonObject detail{{QStringLiteral("why"), why},
                             {QStringLiteral("percent"), percent},
                             {QStringLiteral("rollout_id"), r.id},
                             {QStringLiteral("policy"), r.policy.toJson()}};
    return publish(appId, channel, current.manifest, RolloutEventKind::Start, version, stable, r.releaseId, detail,
                   QStringLiteral("Rolling out %1 to %2 % of channel %3 of %4 (stable: %5; policy: %6).")
                       .arg(version)
                       .arg(percent)
                       .arg(channel, appId, stable, r.policy.describe()));
}

Result<RolloutChange> ChannelRollout::startRelease(const RegistrationRequest& request, double percent,
                                                   const QString& why)
{
    return exclusively([&]() -> Result<RolloutChange> {
        if (Status s = RolloutState::checkPercent(percent); !s)
            return s.error();
        auto current = read(request.appId, request.channel);
        if (!current)
            return current.error();
        const QJsonObject release = LocalChannelRegistrar::manifestJson(request);
        const std::optional<RolloutState>& running = current->rollout;
        if (running && running->releaseId == request.releaseId &&
            LocalChannelRegistrar::servesSame(running->release, release)) {
            // A resumed release whose rollout was published before the interruption: keep it, record it once.
            auto events = m_history.channelEvents(request.appId, request.channel);
            if (!events)
                return events.error();
            RolloutChange change;
            change.kind = RolloutEventKind::Start;
            change.manifest = current->manifest;
            change.summary = QStringLiteral("The rollout of %1 to %2 % of channel %3 of %4 was already published.")
                                 .arg(request.version)
                                 .arg(running->percent)
                                 .arg(request.channel, request.appId);
            for (const history::ChannelEvent& e : events.value())
                if (e.kind == RolloutEventKind::Start && e.releaseId == request.releaseId)
                    change.eventId = e.id;
            if (change.eventId > 0)
                return change;
            auto url = m_storage->publicUrl(LocalChannelRegistrar::manifestKey(request.appId, request.channel));
            auto recorded = recordEvent(request.appId, request.channel, RolloutEventKind::Start, request.version,
                                        current->manifest.value(QStringLiteral("version")).toString(), request.releaseId,
                                        QJsonObject{{QStringLiteral("why"), why},
                                                    {QStringLiteral("percent"), running->percent},
                                                    {QStringLiteral("rollout_id"), running->id},
                                                    {QStringLiteral("policy"), running->policy.toJson()},
                                                    {QStringLiteral("manifest"), url.toString()}});
            if (!recorded)
                return recorded.error();
            change.eventId = recorded.value();
            return change;
        }
        return begin(std::move(current.value()), request.appId, request.channel, request.version, release,
                     request.releaseId, percent, why, HealthPolicy{});
    });
}

Result<RolloutChange> ChannelRollout::pause(const QString& appId, const QString& channel, const QString& why)
{
    return changeRunning(appId, channel, [&](Current& current, RolloutState& rollout) -> Result<RolloutChange> {
        RolloutState* r = &rollout;
        if (r->state != RolloutState::Active)
            return fail(QStringLiteral("The rollout of %1 on %2 is %3, not active: nothing to pause.")
                            .arg(r->version, channel, r->state));
        r->state = RolloutState::Paused;
        current.manifest.insert(QStringLiteral("rollout"), r->toJson());
        return publish(appId, channel, current.manifest, RolloutEventKind::Pause, r->version,
                       current.manifest.value(QStringLiteral("version")).toString(), r->releaseId,
                       eventDetail(*r, why),
                       QStringLiteral("Paused the rollout of %1 on %2 of %3: no new device gets it.").arg(r->version, channel, appId));
    });
}

Result<RolloutChange> ChannelRollout::resume(const QString& appId, const QString& channel, const QString& why)
{
    return changeRunning(appId, channel, [&](Current& current, RolloutState& rollout) -> Result<RolloutChange> {
        RolloutState* r = &rollout;
        if (r->state == RolloutState::Active)
            return fail(QStringLiteral("The rollout of %1 on %2 is already active.").arg(r->version, channel));
        QJsonObject detail = eventDetail(*r, why);
        detail.insert(QStringLiteral("was"), r->state);
        if (!r->halt.isEmpty())
            detail.insert(QStringLiteral("overrides_halt"), r->halt);
        r->state = RolloutState::Active;
        r->halt = {};
        current.manifest.insert(QStringLiteral("rollout"), r->toJson());
        return publish(appId, channel, current.manifest, RolloutEventKind::Resume, r->version,
                       current.manifest.value(QStringLiteral("version")).toString(), r->releaseId, detail,
                       QStringLiteral("Resumed the rollout of %1 on %2 of %3 at %4 %.")
                           .arg(r->version, channel, appId)
                           .arg(r->percent));
    });
}

Result<RolloutChange> ChannelRollout::promote(const QString& appId, const QString& channel, const QString& why)
{
    return changeRunning(appId, channel, [&](Current& current, RolloutState& rollout) -> Result<RolloutChange> {
        RolloutState* r = &rollout;
        if (r->state == RolloutState::Aborted)
            return fail(QStringLiteral("The rollout of %1 on %2 was aborted by its health policy; start a new one first.")
                            .arg(r->version, channel));
        const QString stable = current.manifest.value(QStringLiteral("version")).toString();
        return publish(appId, channel, r->release, RolloutEventKind::Promote, r->version, stable, r->releaseId,
                       eventDetail(*r, why),
                       QStringLiteral("Promoted %1 to the stable release of %2 of %3 (was %4).").arg(r->version, channel, appId, stable));
    });
}

Result<RolloutChange> ChannelRollout::abort(const QString& appId, const QString& channel, const QString& why)
{
    return changeRunning(appId, channel, [&](Current& current, RolloutState& rollout) -> Result<RolloutChange> {
        RolloutState* r = &rollout;
        current.manifest.remove(QStringLiteral("rollout"));
        const QString stable = current.manifest.value(QStringLiteral("version")).toString();
        return publish(appId, channel, current.manifest, RolloutEventKind::Abort, r->version, stable, r->releaseId,
                       eventDetail(*r, why),
                       QStringLiteral("Aborted the rollout of %1 on %2 of %3: every device gets %4 again.")
                           .arg(r->version, channel, appId, stable));
    });
}

Result<RolloutChange> ChannelRollout::halt(const QString& appId, const QString& channel, const QString& version,
                                           const HaltDecision& decision, const RolloutTally& tally)
{
    return changeRunning(appId, channel, [&](Current& current, RolloutState& rollout) -> Result<RolloutChange> {
        RolloutState* r = &rollout;
        if (r->version != version || r->state != RolloutState::Active)
            return fail(QStringLiteral("The rollout on %1 is no longer an active rollout of %2.").arg(channel, version),
                    NoLongerActive);
        r->state = decision.action == QLatin1String("abort") ? RolloutState::Aborted : RolloutState::Halted;
        r->halt = QJsonObject{{QStringLiteral("at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                              {QStringLiteral("action"), decision.action},
                              {QStringLiteral("reason"), decision.reason},
                              {QStringLiteral("decision"), decision.toJson()},
                              {QStringLiteral("tally"), tally.toJson()}};
        current.manifest.insert(QStringLiteral("rollout"), r->toJson());
        QJsonObject detail = r->halt;
        detail.insert(QStringLiteral("why"), QStringLiteral("health policy: %1").arg(r->policy.describe()));
        detail.insert(QStringLiteral("rollout_id"), r->id);
        detail.insert(QStringLiteral("percent"), r->percent);
        return publish(appId, channel, current.manifest, RolloutEventKind::Halt, version,
                       current.manifest.value(QStringLiteral("version")).toString(), r->releaseId, detail, decision.reason);
    });
}

} // namespace slipway::registry
