#include "storage/UploadJournal.h"

#include "common/BoundedFile.h"
#include "common/InputLimits.h"

#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

namespace slipway::storage {

namespace {

const QByteArray Header = "slipway-upload-journal 1\t";
const QByteArray Proven = "proven\t";

} // namespace

QString UploadJournal::identity(const QString& localPath)
{
    // stat(2) itself: QFileInfo's times pass through the local time zone, under a lock every upload thread wants.
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(localPath).constData(), &st) != 0)
        return QStringLiteral("0\t0");
    const qint64 modifiedMs = qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
    return QStringLiteral("%1\t%2").arg(qint64(st.st_size)).arg(modifiedMs);
}

Result<std::unique_ptr<UploadJournal>> UploadJournal::open(const QString& path, const QString& target)
{
    std::unique_ptr<UploadJournal> journal(new UploadJournal);
    const QByteArray header = Header + target.toUtf8() + '\n';
    bool fresh = true;
    if (QFileInfo::exists(path)) {
        auto bytes = readBoundedFile(path, limits::UploadJournalBytes, QStringLiteral("upload journal"));
        if (!bytes)
            return bytes.error();
        if (bytes->startsWith(header)) {
            fresh = false;
            const QList<QByteArray> lines = bytes->mid(header.size()).split('\n');
            // The last element follows the last newline: empty, or a line torn by a kill.
            for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
                const QList<QByteArray> fields = lines.at(i).split('\t');
                if (fields.size() == 5 && fields.at(0) == Proven.chopped(1))
                    journal->m_proven.insert(QString::fromUtf8(fields.at(1)), QString::fromUtf8(fields.at(2) + '\t' + fields.at(3)));
            }
            if (!bytes->endsWith('\n') && bytes->size() > header.size()) {
                // Drop the torn line so the next record starts on a line of its own.
                fresh = true;
            }
        }
    }
    journal->m_file.setFileName(path);
    if (fresh) {
        // Rewrite: a new journal, one for another target, or one that ends in a torn line.
        if (!journal->m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered))
            return fail(QStringLiteral("Cannot write the upload journal %1: %2").arg(path, journal->m_file.errorString()));
        QByteArray text = header;
        for (auto it = journal->m_proven.cbegin(); it != journal->m_proven.cend(); ++it)
            text += Proven + it.key().toUtf8() + '\t' + it.value().toUtf8() + "\t-\n";
        if (journal->m_file.write(text) != text.size())
            return fail(QStringLiteral("Cannot write the upload journal %1: %2").arg(path, journal->m_file.errorString()));
        return journal;
    }
    if (!journal->m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        return fail(QStringLiteral("Cannot write the upload journal %1: %2").arg(path, journal->m_file.errorString()));
    return journal;
}

bool UploadJournal::isProven(const QString& key, const QString& localPath) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_proven.constFind(key);
    return it != m_proven.constEnd() && it.value() == identity(localPath);
}

Status UploadJournal::recordProven(const QString& key, const QString& localPath, const QByteArray& sha256)
{
    const QString id = identity(localPath);
    const QByteArray line = Proven + key.toUtf8() + '\t' + id.toUtf8() + '\t' + sha256.toHex() + '\n';
    std::lock_guard lock(m_mutex);
    // One write(2) per line: a kill leaves whole lines and at most one torn last line.
    if (m_file.write(line) != line.size())
        return fail(QStringLiteral("Cannot write the upload journal %1: %2").arg(m_file.fileName(), m_file.errorString()));
    m_proven.insert(key, id);
    return Ok{};
}

} // namespace slipway::storage
