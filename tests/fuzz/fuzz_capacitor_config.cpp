// Editing capacitor.config.json text: whatever the input, the edit is exact or refused.
#include "FuzzSupport.h"
#include "project/CapacitorConfig.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray text = fuzzBytes(data, size);
    const QString pem = QStringLiteral("-----BEGIN RSA PUBLIC KEY-----\nMIIB\n-----END RSA PUBLIC KEY-----\n");
    auto edited = slipway::project::CapacitorConfig::withPublicKey(text, pem);
    if (edited) {
        const QJsonObject result = QJsonDocument::fromJson(edited.value()).object();
        const QString written = result.value(QStringLiteral("plugins")).toObject().value(QStringLiteral("CapacitorUpdater"))
                                    .toObject().value(QStringLiteral("publicKey")).toString();
        if (written != pem)
            std::abort(); // an accepted edit must hold exactly the key
    }
    return 0;
}
