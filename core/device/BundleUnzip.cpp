#include "device/BundleUnzip.h"

#include "common/ByteSize.h"
#include "common/InputLimits.h"
#include "crypto/Sha256.h"
#include "device/ManifestPath.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>

namespace slipway::device {

Result<QList<UnpackedFile>> BundleUnzip::extract(const QString& zipPath, const QString& root, const QString& outFolder,
                                                 const ProgressFn& progress)
{
    QuaZip zip(zipPath);
    if (!zip.open(QuaZip::mdUnzip))
        return fail(QStringLiteral("QuaZip cannot open %1 (error %2).").arg(zipPath).arg(zip.getZipError()));
    if (zip.getEntriesCount() > limits::ZipEntries)
        return fail(QStringLiteral("The zip has %1 entries, more than %2.").arg(zip.getEntriesCount()).arg(limits::ZipEntries));
    const QString prefix = root.isEmpty() ? QString() : root + QLatin1Char('/');
    QList<UnpackedFile> files;
    QSet<QString> seen; // also when only listing, where no second file open would notice
    qint64 total = 0;
    QByteArray buffer(qsizetype{256} * 1024, Qt::Uninitialized);
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFileInfo64 info;
        if (!zip.getCurrentFileInfo(&info))
            return fail(QStringLiteral("QuaZip cannot read an entry of %1 (error %2).").arg(zipPath).arg(zip.getZipError()));
        if (!info.name.startsWith(prefix) || info.name == prefix)
            continue; // outside the folder the phone serves
        const QString path = info.name.mid(prefix.size());
        const bool folder = path.endsWith(QLatin1Char('/'));
        const QString relative = folder ? path.chopped(1) : path;
        if (Status safe = ManifestPath::check(relative); !safe)
            return fail(QStringLiteral("Zip entry '%1': %2").arg(info.name, safe.error().message));
        if (!folder && seen.contains(relative))
            return fail(QStringLiteral("Zip entry '%1' appears twice: refused.").arg(info.name));
        seen.insert(relative);
        if (info.isSymbolicLink())
            return fail(QStringLiteral("Zip entry '%1' is a symbolic link: refused.").arg(info.name));
        const bool write = !outFolder.isEmpty();
        const QString target = QDir(outFolder).filePath(relative);
        if (folder) {
            if (write && !QDir().mkpath(target))
                return fail(QStringLiteral("Cannot create %1.").arg(target));
            continue;
        }
        if (write && !QDir().mkpath(QFileInfo(target).absolutePath()))
            return fail(QStringLiteral("Cannot create the folder of %1.").arg(target));
        QuaZipFile entry(&zip);
        if (!entry.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("QuaZip cannot open entry '%1' (error %2).").arg(info.name).arg(entry.getZipError()));
        QFile out(target);
        if (write && !out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return fail(QStringLiteral("Cannot write %1 (a second entry of that name?): %2").arg(target, out.errorString()));
        crypto::Sha256 hash;
        UnpackedFile file{relative, {}, 0};
        for (;;) {
            const qint64 n = entry.read(buffer.data(), buffer.size());
            if (n < 0)
                return fail(QStringLiteral("QuaZip cannot read entry '%1' (error %2).").arg(info.name).arg(entry.getZipError()));
            if (n == 0)
                break;
            total += n;
            if (total > limits::BundleUnpackedBytes)
                return fail(QStringLiteral("The bundle unpacks to more than %1: refused.")
                                .arg(humanByteSize(limits::BundleUnpackedBytes)));
            hash.add(buffer.constData(), n);
            file.size += n;
            if (write && out.write(buffer.constData(), n) != n)
                return fail(QStringLiteral("Cannot write %1: %2").arg(target, out.errorString()));
        }
        entry.close();
        if (entry.getZipError() != UNZ_OK)
            return fail(QStringLiteral("Zip entry '%1' does not check out (QuaZip error %2: a wrong CRC-32 or a damaged "
                                       "entry).")
                            .arg(info.name)
                            .arg(entry.getZipError()));
        if (file.size != static_cast<qint64>(info.uncompressedSize))
            return fail(QStringLiteral("Zip entry '%1' unpacks to %2 bytes; its header says %3.")
                            .arg(info.name)
                            .arg(file.size)
                            .arg(info.uncompressedSize));
        file.sha256Hex = crypto::Sha256::hex(hash.finish());
        files.append(file);
        if (!reportProgress(progress, files.size(), zip.getEntriesCount()))
            return fail(QStringLiteral("Cancelled."));
    }
    if (zip.getZipError() != UNZ_OK)
        return fail(QStringLiteral("QuaZip stopped reading %1 (error %2).").arg(zipPath).arg(zip.getZipError()));
    return files;
}

} // namespace slipway::device
