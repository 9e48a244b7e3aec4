#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace slipway::project {

// The app side of a key pair: `plugins.CapacitorUpdater.publicKey` in the Capacitor config.
class CapacitorConfig
{
public:
    // The JSON text with the public key set; every other byte (order, spacing, comments-free layout) unchanged.
    [[nodiscard]] static Result<QByteArray> withPublicKey(const QByteArray& jsonText, const QString& publicPem);
    // Edits a capacitor.config.json atomically. A .ts or .js config is never edited: the error carries the
    // snippet to paste.
    [[nodiscard]] static Status writePublicKey(const QString& configPath, const QString& publicPem);
    // The exact lines to paste into capacitor.config.ts.
    [[nodiscard]] static QString typeScriptSnippet(const QString& publicPem);
};

} // namespace slipway::project
