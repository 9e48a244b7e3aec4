#include "storage/ObjectKey.h"

namespace slipway::storage {

Status ObjectKey::validate(const QString& key)
{
    if (key.isEmpty())
        return fail(QStringLiteral("The object key is empty: give a name such as bundles/app-1.0.0.zip."));
    if (key.startsWith(QLatin1Char('/')) || key.endsWith(QLatin1Char('/')))
        return fail(QStringLiteral("The object key '%1' must be a relative path without a leading or trailing '/'.").arg(key));
    for (const QChar c : key) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == QLatin1Char('\\'))
            return fail(QStringLiteral("The object key '%1' contains a control character or a backslash.").arg(key));
    }
    for (const QString& segment : key.split(QLatin1Char('/'))) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return fail(QStringLiteral("The object key '%1' has an empty, '.' or '..' path segment.").arg(key));
    }
    return Ok{};
}

QByteArray ObjectKey::encode(const QString& text, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                                || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/');
        if (unreserved) {
            out.append(static_cast<char>(c));
        } else {
            out.append('%');
            out.append(hex[c >> 4]);
            out.append(hex[c & 0xf]);
        }
    }
    return out;
}

QUrl ObjectKey::appendTo(const QUrl& base, const QString& key)
{
    QByteArray text = base.toEncoded();
    if (!text.endsWith('/'))
        text.append('/');
    return QUrl::fromEncoded(text + encode(key), QUrl::StrictMode);
}

QString ObjectKey::join(const QString& prefix, const QString& key)
{
    QString p = prefix;
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    while (p.startsWith(QLatin1Char('/')))
        p.remove(0, 1);
    return p.isEmpty() ? key : p + QLatin1Char('/') + key;
}

} // namespace slipway::storage
