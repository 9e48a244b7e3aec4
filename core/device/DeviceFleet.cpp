#include "device/DeviceFleet.h"

#include "common/InputLimits.h"
#include "crypto/Sha256.h"
#include "device/HttpExchange.h"
#include "device/UpdateAnswer.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace slipway::device {

namespace {

constexpr int ParallelExchanges = 6; // as many connections as a browser or Qt opens to one host
constexpr int MaxProblems = 5;

struct Exchange
{
    int status = 0;
    QByteArray body;
    QString error; // empty when the exchange completed
};

// POSTs every body to `url`, a few at once, and waits for all; an answer larger than any update answer is cut off.
QList<Exchange> postAll(const QUrl& url, const QList<QByteArray>& bodies)
{
    QList<Exchange> out(bodies.size());
    QList<HttpRequest> requests;
    QList<HttpSink> sinks;
    for (qsizetype i = 0; i < bodies.size(); ++i) {
        requests.append({QByteArrayLiteral("POST"), url, QByteArrayLiteral("application/json"), bodies.at(i)});
        sinks.append([&out, i](const HttpHead&, const QByteArray& chunk) {
            QByteArray& body = out[i].body;
            if (chunk.size() > limits::UpdateAnswerBytes - body.size())
                return false;
            body += chunk;
            return true;
        });
    }
    const QList<HttpOutcome> outcomes = HttpExchange::runAll(requests, sinks, ParallelExchanges);
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        Exchange& e = out[i];
        e.status = outcomes.at(i).head.status;
        if (outcomes.at(i).stopped) {
            e.body.clear();
            e.error = QStringLiteral("the answer is larger than any update answer");
        } else {
            e.error = outcomes.at(i).error;
        }
    }
    return out;
}

// The verifier step a phone fails at, as the plugin reports it.
QString actionForStep(const QString& step)
{
    if (step == QLatin1String("download"))
        return QStringLiteral("download_fail");
    if (step == QLatin1String("signed-checksum") || step == QLatin1String("compare-checksum"))
        return QStringLiteral("checksum_fail");
    if (step == QLatin1String("zip-entries") || step == QLatin1String("index-html"))
        return QStringLiteral("unzip_fail");
    return QStringLiteral("decrypt_fail");
}

// A reproducible number in [0, 1) for a phone, a round and the fleet's seed.
double draw(const QString& text)
{
    const QByteArray digest = crypto::Sha256::of(text.toUtf8());
    quint32 v = 0;
    for (int i = 0; i < 4; ++i)
        v = (v << 8) | static_cast<quint8>(digest.at(i));
    return static_cast<double>(v) / 4294967296.0;
}

} // namespace

QJsonObject FleetRound::toJson() const
{
    auto counts = [](const QMap<QString, int>& map) {
        QJsonObject o;
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            o.insert(it.key(), it.value());
        return o;
    };
    return QJsonObject{{QStringLiteral("round"), round},
                       {QStringLiteral("offered"), counts(offered)},
                       {QStringLiteral("applied"), applied},
                       {QStringLiteral("failed"), failed},
                       {QStringLiteral("up_to_date"), upToDate},
                       {QStringLiteral("blocked"), blocked},
                       {QStringLiteral("errors"), errors},
                       {QStringLiteral("failures"), counts(failures)},
                       {QStringLiteral("running"), counts(running)},
                       {QStringLiteral("stats_sent"), statsSent},
                       {QStringLiteral("problems"), QJsonArray::fromStringList(problems)}};
}

