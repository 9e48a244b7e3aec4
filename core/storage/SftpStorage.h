#pragma once

#include "storage/CurlRequest.h"
#include "storage/StorageSecrets.h"
#include "storage/StorageTarget.h"

#include <mutex>

#include <QUrl>

namespace slipway::storage {

// SFTP with an ed25519 or ECDSA key and a pinned host key (SHA-256 fingerprint): an unknown or
// changed host key stops everything and shows the fingerprint. Uploads land under a temporary
// name, are read back and their SHA-256 compared, and only then renamed onto the key.
class SftpStorage : public StorageTarget
{
public:
    SftpStorage(QUrl url, QString privateKeyFile, QString pinnedHostKey, StorageSecrets secrets, QUrl publicBaseUrl = {});

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Result<StoredObject> stat(const QString& key) override;
    [[nodiscard]] Status remove(const QString& key) override;
    [[nodiscard]] Status download(const QString& key, const QString& localPath, const ProgressFn& progress = {}) override;
    [[nodiscard]] QUrl publicUrl(const QString& key) const override;

    // Connects only to learn the server's host key fingerprint ("SHA256:..."), for confirmation.
    [[nodiscard]] Result<QString> fetchHostKey();

private:
    [[nodiscard]] Status send(StagedUpload& upload, const ProgressFn& progress) override;
    [[nodiscard]] Status prove(StagedUpload& upload) override;
    [[nodiscard]] Status publish(StagedUpload& upload) override;
    void discard(const StagedUpload& upload) override;
    [[nodiscard]] QString seenHostKey() const;
    [[nodiscard]] QString remotePath(const QString& key) const;
    [[nodiscard]] QByteArray urlOf(const QString& remote) const;
    void prepare(CurlRequest& request);
    [[nodiscard]] Error explain(const CurlRequest::Outcome& outcome, const QString& action, int attempts = 1) const;
    [[nodiscard]] static QByteArray quoted(const QString& path);
    [[nodiscard]] CurlRequest::Outcome command(const QList<QByteArray>& commands);

    QUrl m_url;
    QString m_keyFile;
    QString m_pinnedHostKey;
    StorageSecrets m_secrets;
    QUrl m_publicBase;
    mutable std::mutex m_seenMutex; // uploads of a set of objects run on several threads
    QString m_seenHostKey;
};

} // namespace slipway::storage
