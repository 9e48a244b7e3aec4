#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>

namespace slipway::registry {

// One `Range: bytes=...` request over a file of `size` bytes (RFC 9110 14.1.2): "a-b", "a-" or "-n". Several
// ranges are not offered (answered with the whole file, as the header allows).
struct ByteRange
{
    qint64 offset = 0;
    qint64 length = 0;
    enum class Kind { Whole, Partial, Unsatisfiable };
    Kind kind = Kind::Whole;

    [[nodiscard]] static ByteRange parse(QByteArrayView header, qint64 size);
};

} // namespace slipway::registry
