#include "device/ManifestInstall.h"

#include "common/ByteSize.h"
#include "common/InputLimits.h"
#include "crypto/SessionKey.h"
#include "crypto/SignedChecksum.h"
#include "device/DownloadCache.h"
#include "device/ManifestEntry.h"
#include "device/ManifestObject.h"
#include "device/ManifestPath.h"
#include "device/StagedFolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <optional>

namespace slipway::device {

bool ManifestInstallReport::accepted() const
{
    return !steps.isEmpty() && std::all_of(steps.begin(), steps.end(), [](const auto& s) { return s.passed; }) &&
           steps.last().id == QLatin1String("write-bundle");
}

const VerificationStep* ManifestInstallReport::failedStep() const
{
    for (const auto& s : steps)
        if (!s.passed)
            return &s;
    return nullptr;
}

QString ManifestInstallReport::summary() const
{
    if (accepted())
        return QStringLiteral("A phone would install this delta update: %1 files, %2 downloaded (%3), %4 reused from "
                              "the builtin build, %5 from its cache.")
            .arg(filesTotal)
            .arg(downloaded)
            .arg(humanByteSize(bytesDownloaded))
            .arg(reusedBuiltin)
            .arg(reusedCache);
    if (const auto* step = failedStep())
        return QStringLiteral("A phone would reject this delta update at step \"%1\": %2").arg(step->title, step->detail);
    return QStringLiteral("The delta update was not checked.");
}

QJsonObject ManifestInstallReport::countsJson() const
{
    return QJsonObject{{QStringLiteral("filesTotal"), filesTotal},
                       {QStringLiteral("downloaded"), downloaded},
                       {QStringLiteral("reusedBuiltin"), reusedBuiltin},
                       {QStringLiteral("reusedCache"), reusedCache},
                       {QStringLiteral("bytesDownloaded"), bytesDownloaded}};
}

namespace {

// One manifest entry with what the device derived from it before fetching anything.
struct PlannedFile
{
    ManifestEntry entry;
    QString target;    // file_name without ".br"
    QString sha256Hex; // lowercase, recovered from the signed hash when encrypted
};

bool isLowerSha256Hex(const QString& text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(text).hasMatch();
}

class Installer
{
public:
    Installer(const ManifestInstallInput& input, ManifestInstallReport& report, const ProgressFn& progress)
        : m_input(input), m_report(report), m_progress(progress), m_cache(input.device.cacheDir)
    {
    }

    void run()
    {
        if (!unwrapSessionKey() || !plan())
            return;
        if (m_input.device.checkOnly) {
            if (assemble(QString()))
                pass(QStringLiteral("write-bundle"), writeTitle(),
                     QStringLiteral("All %1 files decoded and checked (not written: a check only).").arg(m_report.filesTotal));
            return;
        }
        auto staged = StagedFolder::create(m_input.device.outDir);
        if (!staged) {
            failStep(QStringLiteral("write-bundle"), writeTitle(), staged.error().message);
            return;
        }
        if (!assemble(staged.value()->path()))
            return;
        // The plugin caches what it downloaded once the update checks out, whether or not the bundle is kept here.
        QString cacheNote;
        if (m_cache.isEnabled()) {
            int failures = 0;
            QString first;
            for (const PlannedFile* file : std::as_const(m_downloaded))
                if (Status stored = m_cache.store(file->sha256Hex, file->target,
                                                  QDir(staged.value()->path()).filePath(file->target));
                    !stored && failures++ == 0)
                    first = stored.error().message;
            cacheNote = failures == 0 ? QStringLiteral(" %1 downloaded files added to the cache.").arg(m_downloaded.size())
                                      : QStringLiteral(" %1 files could not be cached (the update stands): %2")
                                            .arg(failures)
                                            .arg(first);
        }
        if (Status moved = staged.value()->commit(); !moved) {
            failStep(QStringLiteral("write-bundle"), writeTitle(), moved.error().message);
            return;
        }
        const QString placed = staged.value()->destination();
        pass(QStringLiteral("write-bundle"), writeTitle(),
             (placed.isEmpty() ? QStringLiteral("All %1 files assembled and checked (no output folder was given).")
                                     .arg(m_report.filesTotal)
                               : QStringLiteral("All %1 files written to %2.").arg(m_report.filesTotal).arg(placed)) +
                 cacheNote);
    }

private:
    static QString writeTitle() { return QStringLiteral("Write the bundle folder"); }