DeviceFleet::DeviceFleet(FleetOptions options) : m_options(std::move(options))
{
    if (m_options.statsUrl.isEmpty()) {
        m_options.statsUrl = m_options.updateUrl;
        QString path = m_options.statsUrl.path();
        path = path.endsWith(QLatin1String("/updates")) ? path.left(path.size() - 8) + QStringLiteral("/stats")
                                                        : QStringLiteral("/stats");
        m_options.statsUrl.setPath(path);
    }
    const auto width = static_cast<int>(QString::number(std::max(1, m_options.devices)).size());
    for (int i = 0; i < m_options.devices; ++i) {
        FleetPhone phone;
        phone.id = QStringLiteral("%1-%2").arg(m_options.idPrefix).arg(i + 1, width, 10, QLatin1Char('0'));
        phone.pluginVersion = m_options.pluginVersions.isEmpty()
                                  ? DeviceSimulator::PluginVersion
                                  : m_options.pluginVersions.at(i % m_options.pluginVersions.size());
        phone.platform = i % 2 == 0 ? QStringLiteral("android") : QStringLiteral("ios");
        m_phones << phone;
    }
}

QJsonObject DeviceFleet::state() const
{
    QJsonArray phones;
    for (const FleetPhone& p : m_phones)
        phones.append(QJsonObject{{QStringLiteral("id"), p.id}, {QStringLiteral("version"), p.version}});
    return QJsonObject{{QStringLiteral("phones"), phones}};
}

void DeviceFleet::restore(const QJsonObject& state)
{
    QHash<QString, QString> versions;
    for (const auto& v : state.value(QStringLiteral("phones")).toArray())
        versions.insert(v.toObject().value(QStringLiteral("id")).toString(),
                        v.toObject().value(QStringLiteral("version")).toString());
    for (FleetPhone& p : m_phones)
        if (const QString v = versions.value(p.id); !v.isEmpty())
            p.version = v;
}

bool DeviceFleet::failsThisTime(const FleetPhone& phone, int round) const
{
    return draw(QStringLiteral("fail|%1|%2|%3").arg(m_options.seed, phone.id).arg(round)) < m_options.failRate;
}

QString DeviceFleet::failureFor(const FleetPhone& phone, int round) const
{
    static const QStringList actions{QStringLiteral("download_fail"), QStringLiteral("checksum_fail"),
                                     QStringLiteral("decrypt_fail"), QStringLiteral("unzip_fail"),
                                     QStringLiteral("update_fail")};
    const double d = draw(QStringLiteral("action|%1|%2|%3").arg(m_options.seed, phone.id).arg(round));
    return actions.at(static_cast<int>(d * static_cast<double>(actions.size())));
}

DeviceProfile DeviceFleet::profileOf(const FleetPhone& phone) const
{
    DeviceProfile profile;
    profile.updateUrl = m_options.updateUrl;
    profile.appId = m_options.appId;
    profile.publicKey = m_options.publicKey;
    profile.versionName = phone.version;
    profile.versionBuild = m_options.versionBuild;
    profile.platform = phone.platform;
    profile.deviceId = phone.id;
    profile.defaultChannel = m_options.channel;
    profile.pluginVersion = phone.pluginVersion;
    return profile;
}

DeviceFleet::Verdict DeviceFleet::verify(const FleetPhone& phone, const QString& version)
{
    const SimulationResult result = DeviceSimulator::simulate(profileOf(phone));
    Verdict v;
    v.detail = result.summary();
    if (result.version != version) {
        v.failureAction = QStringLiteral("download_fail");
        v.detail = QStringLiteral("the endpoint offered %1, then %2 when asked again").arg(version, result.version);
        return v;
    }
    v.accepted = result.applied();
    if (!v.accepted) {
        const auto failed = std::find_if(result.steps.cbegin(), result.steps.cend(),
                                         [](const VerificationStep& s) { return !s.passed; });
        v.failureAction = !result.failureAction.isEmpty()
                              ? result.failureAction
                              : actionForStep(failed == result.steps.cend() ? QString() : failed->id);
    }
    return v;
}

