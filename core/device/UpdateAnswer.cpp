#include "device/UpdateAnswer.h"

#include "device/ManifestEntry.h"

#include <QJsonDocument>

namespace slipway::device {

UpdateAnswer UpdateAnswer::parse(const QByteArray& body)
{
    UpdateAnswer answer;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject()) {
        answer.message = QStringLiteral("The answer is not a JSON object.");
        return answer;
    }
    answer.raw = doc.object();
    const QJsonObject& r = answer.raw;
    answer.message = r.value(QStringLiteral("message")).toString(r.value(QStringLiteral("error")).toString());
    if (r.contains(QStringLiteral("error")) || r.contains(QStringLiteral("kind"))) {
        const QString kind = r.value(QStringLiteral("kind")).toString();
        answer.kind = kind == QLatin1String("up_to_date") ? Kind::UpToDate
                      : kind == QLatin1String("blocked")  ? Kind::Blocked
                                                          : Kind::Failed;
        return answer;
    }
    answer.version = r.value(QStringLiteral("version")).toString();
    if (answer.version == QLatin1String("builtin")) {
        answer.kind = Kind::Revert;
        return answer;
    }
    answer.url = QUrl(r.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    answer.sessionKey = r.value(QStringLiteral("session_key")).toString();
    answer.checksum = r.value(QStringLiteral("checksum")).toString();
    if (answer.version.isEmpty() || !answer.url.isValid() || answer.url.scheme().isEmpty()) {
        answer.message = QStringLiteral("The answer lacks a version or a valid url: %1")
                             .arg(QString::fromUtf8(QJsonDocument(r).toJson(QJsonDocument::Compact)));
        return answer;
    }
    if (const QJsonValue manifest = r.value(QStringLiteral("manifest")); !manifest.isUndefined() && !manifest.isNull()) {
        if (!manifest.isArray()) {
            answer.message = QStringLiteral("The answer's manifest is not an array: refused.");
            return answer;
        }
        if (auto entries = ManifestEntry::parseList(manifest.toArray()); !entries) {
            answer.message = entries.error().message;
            return answer;
        }
        answer.manifest = manifest.toArray();
    }
    answer.kind = Kind::Update;
    return answer;
}

QString UpdateAnswer::kindName() const
{
    switch (kind) {
    case Kind::Update:
        return QStringLiteral("update");
    case Kind::UpToDate:
        return QStringLiteral("up_to_date");
    case Kind::Blocked:
        return QStringLiteral("blocked");
    case Kind::Failed:
        return QStringLiteral("failed");
    case Kind::Revert:
        return QStringLiteral("revert");
    case Kind::Invalid:
        break;
    }
    return QStringLiteral("invalid");
}

} // namespace slipway::device
