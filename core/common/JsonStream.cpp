#include "common/JsonStream.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace slipway {

namespace {

// A scalar as JSON text, escaped by Qt's own writer.
QByteArray scalarText(const QJsonValue& value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

bool put(QIODevice& out, const QByteArray& text)
{
    return out.write(text) == text.size();
}

// `count` comma-separated elements that `element(i)` makes, without the brackets.
bool writeElements(QIODevice& out, qsizetype count, const std::function<QJsonValue(qsizetype)>& element)
{
    bool ok = true;
    for (qsizetype i = 0; ok && i < count; ++i)
        ok = (i == 0 || put(out, ",")) && writeJson(out, element(i));
    return ok;
}

// The members of `object` without its braces.
bool writeMembers(QIODevice& out, const QJsonObject& object)
{
    bool ok = true;
    for (auto it = object.begin(); ok && it != object.end(); ++it)
        ok = (it == object.begin() || put(out, ",")) && put(out, scalarText(it.key()) + ':') &&
             writeJson(out, it.value());
    return ok;
}

} // namespace

bool writeJson(QIODevice& out, const QJsonValue& value)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return put(out, "[") && writeElements(out, array.size(), [&](qsizetype i) { return array.at(i); }) &&
               put(out, "]");
    }
    if (value.isObject())
        return put(out, "{") && writeMembers(out, value.toObject()) && put(out, "}");
    return put(out, scalarText(value));
}

bool writeJsonWithArray(QIODevice& out, const QJsonObject& object, const QString& arrayKey, qsizetype count,
                        const std::function<QJsonValue(qsizetype)>& element)
{
    return put(out, "{") && writeMembers(out, object) && (object.isEmpty() || put(out, ",")) &&
           put(out, scalarText(arrayKey) + ":[") && writeElements(out, count, element) && put(out, "]}");
}

} // namespace slipway
