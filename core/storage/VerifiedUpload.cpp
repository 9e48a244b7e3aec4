#include "storage/VerifiedUpload.h"

#include "storage/ObjectKey.h"
#include "storage/UploadTransport.h"

#include <QFileInfo>
#include <QRandomGenerator>

#include <atomic>

namespace slipway::storage {

Status UploadTransport::publish(StagedUpload& upload)
{
    upload.published = true;
    return Ok{};
}

QString StagedUpload::temporarySibling(const QString& path) const
{
    const QString token = !stagingToken.isEmpty()
                              ? stagingToken
                              : QStringLiteral("%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return path.left(slash + 1) + QStringLiteral(".%1.slipway-%2.part").arg(path.mid(slash + 1), token);
}

Result<UploadReport> VerifiedUpload::run(UploadTransport& transport, const QString& localPath, const QString& key,
                                         const ProgressFn& progress, const QString& stagingToken, SourceFile source)
{
    if (auto valid = ObjectKey::validate(key); !valid)
        return valid.error();
    const QFileInfo info(localPath);
    if (!info.isFile())
        return fail(QStringLiteral("Cannot read %1: no such file.").arg(localPath));
    StagedUpload upload;
    upload.localPath = localPath;
    upload.key = key;
    upload.size = info.size();
    upload.stagingToken = stagingToken;
    upload.source = source;
    std::atomic<bool> cancelled{false};
    const ProgressFn watched = [&](qint64 done, qint64 total) {
        if (cancelled || !reportProgress(progress, done, total)) {
            cancelled = true;
            return false;
        }
        return true;
    };
    if (!watched(0, upload.size))
        return fail(QStringLiteral("Cancelled: nothing was uploaded to %1.").arg(key));

    if (auto sent = transport.send(upload, watched); !sent) {
        if (cancelled || !upload.resumable)
            transport.discard(upload);
        return sent.error();
    }
    if (auto proven = transport.prove(upload); !proven) {
        transport.discard(upload);
        return proven.error();
    }
    if (!upload.published) {
        if (auto published = transport.publish(upload); !published) {
            transport.discard(upload);
            return published.error();
        }
    }
    reportProgress(progress, upload.size, upload.size);
    return UploadReport{upload.sha256, upload.size, upload.parts, upload.partsResumed};
}

} // namespace slipway::storage
