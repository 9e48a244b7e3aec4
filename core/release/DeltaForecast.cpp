#include "release/DeltaForecast.h"

#include "bundle/BuildSource.h"
#include "bundle/Packager.h"
#include "crypto/Sha256.h"

#include <QIODevice>
#include <QJsonArray>

namespace slipway::release {

Result<DeltaSaving> DeltaForecast::forecast(const QString& buildPath, bool excludeJunk,
                                            const QJsonObject& previousRelease, qint64 previousZipBytes,
                                            const std::atomic<bool>* cancel)
{
    auto opened = bundle::BuildSource::open(buildPath);
    if (!opened)
        return opened.error();
    const bundle::BuildSource& source = *opened.value();
    constexpr qint64 Chunk = qint64{256} * 1024;
    QByteArray buffer(Chunk, Qt::Uninitialized);
    crypto::Sha256 digest;
    QJsonArray files;
    for (const bundle::BuildEntry* entry : bundle::Packager::shippedEntries(source, excludeJunk)) {
        if (entry->isDir)
            continue;
        if (cancel && cancel->load())
            return fail(QStringLiteral("cancelled"));
        auto device = source.openFile(*entry);
        if (!device)
            return device.error();
        qint64 read = 0;
        for (qint64 n = 0; (n = device.value()->read(buffer.data(), Chunk)) > 0; read += n)
            digest.add(buffer.constData(), n);
        if (read != entry->size || !bundle::BuildSource::readProblem(*device.value()).isEmpty())
            return fail(source.readFailure(*entry, *device.value()));
        files.append(QJsonObject{{QStringLiteral("sha256"), crypto::Sha256::hex(digest.finish())},
                                 {QStringLiteral("object_size"), entry->size}});
    }
    return DeltaPublication::saving(files, previousRelease, previousZipBytes);
}

} // namespace slipway::release
