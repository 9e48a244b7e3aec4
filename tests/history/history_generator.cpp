// Test helper: writes a realistic release history through the real History API, fast (a thousand releases per
// transaction). Each release is claimed, runs the seven steps of a release and completes; every 7th is interrupted
// in upload and resumed as attempt 2; a signing key, a channel event per release and device stats as `serve` records
// them come with it. With --live-steps each step is recorded as the runner does it (started, then finished: two
// seals); by default once, finished (one seal: the history is written in about half the time). Every release is signed
// with one key, of fingerprint aaaa... unless --key-fingerprint=HEX names a real key's.
//
//   history_generator LOCATION RELEASES [--live-steps] [--key-fingerprint=HEX]     (LOCATION: a file or postgresql://...)
#include "history/DeviceStats.h"
#include "history/History.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace slipway;
using namespace slipway::history;

namespace {

const QStringList StepNames{QStringLiteral("preflight"), QStringLiteral("package"), QStringLiteral("encrypt"),
                            QStringLiteral("verify"),    QStringLiteral("upload"),  QStringLiteral("register"),
                            QStringLiteral("record")};
constexpr int ReleasesPerTransaction = 1000;
bool s_liveSteps = false;
QString s_keyFingerprint(64, QLatin1Char('a'));

Status runSteps(History& history, qint64 releaseId, int attempt, const QDateTime& at, int from, int to,
                const QString& failure)
{
    for (int s = from; s < to; ++s) {
        StepRecord step;
        step.releaseId = releaseId;
        step.attempt = attempt;
        step.name = StepNames[s];
        step.startedAt = at.addSecs(s * 5);
        if (s_liveSteps) {
            step.outcome = StepOutcome::Running;
            auto id = history.startStep(step);
            if (!id)
                return id.error();
            step.id = id.value();
        }
        step.finishedAt = step.startedAt.addMSecs(1200 + s * 37);
        const bool fails = !failure.isEmpty() && s == to - 1;
        step.outcome = fails ? StepOutcome::Failed : StepOutcome::Succeeded;
        step.error = fails ? failure : QString();
        step.bytes = s == 4 ? 2400000 + releaseId : 0;
        step.detail = fails ? QString() : QStringLiteral("%1 of release %2 done").arg(step.name).arg(releaseId);
        if (s_liveSteps) {
            if (Status u = history.updateStep(step); !u)
                return u;
        } else if (auto id = history.startStep(step); !id) {
            return id.error();
        }
    }
    return Ok{};
}

Status writeRelease(History& history, int i, const QDateTime& start)
{
    ReleaseRecord r;
    r.appId = QStringLiteral("com.example.app%1").arg(i % 20);
    r.version = QStringLiteral("%1.%2.%3").arg(1 + i / 10000).arg((i / 100) % 100).arg(i % 100);
    r.channel = i % 3 == 0 ? QStringLiteral("beta") : QStringLiteral("production");
    r.status = ReleaseStatus::Running;
    r.createdAt = start.addSecs(qint64{i} * 600);
    r.updatedAt = r.createdAt;
    r.osUser = QStringLiteral("release-%1").arg(i % 4);
    r.host = QStringLiteral("desk-%1").arg(i % 3);
    r.keyId = QStringLiteral("MIIBCgKCAQEAwGG7OI3K");
    r.keyFingerprint = s_keyFingerprint;
    r.notes = QStringLiteral("Release %1: fixes and \"quoted\" notes, naïve café").arg(i);
    r.attempts = 1;
    r.owner = QStringLiteral("generator 1 1");
    r.planJson = QStringLiteral("{\"app_id\":\"%1\",\"version\":\"%2\"}").arg(r.appId, r.version);
    auto claim = history.claimRelease(r);
    if (!claim)
        return claim.error();
    if (claim->holder)
        return fail(QStringLiteral("release %1 %2 on %3 is already claimed").arg(r.appId, r.version, r.channel));
    r.id = claim->id;
    const bool resumed = i % 7 == 3;
    if (resumed) {
        if (Status s = runSteps(history, r.id, 1, r.createdAt, 0, 5, QStringLiteral("connection reset by peer")); !s)
            return s;
        r.status = ReleaseStatus::Interrupted;
        r.reason = QStringLiteral("upload failed: connection reset by peer");
        r.lastStep = QStringLiteral("upload");
        if (Status s = history.updateRelease(r); !s)
            return s;
        r.attempts = 2;
        r.status = ReleaseStatus::Running;
        r.reason.clear();
        if (Status s = history.updateRelease(r); !s)
            return s;
    }
    if (Status s = runSteps(history, r.id, r.attempts, r.createdAt.addSecs(60), resumed ? 4 : 0, 7, {}); !s)
        return s;
    r.status = ReleaseStatus::Completed;
    r.finishedAt = r.createdAt.addSecs(95);
    r.updatedAt = r.finishedAt;
    r.lastStep = StepNames.last();
    r.sha256 = QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0'));
    r.encryptedSha256 = QStringLiteral("%1").arg(i + 1, 64, 16, QLatin1Char('0'));
    r.signedChecksum = QString(344, QLatin1Char('s'));
    r.checksumFormat = QStringLiteral("sha256");
    r.ivSessionKey = QString(369, QLatin1Char('k'));
    r.plainSize = 2400000 + i;
    r.encryptedSize = 2400016 + i;
    r.files = 120;
    r.storage = QStringLiteral("S3 bucket releases");
    r.storageKey = QStringLiteral("%1/%2/bundle.zip.encrypted").arg(r.appId, r.version);
    r.publicUrl = QStringLiteral("https://cdn.example/%1").arg(r.storageKey);
    r.registrar = QStringLiteral("self-hosted channel");
    r.registration = QStringLiteral("%1/channels/%2.json").arg(r.appId, r.channel);
    if (Status s = history.updateRelease(r); !s)
        return s;
    ChannelEvent event;
    event.appId = r.appId;
    event.channel = r.channel;
    event.kind = ChannelEventKind::Set;
    event.version = r.version;
    event.releaseId = r.id;
    event.at = r.finishedAt;
    event.osUser = r.osUser;
    event.host = r.host;
    event.detail = r.registration;
    if (auto e = history.recordChannelEvent(event); !e)
        return e.error();
    StatsEvent applied;
    applied.event.appId = r.appId;
    applied.event.deviceId = QStringLiteral("device-%1").arg(i % 500);
    applied.event.action = QStringLiteral("set");
    applied.event.versionName = r.version;
    applied.event.platform = i % 2 ? QStringLiteral("android") : QStringLiteral("ios");
    applied.event.at = r.finishedAt.addSecs(30);
    applied.event.raw = QStringLiteral("{\"action\":\"set\"}");
    applied.outcome = StatsEvent::Outcome::Applied;
    return DeviceStats(history).record({applied});
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool ok = false;
    const int count = args.value(2).toInt(&ok);
    QStringList options = args.mid(3);
    s_liveSteps = options.removeAll(QStringLiteral("--live-steps")) > 0;
    const QString keyOption = QStringLiteral("--key-fingerprint=");
    for (auto it = options.begin(); it != options.end();) {
        if (it->startsWith(keyOption)) {
            s_keyFingerprint = it->mid(keyOption.size());
            it = options.erase(it);
        } else {
            ++it;
        }
    }
    if (args.size() < 3 || !options.isEmpty() || !ok || count < 0) {
        std::fprintf(stderr, "usage: history_generator LOCATION RELEASES [--live-steps] [--key-fingerprint=HEX]\n");
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    auto history = History::open(args[1]);
    if (!history) {
        std::fprintf(stderr, "%s\n", qPrintable(history.error().message));
        return 1;
    }
    History& h = *history.value();
    KeyRecord key;
    key.fingerprint = s_keyFingerprint;
    key.keyId = QStringLiteral("MIIBCgKCAQEAwGG7OI3K");
    key.label = QStringLiteral("production");
    key.createdAt = QDateTime::currentDateTimeUtc();
    key.location = QStringLiteral("keychain:slipway/production");
    if (auto k = h.recordKey(key); !k) {
        std::fprintf(stderr, "%s\n", qPrintable(k.error().message));
        return 1;
    }
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-400);
    for (int first = 0; first < count; first += ReleasesPerTransaction) {
        Status s = h.inOneTransaction([&]() -> Status {
            for (int i = first; i < std::min(count, first + ReleasesPerTransaction); ++i) {
                if (Status w = writeRelease(h, i, start); !w)
                    return w;
            }
            return Ok{};
        });
        if (!s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 1;
        }
    }
    std::fprintf(stderr, "history_generator: %d releases in %lld ms\n", count, static_cast<long long>(clock.elapsed()));
    return 0;
}
