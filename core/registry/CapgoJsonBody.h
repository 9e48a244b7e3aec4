#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <utility>
#include <vector>

namespace slipway::registry {

// A JSON object whose fields keep the order they were added in. QJsonObject sorts its keys, but
// the Capgo contract is checked against what the CLI sends, field for field and in its order.
class CapgoJsonBody
{
public:
    CapgoJsonBody() = default;
    CapgoJsonBody(std::initializer_list<std::pair<QString, QJsonValue>> fields);

    CapgoJsonBody& add(const QString& key, const QJsonValue& value);
    [[nodiscard]] QByteArray bytes() const;

private:
    std::vector<std::pair<QString, QJsonValue>> m_fields;
};

} // namespace slipway::registry
