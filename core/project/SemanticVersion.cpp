#include "project/SemanticVersion.h"

#include <QRegularExpression>
#include <QStringList>

namespace slipway::project {

std::optional<SemanticVersion> SemanticVersion::parse(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$)"));
    const auto m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    SemanticVersion v;
    v.m_major = m.captured(1).toULongLong();
    v.m_minor = m.captured(2).toULongLong();
    v.m_patch = m.captured(3).toULongLong();
    v.m_prerelease = m.captured(4);
    return v;
}

int SemanticVersion::compare(const SemanticVersion& other) const
{
    for (auto [a, b] : {std::pair{m_major, other.m_major}, {m_minor, other.m_minor}, {m_patch, other.m_patch}})
        if (a != b)
            return a < b ? -1 : 1;
    if (m_prerelease == other.m_prerelease)
        return 0;
    if (m_prerelease.isEmpty())
        return 1; // a release ranks above its pre-releases
    if (other.m_prerelease.isEmpty())
        return -1;
    const QStringList mine = m_prerelease.split(QLatin1Char('.'));
    const QStringList theirs = other.m_prerelease.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < std::min(mine.size(), theirs.size()); ++i) {
        bool aNum = false;
        bool bNum = false;
        const quint64 a = mine[i].toULongLong(&aNum);
        const quint64 b = theirs[i].toULongLong(&bNum);
        if (aNum && bNum && a != b)
            return a < b ? -1 : 1;
        if (aNum != bNum)
            return aNum ? -1 : 1;
        if (!aNum && mine[i] != theirs[i])
            return mine[i] < theirs[i] ? -1 : 1;
    }
    return mine.size() == theirs.size() ? 0 : (mine.size() < theirs.size() ? -1 : 1);
}

} // namespace slipway::project
