#include "registry/ReleaseName.h"

#include "common/InputLimits.h"

#include <QRegularExpression>

namespace slipway::registry {

namespace {

constexpr int UsageCode = 2;

// Ok when `name` matches `pattern` within the length limit; otherwise `message` with the name (%1)
// and the limit (%2).
Status check(const QString& name, const QRegularExpression& pattern, const QString& message)
{
    if (name.size() <= limits::ReleaseNameChars && pattern.match(name).hasMatch())
        return Ok{};
    // A hostile name can be long or hold control characters: quote a bounded, printable excerpt.
    QString shown = name.left(limits::ReleaseNameChars);
    for (QChar& c : shown) {
        if (!c.isPrint())
            c = QChar(0xfffd);
    }
    if (name.size() > limits::ReleaseNameChars)
        shown += QStringLiteral("…");
    return fail(message.arg(shown).arg(limits::ReleaseNameChars), UsageCode);
}

// anchoredPattern: '$' alone would also match before a final line feed.
const QRegularExpression& plainName()
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9][A-Za-z0-9._-]*")));
    return pattern;
}

} // namespace

bool ReleaseName::isPlainName(const QString& name)
{
    return name.size() <= limits::ReleaseNameChars && plainName().match(name).hasMatch();
}

Status ReleaseName::validateAppId(const QString& appId)
{
    return check(appId, plainName(),
                 QStringLiteral("The app id \"%1\" is not usable: an app id starts with a letter or digit and uses "
                                "only letters, digits, '.', '_' and '-' (at most %2 characters), e.g. "
                                "com.example.app."));
}

Status ReleaseName::validateVersion(const QString& version)
{
    static const QRegularExpression withBuildMetadata(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9][A-Za-z0-9._+-]*")));
    return check(version, withBuildMetadata,
                 QStringLiteral("The version \"%1\" is not a version number such as 1.4.0: it starts with a letter "
                                "or digit and uses only letters, digits, '.', '_', '-' and '+' (at most %2 "
                                "characters)."));
}

Status ReleaseName::validateChannel(const QString& channel)
{
    return check(channel, plainName(),
                 QStringLiteral("The channel \"%1\" is not usable: a channel name starts with a letter or digit and "
                                "uses only letters, digits, '.', '_' and '-' (at most %2 characters), e.g. production "
                                "or beta-2. It becomes a file name, so '/' is not allowed."));
}

} // namespace slipway::registry
