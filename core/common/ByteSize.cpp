#include "common/ByteSize.h"

#include <QLocale>
#include <QRegularExpression>

#include <limits>

namespace slipway {

QString humanByteSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

Result<qint64> parseByteSize(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+)\\s*([KMGT]?)(?:i?B)?\\s*$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto match = re.match(text);
    bool ok = false;
    const qint64 number = match.hasMatch() ? match.captured(1).toLongLong(&ok) : 0;
    if (!ok)
        return fail(
            QStringLiteral("\"%1\" is not a size; write it as bytes or with K, M, G or T (for example 4G).").arg(text));
    const QString unit = match.captured(2).toUpper();
    const int shift = unit.isEmpty() ? 0 : int(QStringLiteral("KMGT").indexOf(unit) + 1) * 10;
    if (shift > 0 && number > (std::numeric_limits<qint64>::max() >> shift))
        return fail(QStringLiteral("%1 is too large a size.").arg(text));
    return number << shift;
}

} // namespace slipway
