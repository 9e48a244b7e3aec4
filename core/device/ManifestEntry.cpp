#include "device/ManifestEntry.h"

#include "common/InputLimits.h"

#include <QJsonObject>

namespace slipway::device {

Result<QList<ManifestEntry>> ManifestEntry::parseList(const QJsonArray& manifest)
{
    if (manifest.size() > limits::ManifestEntries)
        return fail(QStringLiteral("The manifest lists %1 files, more than the %2 a delta update may have (Capgo "
                                   "refuses more too): refused.")
                        .arg(manifest.size())
                        .arg(limits::ManifestEntries));
    QList<ManifestEntry> entries;
    entries.reserve(manifest.size());
    for (qsizetype i = 0; i < manifest.size(); ++i) {
        const QJsonValue value = manifest.at(i);
        if (!value.isObject())
            return fail(QStringLiteral("Manifest entry %1 is not an object: refused.").arg(i + 1));
        const QJsonObject object = value.toObject();
        ManifestEntry entry;
        const struct
        {
            const char* key;
            int maxChars;
            QString* field;
        } fields[] = {{"file_name", limits::ManifestFileNameChars, &entry.fileName},
                      {"file_hash", limits::ManifestHashChars, &entry.fileHash},
                      {"download_url", limits::ManifestUrlChars, &entry.downloadUrl}};
        for (const auto& f : fields) {
            const QString key = QString::fromLatin1(f.key);
            const QJsonValue field = object.value(key);
            if (!field.isString() || field.toString().isEmpty())
                return fail(QStringLiteral("Manifest entry %1 has no %2 string: refused.").arg(i + 1).arg(key));
            if (field.toString().size() > f.maxChars)
                return fail(QStringLiteral("Manifest entry %1 has a %2 of %3 characters, more than the %4 allowed: "
                                           "refused.")
                                .arg(i + 1)
                                .arg(key)
                                .arg(field.toString().size())
                                .arg(f.maxChars));
            *f.field = field.toString();
        }
        entries.append(entry);
    }
    return entries;
}

} // namespace slipway::device
