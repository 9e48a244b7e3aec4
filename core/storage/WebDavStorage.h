#pragma once

#include "storage/CurlRequest.h"
#include "storage/StorageSecrets.h"
#include "storage/StorageTarget.h"

#include <QSet>
#include <QUrl>

#include <mutex>

namespace slipway::storage {

// WebDAV or a plain HTTP PUT endpoint (basic or bearer auth). Uploads go to a temporary name, are
// read back and their SHA-256 compared, and only then MOVEd onto the key (plain PUT servers without
// MOVE get a direct PUT, proven the same way); missing folders are created with MKCOL.
class WebDavStorage : public StorageTarget
{
public:
    WebDavStorage(QUrl baseUrl, StorageSecrets secrets, QUrl publicBaseUrl = {}, QString profileName = {});

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Result<StoredObject> stat(const QString& key) override;
    [[nodiscard]] Status remove(const QString& key) override;
    [[nodiscard]] Status download(const QString& key, const QString& localPath, const ProgressFn& progress = {}) override;
    [[nodiscard]] QUrl publicUrl(const QString& key) const override;

private:
    [[nodiscard]] Status send(StagedUpload& upload, const ProgressFn& progress) override;
    [[nodiscard]] Status prove(StagedUpload& upload) override;
    [[nodiscard]] Status publish(StagedUpload& upload) override;
    void discard(const StagedUpload& upload) override;
    [[nodiscard]] Status proveAt(const QString& key, const StagedUpload& upload);
    [[nodiscard]] QByteArray urlOf(const QString& key) const;
    void authorize(CurlRequest& request) const;
    [[nodiscard]] Error explain(const CurlRequest::Outcome& outcome, const QString& action, int attempts = 1) const;
    [[nodiscard]] CurlRequest::Outcome simple(const QByteArray& method, const QByteArray& url, const QList<QByteArray>& headers = {},
                                              int* attempts = nullptr) const;
    [[nodiscard]] Status makeFolders(const QString& key);
    [[nodiscard]] Status put(StagedUpload& upload, const QString& key, const ProgressFn& progress);

    QUrl m_base;
    StorageSecrets m_secrets;
    QUrl m_publicBase;
    QString m_profileName;
    std::mutex m_foldersMutex; // uploads of a set of objects run on several threads
    QSet<QByteArray> m_madeFolders;
};

} // namespace slipway::storage
