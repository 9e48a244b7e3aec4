#pragma once

#include "common/Progress.h"
#include "common/Result.h"
#include "storage/SourceFile.h"

#include <QByteArray>
#include <QString>

namespace slipway::storage {

// One upload on its way through VerifiedUpload: what is sent, where it is staged, what was proven.
struct StagedUpload
{
    QString localPath;
    QString key;
    qint64 size = 0;
    QString stagingToken;    // names the temporary file: random, or fixed for a resumable set (below)
    SourceFile source = SourceFile::Transient;
    QString stagingName;     // temporary name or multipart upload id; empty when nothing is staged
    QByteArray sha256;       // raw, of the bytes sent, hashed as they went (empty when a folder linked the file)
    QByteArray expectedEtag; // what the server must answer for these bytes (S3), quoted
    QByteArray landedEtag;   // what it answered
    qint64 landedSize = -1;  // what it took or holds
    int parts = 0;
    int partsResumed = 0;
    bool published = false;  // the key holds the bytes (an atomic PUT, a completed multipart upload)
    bool resumable = false;  // a failed send keeps what it stored, for the next run to resume

    // The hidden temporary sibling of `path` the bytes are staged in. A set of objects resumed after
    // a kill gets the same names again, so it overwrites (and then moves) what the killed run left.
    [[nodiscard]] QString temporarySibling(const QString& path) const;
};

// What one kind of storage does for VerifiedUpload: stage the bytes, prove what landed, publish them
// at the key, and clean up. Implementations are used from several threads at once.
class UploadTransport
{
public:
    virtual ~UploadTransport() = default;

    [[nodiscard]] virtual QString describe() const = 0;
    // Sends the file's bytes to a staging place (a temporary name, a multipart upload, or an atomic
    // PUT to the key), hashing them on the way; progress counts bytes on the wire.
    [[nodiscard]] virtual Status send(StagedUpload& upload, const ProgressFn& progress) = 0;
    // Proves that what landed is what was sent: the size and a digest the server computed or that
    // was read back.
    [[nodiscard]] virtual Status prove(StagedUpload& upload) = 0;
    // Moves the proven bytes onto the key (rename, MOVE). By default the send published them
    // atomically already (a PUT, a completed multipart upload, a copy renamed into place).
    [[nodiscard]] virtual Status publish(StagedUpload& upload);
    // Removes what a failed or cancelled upload left (its staging name; the key when published).
    virtual void discard(const StagedUpload& upload) = 0;
};

} // namespace slipway::storage
