#include "history/HistoryExport.h"

#include "history/History.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringList>

#include <algorithm>

namespace slipway::history {

namespace {

QString csvField(QString value)
{
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) || value.contains(QLatin1Char('\n'))
        || value.contains(QLatin1Char('\r'))) {
        value.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + value + QLatin1Char('"');
    }
    return value;
}

const QStringList& csvColumns()
{
    static const QStringList columns{
        QStringLiteral("id"),           QStringLiteral("app_id"),           QStringLiteral("version"),
        QStringLiteral("channel"),      QStringLiteral("status"),           QStringLiteral("created_at"),
        QStringLiteral("finished_at"),  QStringLiteral("os_user"),          QStringLiteral("host"),
        QStringLiteral("key_id"),       QStringLiteral("key_fingerprint"),  QStringLiteral("sha256"),
        QStringLiteral("encrypted_sha256"), QStringLiteral("signed_checksum"), QStringLiteral("checksum_format"),
        QStringLiteral("iv_session_key"), QStringLiteral("plain_size"),     QStringLiteral("encrypted_size"),
        QStringLiteral("storage"),      QStringLiteral("storage_key"),      QStringLiteral("public_url"),
        QStringLiteral("registration"), QStringLiteral("notes"),            QStringLiteral("min_update_version"),
        QStringLiteral("re_release_of"), QStringLiteral("attempts"),        QStringLiteral("reason")};
    return columns;
}

QByteArray csv(const QList<ReleaseRecord>& releases)
{
    QByteArray data = csvColumns().join(QLatin1Char(',')).toUtf8() + "\r\n";
    for (const ReleaseRecord& release : releases) {
        const QJsonObject o = toJson(release);
        QStringList row;
        for (const auto& c : csvColumns()) {
            const QJsonValue v = o.value(c);
            row << csvField(v.isDouble() ? QString::number(v.toInteger()) : v.toString());
        }
        data += row.join(QLatin1Char(',')).toUtf8() + "\r\n";
    }
    return data;
}

template <typename Record> QJsonArray jsonArray(const QList<Record>& records)
{
    QJsonArray array;
    for (const auto& record : records)
        array.append(toJson(record));
    return array;
}

Result<QByteArray> json(History& history, const QList<ReleaseRecord>& releases)
{
    QJsonArray array;
    for (const ReleaseRecord& release : releases) {
        auto steps = history.steps(release.id);
        if (!steps)
            return steps.error();
        QJsonObject o = toJson(release);
        o.insert(QStringLiteral("steps"), jsonArray(steps.value()));
        array.append(o);
    }
    auto events = history.channelEvents();
    if (!events)
        return events.error();
    auto keys = history.keys();
    if (!keys)
        return keys.error();
    QJsonObject root{{QStringLiteral("releases"), array},
                     {QStringLiteral("channel_events"), jsonArray(events.value())},
                     {QStringLiteral("keys"), jsonArray(keys.value())}};
    if (auto report = history.verify())
        root.insert(QStringLiteral("audit_chain_head"), report->head);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace

ExportFormat exportFormatFor(const QString& path)
{
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? ExportFormat::Json : ExportFormat::Csv;
}

Result<QList<ReleaseRecord>> releasesOldestFirst(History& history)
{
    ReleaseFilter all;
    all.limit = 0;
    auto releases = history.releases(all);
    if (!releases)
        return releases.error();
    std::reverse(releases->begin(), releases->end()); // the history lists newest first
    return releases;
}

Result<QByteArray> exportReleases(History& history, const QList<ReleaseRecord>& releases, ExportFormat format)
{
    if (format == ExportFormat::Csv)
        return csv(releases);
    return json(history, releases);
}

Status writeExport(History& history, const QList<ReleaseRecord>& releases, ExportFormat format, const QString& path)
{
    auto data = exportReleases(history, releases, format);
    if (!data)
        return data.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data.value()) != data->size() || !file.commit())
        return fail(QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return Ok{};
}

} // namespace slipway::history
