#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

namespace slipway::registry {

// The non-secret description of an update service a release is registered with. Only "capgo" for
// now (Capgo Cloud or a self-hosted Capgo backend, told apart by the API host). The API key is
// never part of it: it comes from CAPGO_TOKEN or the OS keychain (CapgoApiKey).
struct RegistrarProfile
{
    QString name;
    QString kind = QStringLiteral("capgo");
    QUrl apiHost;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<RegistrarProfile> fromJson(const QJsonObject& object);
    // Letters, digits, '.', '_' and '-'; "local" is the built-in channel manifest and cannot be a profile.
    [[nodiscard]] static Status validateName(const QString& name);
    [[nodiscard]] static QUrl defaultCapgoApiHost();
};

// The profiles file (registrar-profiles.json under DataLocation::root()): no secrets in it, ever.
class RegistrarProfileStore
{
public:
    [[nodiscard]] static QString filePath();
    [[nodiscard]] static Result<QList<RegistrarProfile>> load();
    [[nodiscard]] static Result<RegistrarProfile> find(const QString& name);
    // Adds or replaces the profile of the same name.
    [[nodiscard]] static Status save(const RegistrarProfile& profile);
    [[nodiscard]] static Status remove(const QString& name);
};

} // namespace slipway::registry
