#pragma once

#include "common/Result.h"

#include <QFile>
#include <QHash>
#include <QString>

#include <memory>
#include <mutex>

namespace slipway::storage {

// The objects of a set that are already proven on one target, kept in a small append-only file so a
// run that was killed resumes without sending them again. A line is written only after an object's
// proof; a torn last line (a kill mid-write) is ignored. A journal written for another target, or an
// entry whose local file changed since (size, modification time), does not count.
class UploadJournal
{
public:
    // Reads what an earlier run proved on `target` and opens the file for appending.
    [[nodiscard]] static Result<std::unique_ptr<UploadJournal>> open(const QString& path, const QString& target);

    [[nodiscard]] bool isProven(const QString& key, const QString& localPath) const;
    [[nodiscard]] Status recordProven(const QString& key, const QString& localPath, const QByteArray& sha256);
    [[nodiscard]] int provenCount() const { return static_cast<int>(m_proven.size()); }

private:
    UploadJournal() = default;
    [[nodiscard]] static QString identity(const QString& localPath);

    QFile m_file;
    QHash<QString, QString> m_proven; // key -> identity of the local file that was proven
    mutable std::mutex m_mutex;
};

} // namespace slipway::storage
