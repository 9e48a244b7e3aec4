#include "device/ManifestEntry.h"

#include "common/InputLimits.h"

#include <QJsonObject>

namespace slipway::device {

namespace {

Status checkCount(qsizetype count)
{
    if (count > limits::ManifestEntries)
        return fail(QStringLiteral("The manifest lists %1 files, more than the %2 a delta update may have (Capgo "
                                   "refuses more too): refused.")
                        .arg(count)
                        .arg(limits::ManifestEntries));
    return Ok{};
}

struct Field
{
    const char* key;
    int maxChars;
    QString ManifestEntry::*member;
};
constexpr Field Fields[] = {{"file_name", limits::ManifestFileNameChars, &ManifestEntry::fileName},
                            {"file_hash", limits::ManifestHashChars, &ManifestEntry::fileHash},
                            {"download_url", limits::ManifestUrlChars, &ManifestEntry::downloadUrl}};

// Entry `number` (from 1) has every field, each within its length.
Status checkFields(const ManifestEntry& entry, qsizetype number)
{
    for (const Field& f : Fields) {
        const QString& value = entry.*f.member;
        if (value.isEmpty())
            return fail(
                QStringLiteral("Manifest entry %1 has no %2 string: refused.").arg(number).arg(QLatin1String(f.key)));
        if (value.size() > f.maxChars)
            return fail(QStringLiteral("Manifest entry %1 has a %2 of %3 characters, more than the %4 allowed: "
                                       "refused.")
                            .arg(number)
                            .arg(QLatin1String(f.key))
                            .arg(value.size())
                            .arg(f.maxChars));
    }
    return Ok{};
}

} // namespace

Result<QList<ManifestEntry>> ManifestEntry::parseList(const QJsonArray& manifest)
{
    if (Status count = checkCount(manifest.size()); !count)
        return count.error();
    QList<ManifestEntry> entries;
    entries.reserve(manifest.size());
    for (qsizetype i = 0; i < manifest.size(); ++i) {
        const QJsonValue value = manifest.at(i);
        if (!value.isObject())
            return fail(QStringLiteral("Manifest entry %1 is not an object: refused.").arg(i + 1));
        const QJsonObject object = value.toObject();
        ManifestEntry entry;
        for (const Field& f : Fields) {
            const QJsonValue field = object.value(QLatin1String(f.key));
            if (field.isString())
                entry.*f.member = field.toString();
        }
        if (Status fields = checkFields(entry, i + 1); !fields)
            return fields.error();
        entries.append(entry);
    }
    return entries;
}

Result<QList<ManifestEntry>> ManifestEntry::checkList(const QList<ManifestEntry>& entries)
{
    if (Status count = checkCount(entries.size()); !count)
        return count.error();
    for (qsizetype i = 0; i < entries.size(); ++i)
        if (Status fields = checkFields(entries.at(i), i + 1); !fields)
            return fields.error();
    return entries;
}

} // namespace slipway::device