    void pass(const QString& id, const QString& title, const QString& detail)
    {
        m_report.steps.append({id, title, true, detail});
    }
    bool failStep(const QString& id, const QString& title, const QString& detail, const QString& action = {},
                  const QString& file = {})
    {
        m_report.steps.append({id, title, false, detail});
        m_report.failureAction = action;
        m_report.failedFile = file;
        return false;
    }

    [[nodiscard]] bool encrypted() const { return !m_input.publicKey.isNull(); }

    // With a public key the plugin requires the session key (8.51.23; older plugins accepted an empty one).
    bool unwrapSessionKey()
    {
        if (!encrypted())
            return true;
        const QString title = QStringLiteral("Read the session key");
        const QString id = QStringLiteral("session-key");
        if (m_input.sessionKey.isEmpty())
            return failStep(id, title,
                            QStringLiteral("The answer has a manifest but no session_key while the app has a public "
                                           "key: plugin 8.51.23 refuses it (session_key_required). Plugins up to "
                                           "8.51.14 would install it unsigned."),
                            QStringLiteral("session_key_required"));
        if (Status syntax = crypto::SessionKey::checkSyntax(m_input.sessionKey); !syntax)
            return failStep(id, title, syntax.error().message, QStringLiteral("session_key_required"));
        pass(id, title, QStringLiteral("IV of 16 bytes and a wrapped key."));
        auto session = crypto::SessionKey::unwrap(m_input.sessionKey, m_input.publicKey);
        if (!session)
            return failStep(QStringLiteral("unwrap-key"), QStringLiteral("Unwrap the AES key with the public key"),
                            session.error().message, QStringLiteral("decrypt_fail"));
        m_session.emplace(std::move(session.value()));
        pass(QStringLiteral("unwrap-key"), QStringLiteral("Unwrap the AES key with the public key"),
             QStringLiteral("16-byte AES key recovered with key %1.").arg(m_input.publicKey.keyId()));
        return true;
    }

    // Everything the plugin decides from the manifest alone: entries, targets, duplicates, hashes.
    bool plan()
    {
        const QString id = QStringLiteral("manifest-entries");
        const QString title = QStringLiteral("Check the manifest's paths and hashes");
        auto entries = m_input.entries.isEmpty() ? ManifestEntry::parseList(m_input.manifest)
                                                 : ManifestEntry::checkList(m_input.entries);
        if (!entries)
            return failStep(id, title, entries.error().message, QStringLiteral("manifest_path_fail"));
        if (entries->isEmpty())
            return failStep(id, title, QStringLiteral("The manifest lists no files."),
                            QStringLiteral("manifest_path_fail"));
        QHash<QString, QString> targets; // target -> file_name
        for (const ManifestEntry& entry : std::as_const(entries.value())) {
            auto target = ManifestPath::target(entry.fileName);
            if (!target)
                return failStep(id, title, QStringLiteral("Manifest entry %1").arg(target.error().message),
                                QStringLiteral("manifest_path_fail"), entry.fileName);
            if (const auto seen = targets.constFind(target.value()); seen != targets.constEnd())
                return failStep(id, title,
                                QStringLiteral("Manifest entries '%1' and '%2' both write %3: refused "
                                               "(manifest_path_fail).")
                                    .arg(seen.value(), entry.fileName, target.value()),
                                QStringLiteral("manifest_path_fail"), entry.fileName);
            targets.insert(target.value(), entry.fileName);
            auto hash = fileHash(entry);
            if (!hash)
                return failStep(id, title, hash.error().message, QStringLiteral("checksum_required"), entry.fileName);
            m_files.append({entry, target.value(), hash.value()});
            m_report.fileHashes.insert(target.value(), hash.value());
        }
        // A target that is also another target's folder cannot be written.
        for (const PlannedFile& file : std::as_const(m_files))
            for (qsizetype slash = file.target.indexOf(QLatin1Char('/')); slash > 0;
                 slash = file.target.indexOf(QLatin1Char('/'), slash + 1))
                if (const auto clash = targets.constFind(file.target.left(slash)); clash != targets.constEnd())
                    return failStep(id, title,
                                    QStringLiteral("Manifest entry '%1' is a file where '%2' needs a folder: refused "
                                                   "(manifest_path_fail).")
                                        .arg(clash.value(), file.entry.fileName),
                                    QStringLiteral("manifest_path_fail"), clash.value());
        m_report.filesTotal = static_cast<int>(m_files.size());
        pass(id, title,
             encrypted() ? QStringLiteral("%1 files with safe, distinct paths; every signed hash verifies with key %2.")
                               .arg(m_files.size())
                               .arg(m_input.publicKey.keyId())
                         : QStringLiteral("%1 files with safe, distinct paths and SHA-256 hashes (unsigned: no public "
                                          "key).")
                               .arg(m_files.size()));
        return true;
    }

