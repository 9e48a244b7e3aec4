#include "registry/ManifestFailures.h"

#include <QSet>

namespace slipway::registry {

namespace {

QString keyOf(const QString& deviceId, const QString& version)
{
    return deviceId + QLatin1Char('\n') + version;
}

} // namespace

const QSet<QString>& ManifestFailures::actions()
{
    static const QSet<QString> all{QStringLiteral("download_manifest_file_fail"),
                                       QStringLiteral("download_manifest_checksum_fail"),
                                       QStringLiteral("download_manifest_brotli_fail"),
                                       QStringLiteral("manifest_path_fail"),
                                       QStringLiteral("decrypt_fail"),
                                       QStringLiteral("checksum_required"),
                                       QStringLiteral("session_key_required")};
    return all;
}

bool ManifestFailures::isManifestFailure(const QString& action)
{
    return actions().contains(action);
}

void ManifestFailures::record(const QJsonObject& event)
{
    if (!isManifestFailure(event.value(QStringLiteral("action")).toString()))
        return;
    const QString key = keyOf(event.value(QStringLiteral("device_id")).toString(),
                              event.value(QStringLiteral("version_name")).toString());
    if (!m_counts.contains(key) && m_counts.size() >= m_capacity)
        m_counts.clear();
    ++m_counts[key];
}

bool ManifestFailures::stranded(const QString& appId, const QString& deviceId, const QString& version) const
{
    if (m_counts.value(keyOf(deviceId, version)) >= StrandedAfter)
        return true;
    if (!m_store)
        return false;
    // Unreadable: the delta is offered (the device's next failure report comes back here).
    static const QStringList asked(actions().cbegin(), actions().cend());
    const auto reported = m_store(appId, deviceId, version, asked);
    return reported && reported.value() >= StrandedAfter;
}

} // namespace slipway::registry
