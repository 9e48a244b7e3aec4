#include "registry/CapgoJsonBody.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace slipway::registry {

namespace {

// QJsonDocument only writes arrays and objects: serialise [value] and strip the brackets.
QByteArray encodeValue(const QJsonValue& value)
{
    QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

} // namespace

CapgoJsonBody::CapgoJsonBody(std::initializer_list<std::pair<QString, QJsonValue>> fields) : m_fields(fields) {}

CapgoJsonBody& CapgoJsonBody::add(const QString& key, const QJsonValue& value)
{
    m_fields.emplace_back(key, value);
    return *this;
}

QByteArray CapgoJsonBody::bytes() const
{
    QByteArray out("{");
    bool first = true;
    for (const auto& [key, value] : m_fields) {
        if (!first)
            out += ',';
        first = false;
        out += encodeValue(QJsonValue(key));
        out += ':';
        out += encodeValue(value);
    }
    out += '}';
    return out;
}

} // namespace slipway::registry
