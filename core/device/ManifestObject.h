#pragma once

#include "common/Result.h"
#include "crypto/SessionKey.h"

#include <QString>

namespace slipway::device {

// What a decoded manifest object turned out to be.
struct DecodedObject
{
    QString sha256Hex; // lowercase, of the decoded bytes
    qint64 size = 0;
};

// Turns one downloaded manifest object into the bundle file, as the plugin does: decrypt with the session
// key (when there is one; "Empty decrypted data" when that leaves nothing), brotli-decode when the name ends
// in ".br", SHA-256 the result. Streams in fixed chunks; the decoded file is at most `maxBytes`. An empty
// `outPath` checks without writing.
class ManifestObject
{
public:
    [[nodiscard]] static Result<DecodedObject> decode(const QString& objectPath, const QString& outPath,
                                                      const crypto::SessionKey* sessionKey, bool brotli,
                                                      qint64 maxBytes);
};

} // namespace slipway::device
