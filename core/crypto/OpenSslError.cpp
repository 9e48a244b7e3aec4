#include "crypto/OpenSslError.h"

#include <openssl/err.h>

namespace slipway::crypto {

QString takeOpenSslError()
{
    QString text;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        if (!text.isEmpty())
            text += QStringLiteral("; ");
        text += QString::fromLatin1(buffer);
    }
    return text;
}

} // namespace slipway::crypto
