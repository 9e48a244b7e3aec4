#pragma once

#include <QString>

#include <optional>

namespace slipway::project {

// MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], ordered as semver.org says (build metadata ignored).
class SemanticVersion
{
public:
    [[nodiscard]] static std::optional<SemanticVersion> parse(const QString& text);
    // <0, 0, >0 like strcmp.
    [[nodiscard]] int compare(const SemanticVersion& other) const;
    bool operator<(const SemanticVersion& other) const { return compare(other) < 0; }
    bool operator==(const SemanticVersion& other) const { return compare(other) == 0; }
    [[nodiscard]] quint64 major() const { return m_major; }

private:
    quint64 m_major = 0;
    quint64 m_minor = 0;
    quint64 m_patch = 0;
    QString m_prerelease;
};

} // namespace slipway::project
