#include "common/ProfileFile.h"


#include "common/BoundedFile.h"
#include "common/InputLimits.h"
#include "common/DataLocation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <utility>

namespace slipway {

namespace {

QString nameOf(const QJsonObject& profile)
{
    return profile.value(QStringLiteral("name")).toString();
}

} // namespace

ProfileFile::ProfileFile(const QString& fileName, QString what)
    : m_path(QDir(DataLocation::root()).filePath(fileName)), m_what(std::move(what))
{
}

Result<QList<QJsonObject>> ProfileFile::read() const
{
    QList<QJsonObject> profiles;
    if (!QFileInfo::exists(m_path))
        return profiles;
    auto bytes = readBoundedFile(m_path, limits::ConfigFileBytes, m_what);
    if (!bytes)
        return bytes.error();
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QStringLiteral("The %1 file %2 is damaged (%3): fix or delete it.").arg(m_what, m_path, error.errorString()));
    for (const auto& value : doc.object().value(QStringLiteral("profiles")).toArray())
        profiles.append(value.toObject());
    return profiles;
}

Status ProfileFile::put(const QJsonObject& profile) const
{
    auto profiles = read();
    if (!profiles)
        return profiles.error();
    auto same = std::ranges::find_if(profiles.value(), [&](const QJsonObject& p) { return nameOf(p) == nameOf(profile); });
    if (same != profiles->end())
        *same = profile;
    else
        profiles->append(profile);
    return write(profiles.value());
}

Result<bool> ProfileFile::remove(const QString& name) const
{
    auto profiles = read();
    if (!profiles)
        return profiles.error();
    if (profiles->removeIf([&](const QJsonObject& p) { return nameOf(p) == name; }) == 0)
        return false;
    if (auto written = write(profiles.value()); !written)
        return written.error();
    return true;
}

Status ProfileFile::write(const QList<QJsonObject>& profiles) const
{
    QJsonArray array;
    for (const auto& profile : profiles)
        array.append(profile);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(QJsonObject{{QStringLiteral("profiles"), array}}).toJson(QJsonDocument::Indented)) < 0
        || !file.commit())
        return fail(QStringLiteral("Cannot write the %1 to %2: %3").arg(m_what, m_path, file.errorString()));
    return Ok{};
}

} // namespace slipway
