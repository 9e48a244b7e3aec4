#pragma once

#include "bundle/ManifestFile.h"
#include "common/Result.h"
#include "crypto/BlockSigner.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace slipway::crypto {
class SessionKey;
}

namespace slipway::bundle {

class BrotliCache;
class SignatureMemo;

// How the objects of a delta release are made (Capgo CLI rules, spec capgo-delta.md "Each file").
struct ManifestOptions
{
    QString folder;                            // where the object files are written
    const crypto::SessionKey* session = nullptr; // set for an encrypted release: the zip's own key and IV
    crypto::SignerPtr signer;                  // signs each file's SHA-256 (V3) when encrypted
    // Capgo's CLI compresses at 11; the plugin decodes any quality. 11 runs at about 0.5 MB/s a core on JavaScript
    // (minutes for a large build) against about 20 MB/s at 5, for 6 % larger objects: 5 keeps the delta within the
    // packaging pass's idle CPU.
    static constexpr int DefaultBrotliQuality = 5;
    int brotliQuality = DefaultBrotliQuality;
    static constexpr int BrotliWindow = 22;
    static constexpr qint64 BrotliMinSize = 8192; // the plugin's rule: smaller files are stored as they are
    static constexpr qint64 BrotliMinGain = 10;   // and the compressed form must be smaller by more than this
    std::shared_ptr<const BrotliCache> brotliCache; // earlier releases' brotli forms of the same files; null: none
    std::shared_ptr<SignatureMemo> signatures;      // earlier releases' signed hashes with this key; null: none
};

// Turns one file of the build into its object: SHA-256 of the original bytes, brotli when it pays,
// AES-128-CBC when encrypted, and the signed hash. Bytes arrive in order through add(), whole or in
// chunks; a small file is worked in memory, a large one streams to temporary files (constant memory).
class ManifestEncoder
{
public:
    // `tryBrotli` false: stored as it is (media that is already compressed).
    ManifestEncoder(ManifestOptions options, QString path, qint64 size, bool tryBrotli);
    ~ManifestEncoder();
    ManifestEncoder(const ManifestEncoder&) = delete;
    ManifestEncoder& operator=(const ManifestEncoder&) = delete;

    [[nodiscard]] Status add(const QByteArray& bytes);
    // The object is in the folder when this succeeds; nothing is left there when it fails.
    [[nodiscard]] Result<ManifestFile> finish();

    // Files up to this size are held and worked whole.
    static constexpr qint64 WholeLimit = 4LL * 1024 * 1024;
    // Each packaging thread keeps a buffer of up to this size from one object to the next (see objectScratch).
    static constexpr qint64 ScratchKeptBytes = 1LL * 1024 * 1024;

private:
    struct Stream;
    [[nodiscard]] Result<ManifestFile> finishWhole();
    [[nodiscard]] Result<ManifestFile> describe(const QByteArray& sha256, bool brotli, qint64 objectSize) const;
    [[nodiscard]] Result<QByteArray> compressWhole() const;
    // Encrypts the object where it is, with the zip's session key and IV.
    [[nodiscard]] Status seal(QByteArray& bytes) const;
    [[nodiscard]] Status store(const QString& objectName, const QByteArray& bytes) const;

    ManifestOptions m_options;
    QString m_path;
    qint64 m_size;
    bool m_tryBrotli;
    QByteArray m_whole;
    std::unique_ptr<Stream> m_stream;
};

} // namespace slipway::bundle
