#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace slipway::device {

// What an update endpoint answered, read the way the plugin reads it.
struct UpdateAnswer
{
    enum class Kind { Update, UpToDate, Blocked, Failed, Revert, Invalid };
    Kind kind = Kind::Invalid;
    QString version;
    QUrl url;
    QString sessionKey;
    QString checksum;
    QJsonArray manifest; // the delta file list (checked by ManifestEntry::parseList); empty: the zip path
    QString message; // the endpoint's message, or why the answer is unusable
    QJsonObject raw;

    [[nodiscard]] static UpdateAnswer parse(const QByteArray& body);
    [[nodiscard]] QString kindName() const;
};

} // namespace slipway::device