FleetRound DeviceFleet::runRound(int round)
{
    FleetRound report;
    report.round = round;
    auto problem = [&](const QString& text) {
        ++report.errors;
        if (report.problems.size() < MaxProblems)
            report.problems << text;
    };
    QList<QByteArray> asks;
    for (const FleetPhone& phone : m_phones)
        asks << QJsonDocument(DeviceSimulator::deviceInfo(profileOf(phone), phone.id)).toJson(QJsonDocument::Compact);
    const QList<Exchange> answers = postAll(m_options.updateUrl, asks);

    QList<QJsonObject> events;
    auto event = [&](const FleetPhone& phone, const QString& action, const QString& version, const QString& old) {
        QJsonObject e{{QStringLiteral("app_id"), m_options.appId},
                      {QStringLiteral("device_id"), phone.id},
                      {QStringLiteral("action"), action},
                      {QStringLiteral("version_name"), version},
                      {QStringLiteral("platform"), phone.platform},
                      {QStringLiteral("plugin_version"), phone.pluginVersion},
                      {QStringLiteral("version_build"), m_options.versionBuild},
                      {QStringLiteral("is_emulator"), true},
                      {QStringLiteral("is_prod"), false}};
        if (!old.isEmpty())
            e.insert(QStringLiteral("old_version_name"), old);
        events << e;
    };
    for (qsizetype i = 0; i < m_phones.size(); ++i) {
        FleetPhone& phone = m_phones[i];
        const Exchange& x = answers.at(i);
        const UpdateAnswer answer = UpdateAnswer::parse(x.body);
        if (!x.error.isEmpty() && answer.raw.isEmpty()) {
            problem(QStringLiteral("%1: %2").arg(phone.id, x.error));
            continue;
        }
        switch (answer.kind) {
        case UpdateAnswer::Kind::Update:
            break;
        case UpdateAnswer::Kind::UpToDate:
            ++report.upToDate;
            continue;
        case UpdateAnswer::Kind::Blocked:
            ++report.blocked;
            continue;
        default:
            problem(QStringLiteral("%1: HTTP %2, %3").arg(phone.id).arg(x.status).arg(answer.message));
            continue;
        }
        report.offered[answer.version] += 1;
        const QString bundle =
            QStringLiteral("%1|%2|%3|%4").arg(answer.version, answer.url.toString(), answer.checksum, answer.sessionKey);
        if (!m_verdicts.contains(bundle))
            m_verdicts.insert(bundle, verify(phone, answer.version));
        const Verdict& verdict = m_verdicts[bundle];
        QString failure = verdict.accepted ? QString() : verdict.failureAction;
        const bool targeted = m_options.failVersion.isEmpty() || m_options.failVersion == answer.version;
        if (failure.isEmpty() && targeted && failsThisTime(phone, round))
            failure = failureFor(phone, round);
        if (!failure.isEmpty()) {
            ++report.failed;
            report.failures[failure] += 1;
            event(phone, failure, answer.version, phone.version);
            continue;
        }
        event(phone, QStringLiteral("download_complete"), answer.version, {});
        event(phone, QStringLiteral("set"), answer.version, phone.version);
        phone.version = answer.version;
        ++report.applied;
    }

    QList<QByteArray> batches;
    for (qsizetype i = 0; i < events.size(); i += limits::ServeStatsEvents) {
        QJsonArray batch;
        for (qsizetype j = i; j < std::min<qsizetype>(events.size(), i + limits::ServeStatsEvents); ++j)
            batch.append(events.at(j));
        batches << QJsonDocument(batch).toJson(QJsonDocument::Compact);
    }
    const QList<Exchange> sent = postAll(m_options.statsUrl, batches);
    for (qsizetype i = 0; i < sent.size(); ++i) {
        const qsizetype size = std::min<qsizetype>(limits::ServeStatsEvents, events.size() - i * limits::ServeStatsEvents);
        if (sent.at(i).status == 200)
            report.statsSent += static_cast<int>(size);
        else
            problem(QStringLiteral("/stats answered HTTP %1 to %2 events: %3")
                        .arg(sent.at(i).status)
                        .arg(size)
                        .arg(sent.at(i).error.isEmpty() ? QString::fromUtf8(sent.at(i).body.left(200)) : sent.at(i).error));
    }
    for (const FleetPhone& p : m_phones)
        report.running[p.version] += 1;
    return report;
}

} // namespace slipway::device