    Result<QString> fileHash(const ManifestEntry& entry) const
    {
        if (!encrypted()) {
            if (!isLowerSha256Hex(entry.fileHash))
                return fail(QStringLiteral("Manifest entry '%1' has file_hash '%2', not a lowercase SHA-256 hex (iOS "
                                           "compares hashes case-sensitively): refused.")
                                .arg(entry.fileName, entry.fileHash.left(80)));
            return entry.fileHash;
        }
        auto recovered = crypto::SignedChecksum::recoverHex(entry.fileHash, m_input.publicKey);
        if (!recovered)
            return fail(QStringLiteral("Manifest entry '%1': its signed file_hash does not verify: %2")
                            .arg(entry.fileName, recovered.error().message));
        if (!isLowerSha256Hex(recovered.value()))
            return fail(QStringLiteral("Manifest entry '%1': its signed file_hash holds %2 bytes, not a SHA-256: "
                                       "refused.")
                            .arg(entry.fileName)
                            .arg(recovered->size() / 2));
        return recovered.value();
    }

    bool assemble(const QString& folder)
    {
        const QString id = QStringLiteral("manifest-files");
        const QString title = QStringLiteral("Get every file: builtin, cache or download");
        const bool writing = !folder.isEmpty();
        QTemporaryDir scratch = writing ? QTemporaryDir(QDir(QFileInfo(folder).absolutePath()).filePath(QStringLiteral(".slipway-fetch-XXXXXX")))
                                        : QTemporaryDir();
        if (!scratch.isValid())
            return failStep(id, title, QStringLiteral("Cannot create a temporary folder: %1").arg(scratch.errorString()));
        qint64 unpacked = 0;
        for (qsizetype i = 0; i < m_files.size(); ++i) {
            const PlannedFile& file = m_files.at(i);
            if (!reportProgress(m_progress, i, m_files.size()))
                return failStep(id, title, QStringLiteral("Cancelled."));
            const QString out = writing ? QDir(folder).filePath(file.target) : QString();
            if (writing && !QDir().mkpath(QFileInfo(out).absolutePath()))
                return failStep(id, title, QStringLiteral("Cannot create the folder for %1.").arg(file.target),
                                QStringLiteral("download_manifest_file_fail"), file.entry.fileName);
            if (!m_input.device.builtinDir.isEmpty()) {
                const QString builtin = QDir(m_input.device.builtinDir).filePath(file.target);
                if (DownloadCache::holds(builtin, file.sha256Hex) && (!writing || QFile::copy(builtin, out))) {
                    ++m_report.reusedBuiltin;
                    unpacked += QFileInfo(builtin).size();
                    continue;
                }
            }
            if (const QString cached = m_cache.find(file.sha256Hex, file.target, file.entry.fileName);
                !cached.isEmpty() && (!writing || QFile::copy(cached, out))) {
                ++m_report.reusedCache;
                unpacked += QFileInfo(cached).size();
                continue;
            }
            auto fetched = m_input.fetch ? m_input.fetch(file.entry.downloadUrl, scratch.filePath(QStringLiteral("object")))
                                         : Result<QString>(fail(QStringLiteral("no way to download was given.")));
            if (!fetched)
                return failStep(id, title,
                                // HTTP failures name the URL already.
                                fetched.error().message.contains(file.entry.downloadUrl)
                                    ? QStringLiteral("Downloading '%1' failed: %2")
                                          .arg(file.entry.fileName, fetched.error().message)
                                    : QStringLiteral("Downloading '%1' from %2 failed: %3")
                                          .arg(file.entry.fileName, file.entry.downloadUrl, fetched.error().message),
                                QStringLiteral("download_manifest_file_fail"), file.entry.fileName);
            const qint64 fetchedBytes = QFileInfo(fetched.value()).size();
            auto decoded = ManifestObject::decode(fetched.value(), out, m_session ? &*m_session : nullptr,
                                                  ManifestPath::isBrotli(file.entry.fileName),
                                                  std::min(limits::ManifestFileBytes, limits::BundleUnpackedBytes - unpacked));
            if (fetched.value() == scratch.filePath(QStringLiteral("object")))
                QFile::remove(fetched.value());
            if (!decoded) {
                const QString why = decoded.error().message;
                const QString action = why.startsWith(QLatin1String("brotli"))    ? QStringLiteral("download_manifest_brotli_fail")
                                       : why.startsWith(QLatin1String("decrypt")) ||
                                               why.startsWith(QLatin1String("Empty"))
                                           ? QStringLiteral("decrypt_fail")
                                           : QStringLiteral("download_manifest_file_fail");
                return failStep(id, title, QStringLiteral("'%1' (from %2): %3").arg(file.entry.fileName, file.entry.downloadUrl, why),
                                action, file.entry.fileName);
            }
            if (decoded->sha256Hex != file.sha256Hex)
                return failStep(id, title,
                                QStringLiteral("Checksum failure for '%1' (from %2): the file hashes to %3 but the "
                                               "manifest says %4; the object was altered or belongs to another "
                                               "release (download_manifest_checksum_fail).")
                                    .arg(file.entry.fileName, file.entry.downloadUrl, decoded->sha256Hex, file.sha256Hex),
                                QStringLiteral("download_manifest_checksum_fail"), file.entry.fileName);
            unpacked += decoded->size;
            ++m_report.downloaded;
            m_report.bytesDownloaded += fetchedBytes;
            m_downloaded.append(&file);
        }
        reportProgress(m_progress, m_files.size(), m_files.size());
        pass(id, title,
             QStringLiteral("%1 files: %2 downloaded (%3), %4 from the builtin build, %5 from the cache; every SHA-256 "
                            "matches.")
                 .arg(m_report.filesTotal)
                 .arg(m_report.downloaded)
                 .arg(humanByteSize(m_report.bytesDownloaded))
                 .arg(m_report.reusedBuiltin)
                 .arg(m_report.reusedCache));
        return true;
    }

