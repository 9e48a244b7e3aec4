#pragma once

#include "crypto/RsaKey.h"
#include "device/DeviceSimulator.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace slipway::device {

struct FleetOptions
{
    QUrl updateUrl;
    QUrl statsUrl; // the update URL's /stats beside it when empty
    QString appId;
    crypto::RsaKey publicKey;
    int devices = 100;
    double failRate = 0;     // the share of updates a phone fails to apply (0..1)
    QString failVersion;     // only updates to this version fail (any version when empty)
    QStringList pluginVersions; // assigned round-robin (DeviceSimulator::PluginVersion when empty)
    QString idPrefix = QStringLiteral("fleet");
    QString channel;         // the phones' defaultChannel (the endpoint's default when empty)
    QString versionBuild = QStringLiteral("1.0.0");
    QString seed = QStringLiteral("1"); // which phones fail, reproducibly
};

struct FleetPhone
{
    QString id;
    QString version = QStringLiteral("builtin");
    QString pluginVersion;
    QString platform;
};

struct FleetRound
{
    int round = 0;
    QMap<QString, int> offered;  // version -> phones the endpoint offered it to
    int applied = 0;
    int failed = 0;
    int upToDate = 0;
    int blocked = 0;
    int errors = 0;               // no usable answer, or stats refused
    QMap<QString, int> failures;  // failure action -> phones
    QMap<QString, int> running;   // version -> phones after the round
    int statsSent = 0;
    QStringList problems;         // the first few errors, in plain words
    [[nodiscard]] QJsonObject toJson() const;
};

// Many simulated phones against a real update endpoint: each round every phone asks /updates with its own id,
// version and plugin version; the first phone offered a bundle downloads it and checks it with the real device
// verifier (DeviceSimulator), the others reuse that verdict; then each applies it or fails (at failRate, with one
// of the plugin's failure actions) and the stats go to /stats in batches, as the plugin reports them.
class DeviceFleet
{
public:
    explicit DeviceFleet(FleetOptions options);

    [[nodiscard]] const QList<FleetPhone>& phones() const { return m_phones; }
    // The phones' versions, to carry a fleet across runs ({"phones": [{id, version}]}).
    [[nodiscard]] QJsonObject state() const;
    void restore(const QJsonObject& state);

    [[nodiscard]] FleetRound runRound(int round);

private:
    struct Verdict
    {
        bool accepted = false;
        QString failureAction; // when not accepted
        QString detail;
    };
    [[nodiscard]] Verdict verify(const FleetPhone& phone, const QString& version);
    [[nodiscard]] DeviceProfile profileOf(const FleetPhone& phone) const;
    [[nodiscard]] bool failsThisTime(const FleetPhone& phone, int round) const;
    [[nodiscard]] QString failureFor(const FleetPhone& phone, int round) const;

    FleetOptions m_options;
    QList<FleetPhone> m_phones;
    QHash<QString, Verdict> m_verdicts; // "version|url|checksum|session_key" -> the verifier's verdict
};

} // namespace slipway::device
