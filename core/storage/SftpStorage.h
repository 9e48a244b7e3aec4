#pragma once

#include "storage/CurlRequest.h"
#include "storage/StorageSecrets.h"
#include "storage/StorageTarget.h"

#include <QUrl>

namespace slipway::storage {

// SFTP with an ed25519 or ECDSA key and a pinned host key (SHA-256 fingerprint): an unknown or
// changed host key stops everything and shows the fingerprint. Uploads land under a temporary
// name and are renamed onto the key; what landed is read back and its SHA-256 compared.
class SftpStorage : public StorageTarget
{
public:
    SftpStorage(QUrl url, QString privateKeyFile, QString pinnedHostKey, StorageSecrets secrets, QUrl publicBaseUrl = {});

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Status upload(const QString& localPath, const QString& key, const ProgressFn& progress = {}) override;
    [[nodiscard]] Result<StoredObject> stat(const QString& key) override;
    [[nodiscard]] Result<bool> exists(const QString& key) override;
    [[nodiscard]] Status remove(const QString& key) override;
    [[nodiscard]] Status download(const QString& key, const QString& localPath, const ProgressFn& progress = {}) override;
    [[nodiscard]] QUrl publicUrl(const QString& key) const override;

    // Connects only to learn the server's host key fingerprint ("SHA256:..."), for confirmation.
    [[nodiscard]] Result<QString> fetchHostKey();

private:
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
    QString m_seenHostKey;
};

} // namespace slipway::storage