    const ManifestInstallInput& m_input;
    ManifestInstallReport& m_report;
    const ProgressFn& m_progress;
    DownloadCache m_cache;
    std::optional<crypto::SessionKey> m_session;
    QList<PlannedFile> m_files;
    QList<const PlannedFile*> m_downloaded;
};

} // namespace

ManifestInstallReport ManifestInstall::install(const ManifestInstallInput& input, const ProgressFn& progress)
{
    ManifestInstallReport report;
    Installer(input, report, progress).run();
    return report;
}

ManifestFetch ManifestInstall::localFetcher()
{
    return [](const QString& url, const QString& /*scratchPath*/) -> Result<QString> {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || !parsed.isLocalFile())
            return fail(QStringLiteral("not a file:// URL of a local object."));
        const QFileInfo info(parsed.toLocalFile());
        if (!info.exists())
            return fail(QStringLiteral("the object does not exist."));
        if (!info.isFile())
            return fail(QStringLiteral("the object is not a regular file."));
        if (info.size() > limits::ManifestFileBytes)
            return fail(QStringLiteral("the object is %1, more than the %2 a manifest file may be.")
                            .arg(humanByteSize(info.size()), humanByteSize(limits::ManifestFileBytes)));
        return info.absoluteFilePath();
    };
}

} // namespace slipway::device
