#pragma once

#include "common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace slipway {

// A profiles file under DataLocation::root(): {"profiles": [{"name": ..., ...}, ...]}, rewritten
// atomically. Profiles name where things go, never the secrets to get there.
class ProfileFile
{
public:
    // `fileName` such as "storage-profiles.json"; `what` names the contents in messages ("storage profiles").
    ProfileFile(const QString& fileName, QString what);

    [[nodiscard]] QString path() const { return m_path; }
    // No file yet: no profiles.
    [[nodiscard]] Result<QList<QJsonObject>> read() const;
    // Replaces the profile with the same "name", or adds it at the end.
    [[nodiscard]] Status put(const QJsonObject& profile) const;
    // False when no profile has that name (the file is left alone).
    [[nodiscard]] Result<bool> remove(const QString& name) const;

    // The profiles parsed with Profile::fromJson; the first invalid one is the error.
    template <typename Profile> [[nodiscard]] Result<QList<Profile>> load() const
    {
        auto objects = read();
        if (!objects)
            return objects.error();
        QList<Profile> profiles;
        for (const auto& object : objects.value()) {
            auto profile = Profile::fromJson(object);
            if (!profile)
                return fail(QStringLiteral("An entry in the %1 file %2 is invalid: %3").arg(m_what, m_path, profile.error().message));
            profiles.append(profile.value());
        }
        return profiles;
    }

    template <typename Profile> [[nodiscard]] Result<std::optional<Profile>> find(const QString& name) const
    {
        auto profiles = load<Profile>();
        if (!profiles)
            return profiles.error();
        for (const auto& profile : profiles.value()) {
            if (profile.name == name)
                return std::optional<Profile>(profile);
        }
        return std::optional<Profile>();
    }

private:
    [[nodiscard]] Status write(const QList<QJsonObject>& profiles) const;

    QString m_path;
    QString m_what;
};

} // namespace slipway
