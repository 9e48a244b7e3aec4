#pragma once

#include "common/Result.h"

#include <QByteArray>

#include <functional>
#include <vector>

namespace slipway::bundle {

// Writes a zip as one forward stream. Every entry's CRC and sizes are known before its local
// header is written, so headers are final (general-purpose bit 3 clear, no data descriptors: what
// Android's ZipInputStream needs) and the bytes can be hashed and encrypted as they leave.
// Zip64 records are added only when a size, an offset or the entry count needs them.
class ZipStreamWriter
{
public:
    enum Method : quint16 { Stored = 0, Deflated = 8 };
    using Sink = std::function<Status(const char* data, qint64 size)>;

    struct Entry
    {
        QByteArray name;          // UTF-8, relative, '/'-separated; a folder ends with '/'
        Method method = Stored;
        quint32 crc32 = 0;
        quint64 compressedSize = 0;
        quint64 uncompressedSize = 0;
        quint32 unixMode = 0100644; // file type and permission bits, kept in the external attributes
    };

    explicit ZipStreamWriter(Sink sink) : m_sink(std::move(sink)) {}

    // Writes the local header; exactly entry.compressedSize bytes of data must follow.
    [[nodiscard]] Status beginEntry(const Entry& entry);
    [[nodiscard]] Status writeData(const char* data, qint64 size);
    // Central directory and end records.
    [[nodiscard]] Status finish();

    [[nodiscard]] quint64 bytesWritten() const { return m_offset; }

    // DOS date/time stamped on every entry: 1980-01-01 00:00, so the same build gives the same bytes.
    static constexpr quint16 DosTime = 0;
    static constexpr quint16 DosDate = (0 << 9) | (1 << 5) | 1;

private:
    struct Written
    {
        Entry entry;
        quint64 offset = 0;
    };
    [[nodiscard]] Status emit(const QByteArray& bytes);

    Sink m_sink;
    quint64 m_offset = 0;
    quint64 m_remaining = 0;
    bool m_inEntry = false;
    std::vector<Written> m_written;
};

} // namespace slipway::bundle
