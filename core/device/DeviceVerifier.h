#pragma once

#include "common/Progress.h"
#include "device/BundleUnzip.h"
#include "common/Result.h"
#include "crypto/RsaKey.h"

#include <QJsonArray>
#include <QList>
#include <QString>

namespace slipway::device {

// One step of what a phone does with a downloaded bundle, and how it went.
struct VerificationStep
{
    QString id;     // session-key, unwrap-key, decrypt, signed-checksum, compare-checksum, zip-entries, index-html
    QString title;  // words a release manager understands
    bool passed = false;
    QString detail; // what was found, or why it failed and what to do
};

// [{id, title, passed, detail}, ...] as the CLI and reports print them.
[[nodiscard]] QJsonArray toJson(const QList<VerificationStep>& steps);

struct VerificationReport
{
    QList<VerificationStep> steps;
    QString sha256Hex;     // of the decrypted zip (empty when decryption did not get that far)
    QString recoveredHex;  // the checksum recovered from the signature
    qint64 decryptedSize = 0;
    int entries = 0;
    QString root;          // the folder a phone would use as the root ("" for the zip root)
    QList<UnpackedFile> files; // with VerificationInput::hashFiles: every file under the root, as the phone unzips it
    [[nodiscard]] bool accepted() const;
    [[nodiscard]] const VerificationStep* failedStep() const;
    [[nodiscard]] QString summary() const;
};

struct VerificationInput
{
    QString encryptedPath;
    QString ivSessionKey;   // `session_key`
    QString signedChecksum; // `checksum`
    crypto::RsaKey publicKey;
    QString decryptedOutPath; // optional: keep the decrypted zip here (written only when it checks out)
    bool hashFiles = false;   // also hash every file while unzipping (VerificationReport::files)
};

// Performs exactly the device's steps (wire-format spec section 4), stopping at the first failure.
class DeviceVerifier
{
public:
    [[nodiscard]] static VerificationReport verify(const VerificationInput& input, const ProgressFn& progress = {});
};

} // namespace slipway::device
