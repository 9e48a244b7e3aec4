#pragma once

#include "common/Result.h"

#include <QString>

namespace slipway::history {
class History;
}

namespace slipway::release {

// An evidence package for a security review (tar.xz written with KArchive): the release record and
// its steps, the public key and its fingerprint, the plain and signed checksums, the ivSessionKey,
// the channel manifest, the encrypted bundle when it is small, the audit-chain entries that prove
// the record, and a README explaining how to check each item with openssl.
class ReleaseEvidence
{
public:
    static constexpr qint64 MaxBundledBytes = 64LL * 1024 * 1024;
    [[nodiscard]] static Status write(history::History& history, qint64 releaseId, const QString& outPath);
};

} // namespace slipway::release
