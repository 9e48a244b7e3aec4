#include "HistoryExport.h"

#include "history/History.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>

namespace slipway::ui {

namespace {

Status writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(QObject::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return Ok{};
}

QString csvField(QString value)
{
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) || value.contains(QLatin1Char('\n'))) {
        value.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + value + QLatin1Char('"');
    }
    return value;
}

} // namespace

Status HistoryExport::writeCsv(const QList<history::ReleaseRecord>& releases, const QString& path)
{
    const QStringList columns{QStringLiteral("id"),          QStringLiteral("app_id"),
                              QStringLiteral("version"),     QStringLiteral("channel"),
                              QStringLiteral("status"),      QStringLiteral("created_at"),
                              QStringLiteral("finished_at"), QStringLiteral("os_user"),
                              QStringLiteral("key_id"),      QStringLiteral("key_fingerprint"),
                              QStringLiteral("sha256"),      QStringLiteral("encrypted_size"),
                              QStringLiteral("public_url"),  QStringLiteral("reason")};
    QByteArray out = columns.join(QLatin1Char(',')).toUtf8() + '\n';
    for (const history::ReleaseRecord& r : releases) {
        const QStringList row{QString::number(r.id),
                              r.appId,
                              r.version,
                              r.channel,
                              r.status,
                              r.createdAt.toUTC().toString(Qt::ISODate),
                              r.finishedAt.toUTC().toString(Qt::ISODate),
                              r.osUser,
                              r.keyId,
                              r.keyFingerprint,
                              r.sha256,
                              QString::number(r.encryptedSize),
                              r.publicUrl,
                              r.reason};
        QStringList fields;
        for (const QString& field : row)
            fields << csvField(field);
        out += fields.join(QLatin1Char(',')).toUtf8() + '\n';
    }
    return writeFile(path, out);
}

Status HistoryExport::writeJson(const QList<history::ReleaseRecord>& releases, const QString& path)
{
    QJsonArray array;
    for (const history::ReleaseRecord& r : releases)
        array.append(history::toJson(r));
    return writeFile(path, QJsonDocument(array).toJson(QJsonDocument::Indented));
}

Result<QString> HistoryExport::writeEvidence(history::History& history, qint64 releaseId, const QString& parentFolder)
{
    auto release = history.release(releaseId);
    if (!release)
        return release.error();
    auto steps = history.steps(releaseId);
    if (!steps)
        return steps.error();
    const QString folder = QDir(parentFolder).filePath(QStringLiteral("slipway-evidence-%1").arg(releaseId));
    if (!QDir().mkpath(folder))
        return fail(QObject::tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(folder)));
    const QDir dir(folder);

    QJsonArray stepArray;
    QJsonArray auditArray;
    QByteArray canonical =
        "release " + QByteArray::number(releaseId) + "\n" + history::History::canonical(release.value()) + "\n";
    if (auto entries = history.auditEntries(QStringLiteral("releases"), releaseId)) {
        for (const history::AuditEntry& entry : entries.value())
            auditArray.append(history::toJson(entry));
    }
    for (const history::StepRecord& step : steps.value()) {
        stepArray.append(history::toJson(step));
        canonical += "step " + QByteArray::number(step.id) + "\n" + history::History::canonical(step) + "\n";
        if (auto entries = history.auditEntries(QStringLiteral("steps"), step.id)) {
            for (const history::AuditEntry& entry : entries.value())
                auditArray.append(history::toJson(entry));
        }
    }
    QJsonObject chain;
    if (auto report = history.verify()) {
        chain.insert(QStringLiteral("intact"), report->intact());
        chain.insert(QStringLiteral("entries"), report->entries);
        chain.insert(QStringLiteral("rows"), report->rows);
        chain.insert(QStringLiteral("head"), report->head);
        QJsonArray problems;
        for (const history::AuditProblem& problem : report->problems)
            problems.append(
                QStringLiteral("%1 #%2: %3").arg(problem.table).arg(problem.rowId).arg(problem.description));
        chain.insert(QStringLiteral("problems"), problems);
    }
    const QByteArray readme =
        "Slipway evidence package for release " + QByteArray::number(releaseId) +
        ".\n"
        "release.json   the release as recorded\n"
        "steps.json     every step with its timings and outputs\n"
        "audit.json     the audit-chain entries sealing those rows: entryHash = SHA-256 of\n"
        "               seq|table|rowId|contentHash|previousHash, contentHash = SHA-256 of the canonical text\n"
        "canonical.txt  the canonical texts those contentHash values cover\n"
        "chain.json     the result of verifying the whole chain when this package was written\n";
    for (const auto& [name, bytes] : std::initializer_list<std::pair<QString, QByteArray>>{
             {QStringLiteral("release.json"), QJsonDocument(history::toJson(release.value())).toJson()},
             {QStringLiteral("steps.json"), QJsonDocument(stepArray).toJson()},
             {QStringLiteral("audit.json"), QJsonDocument(auditArray).toJson()},
             {QStringLiteral("canonical.txt"), canonical},
             {QStringLiteral("chain.json"), QJsonDocument(chain).toJson()},
             {QStringLiteral("README.txt"), readme}}) {
        if (Status s = writeFile(dir.filePath(name), bytes); !s)
            return s.error();
    }
    return folder;
}

} // namespace slipway::ui
