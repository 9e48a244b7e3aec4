#include "bundle/OutputFile.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace slipway::bundle {

namespace {

QString folderOf(const QString& path)
{
    return QDir::toNativeSeparators(QFileInfo(path).absolutePath());
}

const QString& elsewhereForBundles()
{
    static const QString text = QStringLiteral("write the bundle to another folder");
    return text;
}

} // namespace

OutputFile::OutputFile(const QString& path) : m_file(path) {}

OutputFile::~OutputFile() = default;

Status OutputFile::start()
{
    const QFileInfo info(m_file.fileName());
    if (!info.absoluteDir().exists())
        return fail(QStringLiteral("The folder %1 does not exist. Create it first or choose another output path.")
                        .arg(folderOf(m_file.fileName())));
    if (info.isDir())
        return fail(QStringLiteral("%1 is a folder; give a file name for the bundle.").arg(m_file.fileName()));
    errno = 0;
    if (!m_file.open(QIODevice::WriteOnly)) {
        const int error = errno;
        return fail(error != 0
                        ? writeFailure(m_file.fileName(), folderOf(m_file.fileName()), error, elsewhereForBundles())
                        : QStringLiteral("Cannot create %1: %2.").arg(m_file.fileName(), m_file.errorString()));
    }
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    return Ok{};
}

qint64 OutputFile::writeData(const char* data, qint64 size)
{
    if (!m_failure.isEmpty())
        return -1;
    if (auto st = writeAll(m_file.handle(), data, size, m_file.fileName(), folderOf(m_file.fileName()),
                           elsewhereForBundles());
        !st) {
        m_failure = st.error().message;
        setErrorString(m_failure);
        return -1;
    }
    return size;
}

Status OutputFile::commit()
{
    close();
    errno = 0;
    if (!m_file.commit()) {
        const int error = errno;
        return fail(error != 0
                        ? writeFailure(m_file.fileName(), folderOf(m_file.fileName()), error, elsewhereForBundles())
                        : QStringLiteral("Cannot write %1: %2.").arg(m_file.fileName(), m_file.errorString()));
    }
    return Ok{};
}

void OutputFile::cancel()
{
    close();
    m_file.cancelWriting(); // the temporary file goes away with m_file
}

Status OutputFile::writeAll(int fd, const char* data, qint64 size, const QString& what, const QString& folder,
                            const QString& elsewhere)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail(writeFailure(what, folder, n < 0 ? errno : ENOSPC, elsewhere));
        data += n;
        size -= n;
    }
    return Ok{};
}

QString OutputFile::writeFailure(const QString& what, const QString& folder, int error, const QString& elsewhere)
{
    const QString reason = QString::fromLocal8Bit(std::strerror(error));
    switch (error) {
    case ENOSPC:
    case EDQUOT:
        return QStringLiteral("Cannot write %1: %2. The disk holding %3 is full: free space there, or %4.")
            .arg(what, reason, folder, elsewhere);
    case EROFS:
    case EACCES:
    case EPERM:
        return QStringLiteral("Cannot write %1: %2. This user cannot write in %3: fix its permissions, or %4.")
            .arg(what, reason, folder, elsewhere);
    default:
        return QStringLiteral("Cannot write %1: %2. Check the disk holding %3, or %4.")
            .arg(what, reason, folder, elsewhere);
    }
}

} // namespace slipway::bundle
