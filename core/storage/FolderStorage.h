#pragma once

#include "storage/StorageTarget.h"

#include <QUrl>

#include <atomic>

namespace slipway::storage {

// A local folder or a network mount. Every write goes to a hidden temporary file next to the
// destination, is read back and hashed, and only then renamed onto the key: a reader never sees a
// partial bundle, and a full disk or a cancel leaves nothing behind.
class FolderStorage : public StorageTarget
{
public:
    explicit FolderStorage(const QString& rootPath, QUrl publicBaseUrl = {});

    [[nodiscard]] QString describe() const override;
    [[nodiscard]] Result<StoredObject> stat(const QString& key) override;
    [[nodiscard]] Status remove(const QString& key) override;
    [[nodiscard]] Status download(const QString& key, const QString& localPath, const ProgressFn& progress = {}) override;
    [[nodiscard]] QUrl publicUrl(const QString& key) const override;
    // Linked objects skip their two fsyncs each; one syncfs(2) at the end flushes them all.
    void beginObjectSet() override;
    [[nodiscard]] Status endObjectSet() override;

    [[nodiscard]] const QString& rootPath() const { return m_root; }
    // The local file that holds a key.
    [[nodiscard]] QString pathOf(const QString& key) const;

private:
    // The copy stages, proves and renames in one go: its temporary file stays locked until renamed.
    [[nodiscard]] Status send(StagedUpload& upload, const ProgressFn& progress) override;
    [[nodiscard]] Status prove(StagedUpload& upload) override;
    void discard(const StagedUpload& upload) override;

    QString m_root;
    QUrl m_publicBase;
    std::atomic_bool m_flushAtEnd{false};
};

} // namespace slipway::storage
