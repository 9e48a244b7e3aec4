#include "registry/ByteRange.h"

#include <QByteArray>

namespace slipway::registry {

namespace {

std::optional<qint64> number(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

} // namespace

ByteRange ByteRange::parse(QByteArrayView header, qint64 size)
{
    ByteRange whole{0, size, Kind::Whole};
    const QByteArray text = header.toByteArray().trimmed();
    if (text.isEmpty() || !text.startsWith("bytes=") || text.contains(','))
        return whole;
    const QByteArray spec = text.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return whole;
    const QByteArrayView first = QByteArrayView(spec).first(dash);
    const QByteArrayView last = QByteArrayView(spec).sliced(dash + 1);
    qint64 from = 0;
    qint64 to = size - 1;
    if (first.isEmpty()) {
        const auto suffix = number(last);
        if (!suffix)
            return whole;
        if (*suffix == 0 || size == 0)
            return ByteRange{0, 0, Kind::Unsatisfiable};
        from = std::max<qint64>(0, size - *suffix);
    } else {
        const auto start = number(first);
        if (!start)
            return whole;
        from = *start;
        if (!last.isEmpty()) {
            const auto end = number(last);
            if (!end || *end < from)
                return whole;
            to = std::min(*end, size - 1);
        }
        if (from >= size)
            return ByteRange{0, 0, Kind::Unsatisfiable};
    }
    return ByteRange{from, to - from + 1, Kind::Partial};
}

} // namespace slipway::registry
