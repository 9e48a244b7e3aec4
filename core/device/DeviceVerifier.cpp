#include "device/DeviceVerifier.h"

#include "common/ByteSize.h"
#include "common/InputLimits.h"
#include "crypto/BundleCipher.h"
#include "crypto/SessionKey.h"
#include "crypto/SignedChecksum.h"
#include "device/AndroidZipStream.h"
#include "device/BundleLayout.h"
#include "device/ZipDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <optional>

namespace slipway::device {

QJsonArray toJson(const QList<VerificationStep>& steps)
{
    QJsonArray list;
    for (const auto& s : steps)
        list.append(QJsonObject{{QStringLiteral("id"), s.id},
                                {QStringLiteral("title"), s.title},
                                {QStringLiteral("passed"), s.passed},
                                {QStringLiteral("detail"), s.detail}});
    return list;
}

bool VerificationReport::accepted() const
{
    return !steps.isEmpty() && std::all_of(steps.begin(), steps.end(), [](const auto& s) { return s.passed; }) &&
           steps.last().id == QLatin1String("index-html");
}

const VerificationStep* VerificationReport::failedStep() const
{
    for (const auto& s : steps)
        if (!s.passed)
            return &s;
    return nullptr;
}

QString VerificationReport::summary() const
{
    if (accepted())
        return QStringLiteral("A phone would accept this bundle.");
    if (const auto* step = failedStep())
        return QStringLiteral("A phone would reject this bundle at step \"%1\": %2").arg(step->title, step->detail);
    return QStringLiteral("The bundle was not checked.");
}

namespace {

class StepRecorder
{
public:
    explicit StepRecorder(VerificationReport& report) : m_report(report) {}
    bool pass(const QString& id, const QString& title, const QString& detail)
    {
        m_report.steps.append({id, title, true, detail});
        return true;
    }
    bool failStep(const QString& id, const QString& title, const QString& detail)
    {
        m_report.steps.append({id, title, false, detail});
        return false;
    }

private:
    VerificationReport& m_report;
};

} // namespace

VerificationReport DeviceVerifier::verify(const VerificationInput& input, const ProgressFn& progress)
{
    VerificationReport report;
    StepRecorder step(report);

    const QString sessionTitle = QStringLiteral("Read the session key");
    if (input.ivSessionKey.isEmpty()) {
        step.failStep(QStringLiteral("session-key"), sessionTitle,
                      QStringLiteral("No session key (ivSessionKey) was given; with a public key configured, a phone "
                                     "refuses a bundle without one."));
        return report;
    }
    if (input.signedChecksum.isEmpty()) {
        step.failStep(QStringLiteral("session-key"), sessionTitle,
                      QStringLiteral("No signed checksum was given; with a public key configured, a phone refuses a "
                                     "bundle without one."));
        return report;
    }
    if (auto syntax = crypto::SessionKey::checkSyntax(input.ivSessionKey); !syntax) {
        step.failStep(QStringLiteral("session-key"), sessionTitle, syntax.error().message);
        return report;
    }
    step.pass(QStringLiteral("session-key"), sessionTitle, QStringLiteral("IV of 16 bytes and a wrapped key."));

    const QString unwrapTitle = QStringLiteral("Unwrap the AES key with the public key");
    auto session = crypto::SessionKey::unwrap(input.ivSessionKey, input.publicKey);
    if (!session) {
        step.failStep(QStringLiteral("unwrap-key"), unwrapTitle, session.error().message);
        return report;
    }
    step.pass(QStringLiteral("unwrap-key"), unwrapTitle,
              QStringLiteral("16-byte AES key recovered with key %1.").arg(input.publicKey.keyId()));

    const QString outDir =
        input.decryptedOutPath.isEmpty() ? QDir::tempPath() : QFileInfo(input.decryptedOutPath).absolutePath();
    QTemporaryDir scratch(QDir(outDir).filePath(QStringLiteral(".slipway-verify-XXXXXX")));
    const QString decryptTitle = QStringLiteral("Decrypt the bundle (AES-128-CBC)");
    if (!scratch.isValid()) {
        step.failStep(QStringLiteral("decrypt"), decryptTitle,
                      QStringLiteral("Cannot create a scratch folder in %1: %2").arg(outDir, scratch.errorString()));
        return report;
    }
    const qint64 encryptedSize = std::max<qint64>(1, QFileInfo(input.encryptedPath).size());
    if (encryptedSize > limits::BundleBytes) {
        step.failStep(
            QStringLiteral("decrypt"), decryptTitle,
            QStringLiteral("The bundle is %1, more than the %2 a phone is expected to download. Ship a smaller "
                           "web build.")
                .arg(humanByteSize(encryptedSize), humanByteSize(limits::BundleBytes)));
        return report;
    }
    const QString plainPath = scratch.filePath(QStringLiteral("bundle.zip"));
    // Progress runs over two passes of about the bundle's size: decrypting, then unzipping.
    const ProgressFn decryptProgress = [&](qint64 done, qint64 /*total*/) {
        return reportProgress(progress, done, 2 * encryptedSize);
    };
    auto decrypted = crypto::decryptBundleFile(input.encryptedPath, plainPath, session.value(), decryptProgress);
    if (!decrypted) {
        step.failStep(QStringLiteral("decrypt"), decryptTitle, decrypted.error().message);
        return report;
    }
    report.sha256Hex = decrypted->sha256Hex;
    report.decryptedSize = decrypted->size;
    step.pass(QStringLiteral("decrypt"), decryptTitle,
              QStringLiteral("%1 bytes of zip, SHA-256 %2.").arg(decrypted->size).arg(decrypted->sha256Hex));

    const QString recoverTitle = QStringLiteral("Recover the signed checksum with the public key");
    auto recovered = crypto::SignedChecksum::recoverHex(input.signedChecksum, input.publicKey);
    if (!recovered) {
        step.failStep(QStringLiteral("signed-checksum"), recoverTitle, recovered.error().message);
        return report;
    }
    report.recoveredHex = recovered.value();
    step.pass(QStringLiteral("signed-checksum"), recoverTitle,
              QStringLiteral("Signed checksum: %1.").arg(recovered.value()));

    const QString compareTitle = QStringLiteral("Compare it with the SHA-256 of the decrypted zip");
    if (recovered.value() != report.sha256Hex) {
        QString why = QStringLiteral("The signed checksum says %1 but the decrypted zip hashes to %2: the bundle was "
                                     "altered, or the checksum belongs to another bundle.")
                          .arg(recovered.value(), report.sha256Hex);
        if (crypto::SignedChecksum::isLegacyV2Of(recovered.value(), report.sha256Hex))
            why = QStringLiteral("This is a legacy V2 signed checksum; current plugins (5.30+/6.30+/7.30+ and all 8.x) "
                                 "expect V3 and reject it. Re-sign with the V3 format (the default).");
        step.failStep(QStringLiteral("compare-checksum"), compareTitle, why);
        return report;
    }
    step.pass(QStringLiteral("compare-checksum"), compareTitle, QStringLiteral("The checksums match."));

    const QString zipTitle = QStringLiteral("Check the zip as the phone unzips it");
    auto listing = ZipDirectory::read(plainPath);
    if (!listing) {
        step.failStep(QStringLiteral("zip-entries"), zipTitle, listing.error().message);
        return report;
    }
    if (auto names = BundleLayout::checkEntries(listing->entries); !names) {
        step.failStep(QStringLiteral("zip-entries"), zipTitle, names.error().message);
        return report;
    }
    const qint64 plainSize = std::max<qint64>(1, report.decryptedSize);
    const ProgressFn unzipProgress = [&](qint64 done, qint64 /*total*/) {
        return reportProgress(progress, encryptedSize + done * encryptedSize / plainSize, 2 * encryptedSize);
    };
    QHash<QString, QByteArray> contentSha256;
    if (auto unzipped = AndroidZipStream::check(plainPath, listing.value(), unzipProgress,
                                                input.hashFiles ? &contentSha256 : nullptr);
        !unzipped) {
        step.failStep(QStringLiteral("zip-entries"), zipTitle, unzipped.error().message);
        return report;
    }
    report.entries = static_cast<int>(listing->entries.size());
    step.pass(QStringLiteral("zip-entries"), zipTitle,
              QStringLiteral("%1 entries, read front to back as Android does and through the central directory as iOS "
                             "does: the same files, safe and distinct names, every size and CRC-32 right.")
                  .arg(listing->entries.size()));

    const QString indexTitle = QStringLiteral("Find index.html");
    auto root = BundleLayout::resolveRoot(listing->entries);
    if (!root) {
        step.failStep(QStringLiteral("index-html"), indexTitle, root.error().message);
        return report;
    }
    report.root = root.value();
    if (input.hashFiles) {
        const QString prefix = root->isEmpty() ? QString() : root.value() + QLatin1Char('/');
        for (const ZipEntry& e : listing->entries)
            if (!e.isDirectory() && e.name.startsWith(prefix))
                report.files.append({e.name.mid(prefix.size()), QString::fromLatin1(contentSha256.value(e.name).toHex()),
                                     static_cast<qint64>(e.uncompressedSize)});
    }
    step.pass(QStringLiteral("index-html"), indexTitle,
              root->isEmpty()
                  ? QStringLiteral("index.html is at the root.")
                  : QStringLiteral("The single folder '%1' becomes the root; it holds index.html.").arg(root.value()));

    if (!input.decryptedOutPath.isEmpty()) {
        QFile::remove(input.decryptedOutPath);
        if (!QFile::rename(plainPath, input.decryptedOutPath))
            report.steps.append({QStringLiteral("write-output"), QStringLiteral("Write the decrypted zip"), false,
                                 QStringLiteral("Cannot write %1.").arg(input.decryptedOutPath)});
    }
    return report;
}

} // namespace slipway::device
