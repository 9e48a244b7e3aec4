#pragma once

#include <QByteArray>
#include <QtEndian>

namespace slipway::device {

// The zip format's fixed values (APPNOTE.TXT) as the device side reads them.
namespace zip {
inline constexpr quint32 LocalHeaderSignature = 0x04034b50;
inline constexpr quint32 DescriptorSignature = 0x08074b50;
inline constexpr quint32 CentralHeaderSignature = 0x02014b50;
inline constexpr quint32 EndOfDirectorySignature = 0x06054b50;
inline constexpr quint32 Zip64LocatorSignature = 0x07064b50;
inline constexpr quint32 Zip64EndSignature = 0x06064b50;
inline constexpr quint16 EncryptedFlag = 0x0001;
inline constexpr quint16 DescriptorFlag = 0x0008;
inline constexpr quint16 Utf8Flag = 0x0800;
inline constexpr quint16 Stored = 0;
inline constexpr quint16 Deflated = 8;
inline constexpr quint64 Max32 = 0xFFFFFFFF; // a 32-bit field that defers to the zip64 field
} // namespace zip

// Little-endian fields of zip records, read from a buffer in order; has() says whether n more bytes are there.
class ZipFieldReader
{
public:
    explicit ZipFieldReader(const QByteArray& data, qsizetype pos = 0) : m_data(data), m_pos(pos) {}
    ZipFieldReader(QByteArray&&, qsizetype = 0) = delete; // it keeps a reference: no temporaries
    [[nodiscard]] bool has(qsizetype n) const { return m_pos >= 0 && n >= 0 && m_pos + n <= m_data.size(); }
    quint16 u16() { return take<quint16>(); }
    quint32 u32() { return take<quint32>(); }
    quint64 u64() { return take<quint64>(); }
    QByteArray bytes(qsizetype n)
    {
        QByteArray out = m_data.mid(m_pos, n);
        m_pos += n;
        return out;
    }
    void skip(qsizetype n) { m_pos += n; }

    // The payload of the zip64 extended-information field (id 0x0001) in an extra field, or empty.
    [[nodiscard]] static QByteArray zip64Field(const QByteArray& extra)
    {
        ZipFieldReader r(extra);
        while (r.has(4)) {
            const quint16 id = r.u16();
            const quint16 length = r.u16();
            if (!r.has(length))
                return {};
            if (id == 0x0001)
                return r.bytes(length);
            r.skip(length);
        }
        return {};
    }

private:
    template <typename T> T take()
    {
        const T value = qFromLittleEndian<T>(m_data.constData() + m_pos);
        m_pos += sizeof(T);
        return value;
    }
    const QByteArray& m_data;
    qsizetype m_pos;
};

} // namespace slipway::device
