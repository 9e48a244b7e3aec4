#pragma once

#include "storage/StorageTarget.h"

namespace slipway::storage {

// Many objects (the per-file objects of a delta release: hundreds to thousands) to one target, each
// through the verified upload, several at a time. With a journal, every proven object is recorded,
// and a run resumed after an interruption (even kill -9) skips what an earlier run proved.
class ObjectSetUpload
{
public:
    struct Report
    {
        int sent = 0;
        int skipped = 0;    // proven by an earlier run (journal)
        qint64 bytesSent = 0;
    };

    ObjectSetUpload(StorageTarget& target, int parallel, QString journalPath = {});
    // Progress counts the bytes of the objects still to send, on the wire; returning false cancels
    // (objects in flight are cleaned up, proven ones stay recorded).
    [[nodiscard]] Result<Report> run(const QList<ObjectUpload>& objects, const ProgressFn& progress = {});

private:
    StorageTarget& m_target;
    int m_parallel;
    QString m_journalPath;
};

} // namespace slipway::storage
