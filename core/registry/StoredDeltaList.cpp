#include "registry/StoredDeltaList.h"

#include "common/InputLimits.h"
#include "common/JsonStream.h"
#include "device/ManifestEntry.h"
#include "device/ManifestPath.h"
#include "storage/StorageTarget.h"
#include "storage/StoredJson.h"

#include <QJsonObject>

namespace slipway::registry {

namespace {

const QString Format = QStringLiteral("slipway-delta-list 1");
const QString BundlePrefix = QStringLiteral("bundle-");
const QString BundleSuffix = QStringLiteral(".zip.encrypted");

} // namespace

QString StoredDeltaList::keyFor(const QString& bundleKey)
{
    const qsizetype slash = bundleKey.lastIndexOf(QLatin1Char('/'));
    const QString name = bundleKey.mid(slash + 1);
    if (!name.startsWith(BundlePrefix) || !name.endsWith(BundleSuffix) ||
        name.size() <= BundlePrefix.size() + BundleSuffix.size())
        return {};
    const QString hash = name.mid(BundlePrefix.size(), name.size() - BundlePrefix.size() - BundleSuffix.size());
    return bundleKey.left(slash + 1) + QStringLiteral("delta-%1.json").arg(hash);
}

Status StoredDeltaList::publish(storage::StorageTarget& target, const Release& release, const QJsonArray& entries)
{
    const QString key = keyFor(release.bundleKey);
    if (key.isEmpty())
        return fail(QStringLiteral("The bundle key %1 has no place for a delta file list.").arg(release.bundleKey));
    const QJsonObject head{{QStringLiteral("format"), Format},
                           {QStringLiteral("app_id"), release.appId},
                           {QStringLiteral("version"), release.version},
                           {QStringLiteral("bundle_sha256"), release.bundleSha256}};
    return storage::StoredJson::publish(target, key, QStringLiteral("delta file list"), [&](QIODevice& out) {
        return writeJsonWithArray(out, head, QStringLiteral("manifest"), entries.size(),
                                  [&](qsizetype i) { return entries.at(i); });
    });
}

Result<std::optional<QJsonArray>> StoredDeltaList::fetch(storage::StorageTarget& target, const Release& release)
{
    const QString key = keyFor(release.bundleKey);
    if (key.isEmpty())
        return std::optional<QJsonArray>();
    auto there = target.exists(key);
    if (!there)
        return fail(QStringLiteral("Cannot look for the delta file list %1: %2").arg(key, there.error().message));
    if (!there.value())
        return std::optional<QJsonArray>();
    auto stored =
        storage::StoredJson::fetch(target, key, limits::ChannelManifestBytes, QStringLiteral("delta file list"));
    if (!stored)
        return stored.error();
    const QJsonObject& list = stored.value();
    const auto damaged = [&](const QString& why) {
        return fail(
            QStringLiteral("The delta file list %1 is damaged or belongs to another release: %2.").arg(key, why));
    };
    if (list.value(QStringLiteral("format")).toString() != Format)
        return damaged(QStringLiteral("its format is not \"%1\"").arg(Format));
    for (const auto& [field, expected] :
         {std::pair{QStringLiteral("app_id"), release.appId}, std::pair{QStringLiteral("version"), release.version},
          std::pair{QStringLiteral("bundle_sha256"), release.bundleSha256}}) {
        const QString found = list.value(field).toString();
        if (found != expected)
            return damaged(QStringLiteral("its %1 is \"%2\", the release's is \"%3\"").arg(field, found, expected));
    }
    const QJsonArray entries = list.value(QStringLiteral("manifest")).toArray();
    if (entries.isEmpty())
        return damaged(QStringLiteral("it lists no file"));
    auto parsed = device::ManifestEntry::parseList(entries);
    if (!parsed)
        return damaged(parsed.error().message);
    for (const device::ManifestEntry& entry : parsed.value())
        if (auto target = device::ManifestPath::target(entry.fileName); !target)
            return damaged(target.error().message);
    return std::optional<QJsonArray>(entries);
}

} // namespace slipway::registry
