#include "device/DeviceVerifier.h"

#include "crypto/BundleCipher.h"
#include "crypto/SessionKey.h"
#include "crypto/SignedChecksum.h"
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
    return !steps.isEmpty() && std::all_of(steps.begin(), steps.end(), [](const auto& s) { return s.passed; })
           && steps.last().id == QLatin1String("index-html");
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

QString zipEntryProblem(const QList<ZipEntry>& entries)
{
    for (const auto& e : entries) {
        if (const QString why = BundleLayout::unsafeNameReason(e.rawName); !why.isEmpty())
            return QStringLiteral("The entry '%1' is refused: %2.").arg(e.name, why);
        if (e.method == 0 && !e.localHeaderHasSizes)
            return QStringLiteral("The stored entry '%1' puts its sizes in a data descriptor, which Android's zip reader "
                                  "rejects. Re-package the bundle with Slipway.")
                .arg(e.name);
        if (e.method != 0 && e.method != 8)
            return QStringLiteral("The entry '%1' uses compression method %2; phones read only stored and deflated "
                                  "entries.")
                .arg(e.name)
                .arg(e.method);
    }
    return {};
}

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

    const QString outDir = input.decryptedOutPath.isEmpty() ? QDir::tempPath()
                                                            : QFileInfo(input.decryptedOutPath).absolutePath();
    QTemporaryDir scratch(QDir(outDir).filePath(QStringLiteral(".slipway-verify-XXXXXX")));
    const QString decryptTitle = QStringLiteral("Decrypt the bundle (AES-128-CBC)");
    if (!scratch.isValid()) {
        step.failStep(QStringLiteral("decrypt"), decryptTitle,
                      QStringLiteral("Cannot create a scratch folder in %1: %2").arg(outDir, scratch.errorString()));
        return report;
    }
    const QString plainPath = scratch.filePath(QStringLiteral("bundle.zip"));
    auto decrypted = crypto::decryptBundleFile(input.encryptedPath, plainPath, session.value(), progress);
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
    step.pass(QStringLiteral("signed-checksum"), recoverTitle, QStringLiteral("Signed checksum: %1.").arg(recovered.value()));

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
    auto entries = ZipDirectory::read(plainPath);
    if (!entries) {
        step.failStep(QStringLiteral("zip-entries"), zipTitle, entries.error().message);
        return report;
    }
    if (const QString problem = zipEntryProblem(entries.value()); !problem.isEmpty()) {
        step.failStep(QStringLiteral("zip-entries"), zipTitle, problem);
        return report;
    }
    report.entries = static_cast<int>(entries->size());
    step.pass(QStringLiteral("zip-entries"), zipTitle,
              QStringLiteral("%1 entries, all with safe names and complete local headers.").arg(entries->size()));

    const QString indexTitle = QStringLiteral("Find index.html");
    auto root = BundleLayout::resolveRoot(entries.value());
    if (!root) {
        step.failStep(QStringLiteral("index-html"), indexTitle, root.error().message);
        return report;
    }
    report.root = root.value();
    step.pass(QStringLiteral("index-html"), indexTitle,
              root->isEmpty() ? QStringLiteral("index.html is at the root.")
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
