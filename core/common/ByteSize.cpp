#include "common/ByteSize.h"

#include <QLocale>

namespace slipway {

QString humanByteSize(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace slipway
