#include "common/SecureBytes.h"

#include <openssl/crypto.h>

namespace slipway {

void SecureBytes::wipe()
{
    // Only wipe storage we own alone: a shared QByteArray would be detached (copied) first.
    if (!m_bytes.isEmpty() && !m_bytes.isDetached())
        m_bytes = QByteArray();
    if (!m_bytes.isEmpty())
        OPENSSL_cleanse(m_bytes.data(), static_cast<size_t>(m_bytes.size()));
    m_bytes.clear();
}

} // namespace slipway
