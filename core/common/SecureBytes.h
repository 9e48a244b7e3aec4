#pragma once

#include <QByteArray>

#include <cstddef>

namespace slipway {

// Bytes of key material: wiped before the memory is released.
class SecureBytes
{
public:
    SecureBytes() = default;
    explicit SecureBytes(qsizetype size) : m_bytes(size, '\0') {}
    explicit SecureBytes(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    SecureBytes(const SecureBytes& other) : m_bytes(other.m_bytes) { m_bytes.detach(); }
    SecureBytes(SecureBytes&& other) noexcept : m_bytes(std::move(other.m_bytes)) {}
    SecureBytes& operator=(SecureBytes other) noexcept
    {
        m_bytes.swap(other.m_bytes);
        return *this;
    }
    ~SecureBytes() { wipe(); }

    void wipe();
    [[nodiscard]] qsizetype size() const { return m_bytes.size(); }
    [[nodiscard]] bool isEmpty() const { return m_bytes.isEmpty(); }
    [[nodiscard]] unsigned char* data() { return reinterpret_cast<unsigned char*>(m_bytes.data()); }
    [[nodiscard]] const unsigned char* data() const { return reinterpret_cast<const unsigned char*>(m_bytes.constData()); }
    // A copy the caller must treat as sensitive (it is not wiped automatically).
    [[nodiscard]] const QByteArray& bytes() const { return m_bytes; }
    void resize(qsizetype size) { m_bytes.resize(size); }
    bool operator==(const SecureBytes& other) const { return m_bytes == other.m_bytes; }

private:
    QByteArray m_bytes;
};

} // namespace slipway
