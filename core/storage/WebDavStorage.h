#pragma once

#include "storage/CurlRequest.h"
#include "storage/StorageSecrets.h"
#include "storage/StorageTarget.h"

#include <QUrl>

namespace slipway::storage {

// WebDAV or a plain HTTP PUT endpoint (basic or bearer auth). Uploads go to a temporary name and are
// MOVEd onto the key (plain PUT servers without MOVE get a direct PUT); missing folders are created
// with MKCOL; what landed is read back and its SHA-256 compared.
class WebDavStorage : public StorageTarget
{
public:
    WebDavStorage(QUrl baseUrl, StorageSecrets secrets, QUrl publicBaseUrl = {}, QString profileName = {});

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Status upload(const QString& localPath, const QString& key, const ProgressFn& progress = {}) override;
    [[nodiscard]] Result<StoredObject> stat(const QString& key) override;
    [[nodiscard]] Result<bool> exists(const QString& key) override;
    [[nodiscard]] Status remove(const QString& key) override;
    [[nodiscard]] Status download(const QString& key, const QString& localPath, const ProgressFn& progress = {}) override;
    [[nodiscard]] QUrl publicUrl(const QString& key) const override;

private:
    [[nodiscard]] QByteArray urlOf(const QString& key) const;
    void authorize(CurlRequest& request) const;
    [[nodiscard]] Error explain(const CurlRequest::Outcome& outcome, const QString& action, int attempts = 1) const;
    [[nodiscard]] CurlRequest::Outcome simple(const QByteArray& method, const QByteArray& url, const QList<QByteArray>& headers = {},
                                              int* attempts = nullptr) const;
    [[nodiscard]] Status makeFolders(const QString& key);
    [[nodiscard]] Status put(const QString& localPath, const QString& key, qint64 size, const ProgressFn& progress);

    QUrl m_base;
    StorageSecrets m_secrets;
    QUrl m_publicBase;
    QString m_profileName;
};

} // namespace slipway::storage
