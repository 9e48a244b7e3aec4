#include "bundle/ArchiveReader.h"

#include <QFile>

#include <libdeflate.h>
#include <zlib.h>

namespace slipway::bundle {

namespace {

constexpr qint64 ReadChunk = 256LL * 1024;

QString hex32(quint32 v)
{
    return QStringLiteral("%1").arg(v, 8, 16, QLatin1Char('0'));
}

class FileSlice final : public QIODevice
{
public:
    FileSlice(const QString& path, quint64 offset, quint64 length) : m_file(path), m_offset(offset), m_length(length) {}

    Status start()
    {
        if (!m_file.open(QIODevice::ReadOnly))
            return fail(m_file.errorString());
        if (m_offset + m_length < m_offset || m_offset + m_length > quint64(m_file.size()))
            return fail(QStringLiteral("its data lies past the end of the archive (truncated)"));
        if (!m_file.seek(qint64(m_offset)))
            return fail(m_file.errorString());
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        return Ok{};
    }
    [[nodiscard]] bool isSequential() const override { return true; }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        const qint64 want = qint64(std::min<quint64>(quint64(maxSize), m_length - m_done));
        if (want == 0)
            return 0;
        const qint64 n = m_file.read(data, want);
        if (n < 0) {
            setErrorString(m_file.errorString());
            return -1;
        }
        m_done += quint64(n);
        return n;
    }
    qint64 writeData(const char* /*data*/, qint64 /*size*/) override { return -1; }

private:
    QFile m_file;
    quint64 m_offset;
    quint64 m_length;
    quint64 m_done = 0;
};

class InflateDevice final : public QIODevice
{
public:
    explicit InflateDevice(std::unique_ptr<QIODevice> in) : m_in(std::move(in)), m_buffer(ReadChunk, Qt::Uninitialized)
    {
        m_ready = inflateInit2(&m_z, -MAX_WBITS) == Z_OK;
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    ~InflateDevice() override
    {
        if (m_ready)
            inflateEnd(&m_z);
    }
    InflateDevice(const InflateDevice&) = delete;
    InflateDevice& operator=(const InflateDevice&) = delete;
    [[nodiscard]] bool isSequential() const override { return true; }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        if (!m_ready)
            return error(QStringLiteral("zlib could not start"));
        if (m_ended || maxSize == 0)
            return 0;
        const auto room = uInt(std::min<qint64>(maxSize, 1 << 30));
        m_z.next_out = reinterpret_cast<Bytef*>(data);
        m_z.avail_out = room;
        // Hand over whatever one step produced rather than wait to fill the caller's buffer.
        while (m_z.avail_out == room && !m_ended) {
            if (m_z.avail_in == 0) {
                const qint64 n = m_in->read(m_buffer.data(), m_buffer.size());
                if (n < 0)
                    return error(m_in->errorString());
                if (n == 0)
                    return error(QStringLiteral("the deflate data is cut short"));
                m_z.next_in = reinterpret_cast<Bytef*>(m_buffer.data());
                m_z.avail_in = uInt(n);
            }
            const int rc = inflate(&m_z, Z_NO_FLUSH);
            if (rc == Z_STREAM_END)
                m_ended = true;
            else if (rc != Z_OK)
                return error(QStringLiteral("the deflate data is damaged (%1)")
                                 .arg(QString::fromLatin1(m_z.msg ? m_z.msg : "zlib error")));
        }
        return qint64(reinterpret_cast<char*>(m_z.next_out) - data);
    }
    qint64 writeData(const char* /*data*/, qint64 /*size*/) override { return -1; }

private:
    qint64 error(const QString& why)
    {
        setErrorString(why);
        return -1;
    }

    std::unique_ptr<QIODevice> m_in;
    QByteArray m_buffer;
    z_stream m_z{};
    bool m_ready = false;
    bool m_ended = false;
};

} // namespace

ArchiveReader::~ArchiveReader() = default;

Status ArchiveReader::verify(std::vector<ArchiveMember>& members)
{
    QByteArray buffer(ReadChunk, Qt::Uninitialized);
    for (ArchiveMember& m : members) {
        if (m.type != ArchiveMember::Type::File || !m.damaged.isEmpty())
            continue;
        auto device = openVerified(*this, m);
        while (device->read(buffer.data(), buffer.size()) > 0) {
        }
        m.damaged = device->problem();
    }
    return Ok{};
}

VerifiedDevice::VerifiedDevice(std::unique_ptr<QIODevice> inner, const ArchiveMember& member)
    : m_inner(std::move(inner)), m_size(member.size), m_expectedCrc(member.crc32)
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

VerifiedDevice::VerifiedDevice(const QString& problem) : m_problem(problem)
{
    setErrorString(problem);
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

VerifiedDevice::~VerifiedDevice() = default;

qint64 VerifiedDevice::failWith(const QString& problem)
{
    if (m_problem.isEmpty())
        m_problem = problem;
    setErrorString(m_problem);
    return -1;
}

bool VerifiedDevice::finish()
{
    if (m_finished)
        return m_problem.isEmpty();
    m_finished = true;
    char probe = 0;
    if (m_inner->read(&probe, 1) > 0) {
        failWith(QStringLiteral("it holds more data than the %1 bytes the archive declares").arg(m_size));
        return false;
    }
    if (m_expectedCrc && *m_expectedCrc != m_crc) {
        failWith(
            QStringLiteral("its CRC-32 is %1 where the archive declares %2").arg(hex32(m_crc), hex32(*m_expectedCrc)));
        return false;
    }
    return true;
}

qint64 VerifiedDevice::readData(char* data, qint64 maxSize)
{
    if (!m_problem.isEmpty())
        return -1;
    const quint64 left = m_size - m_done;
    if (left == 0)
        return finish() ? 0 : -1;
    if (maxSize <= 0)
        return 0;
    // Fill the request like a file does: decompressing devices hand over a little at a time.
    const qint64 want = qint64(std::min<quint64>(quint64(maxSize), left));
    qint64 n = 0;
    while (n < want) {
        const qint64 got = m_inner->read(data + n, want - n);
        if (got < 0)
            return failWith(QStringLiteral("it cannot be read: %1").arg(m_inner->errorString()));
        if (got == 0)
            return failWith(QStringLiteral("it ends after %1 of the %2 bytes the archive declares")
                                .arg(m_done + quint64(n))
                                .arg(m_size));
        n += got;
    }
    m_crc = quint32(libdeflate_crc32(m_crc, data, size_t(n)));
    m_done += quint64(n);
    // The read that completes the content is the one that fails when the content is wrong.
    if (m_done == m_size && !finish())
        return -1;
    return n;
}

std::unique_ptr<VerifiedDevice> openVerified(ArchiveReader& reader, const ArchiveMember& member)
{
    if (!member.damaged.isEmpty())
        return std::make_unique<VerifiedDevice>(member.damaged);
    auto content = reader.openContent(member);
    if (!content)
        return std::make_unique<VerifiedDevice>(content.error().message);
    return std::make_unique<VerifiedDevice>(std::move(content.value()), member);
}

Result<std::unique_ptr<QIODevice>> openFileSlice(const QString& path, quint64 offset, quint64 length)
{
    auto slice = std::make_unique<FileSlice>(path, offset, length);
    if (auto st = slice->start(); !st)
        return st.error();
    return std::unique_ptr<QIODevice>(std::move(slice));
}

std::unique_ptr<QIODevice> inflating(std::unique_ptr<QIODevice> compressed)
{
    return std::make_unique<InflateDevice>(std::move(compressed));
}

} // namespace slipway::bundle
