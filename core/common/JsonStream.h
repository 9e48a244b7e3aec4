#pragma once

#include <QIODevice>
#include <QJsonObject>
#include <QJsonValue>

#include <functional>

namespace slipway {

// Writes `value` to `out` as compact JSON, one element at a time: a channel manifest with thousands of delta
// entries is never held as one text (QJsonDocument::toJson would build it whole, and double it as it grows).
// False when `out` refused a write.
[[nodiscard]] bool writeJson(QIODevice& out, const QJsonValue& value);
// `object` with one more member, `arrayKey`: an array of `count` elements that `element(i)` makes one at a time,
// so that not even the array is held whole.
[[nodiscard]] bool writeJsonWithArray(QIODevice& out, const QJsonObject& object, const QString& arrayKey,
                                      qsizetype count, const std::function<QJsonValue(qsizetype)>& element);

} // namespace slipway
