#include "storage/StoredJson.h"

#include "common/BoundedFile.h"
#include "storage/StorageTarget.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

namespace slipway::storage::StoredJson {

namespace {

Result<QString> scratchFile(const QTemporaryDir& scratch, const QString& what)
{
    if (!scratch.isValid())
        return fail(QStringLiteral("Cannot create a temporary folder for the %1: %2").arg(what, scratch.errorString()));
    return QDir(scratch.path()).filePath(QStringLiteral("document.json"));
}

} // namespace

Status publish(StorageTarget& target, const QString& key, const QString& what,
               const std::function<bool(QIODevice&)>& write, const ProgressFn& progress)
{
    const QTemporaryDir scratch;
    auto path = scratchFile(scratch, what);
    if (!path)
        return path.error();
    QFile file(path.value());
    if (!file.open(QIODevice::WriteOnly) || !write(file) || !file.flush())
        return fail(QStringLiteral("Cannot write the %1: %2").arg(what, file.errorString()));
    file.close();
    if (Status uploaded = target.upload(path.value(), key, progress); !uploaded)
        return fail(QStringLiteral("Publishing the %1 %2 failed: %3").arg(what, key, uploaded.error().message));
    return Ok{};
}

Result<QJsonObject> fetch(StorageTarget& target, const QString& key, qint64 maxBytes, const QString& what)
{
    const QTemporaryDir scratch;
    auto path = scratchFile(scratch, what);
    if (!path)
        return path.error();
    if (Status fetched = target.download(key, path.value()); !fetched)
        return Error{QStringLiteral("Cannot download the %1 %2: %3").arg(what, key, fetched.error().message),
                     fetched.error().code};
    auto bytes = readBoundedFile(path.value(), maxBytes, what);
    if (!bytes)
        return fail(QStringLiteral("%1 (downloaded from %2)").arg(bytes.error().message, key));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes.value(), &error);
    if (!document.isObject())
        return fail(QStringLiteral("The %1 %2 is not a JSON object (%3).").arg(what, key, error.errorString()));
    return document.object();
}

} // namespace slipway::storage::StoredJson
