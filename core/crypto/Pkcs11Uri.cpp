#include "crypto/Pkcs11Uri.h"

#include "common/InputLimits.h"

#include <QStringList>
#include <QUrl>

namespace slipway::crypto {

namespace {

// RFC 7512 section 2.3: attribute values are percent-encoded UTF-8.
Result<QByteArray> percentDecode(const QString& value, const QString& name)
{
    QByteArray out;
    const QByteArray raw = value.toUtf8();
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw[i] != '%') {
            out.append(raw[i]);
            continue;
        }
        bool ok = false;
        const int byte = i + 2 < raw.size() ? raw.mid(i + 1, 2).toInt(&ok, 16) : 0;
        if (!ok)
            return fail(QStringLiteral("The PKCS#11 URI attribute %1 has a broken percent escape near '%2'.")
                            .arg(name, QString::fromUtf8(raw.mid(i, 3))),
                        2);
        out.append(static_cast<char>(byte));
        i += 2;
    }
    return out;
}

QString encode(const QByteArray& bytes)
{
    // Unreserved characters plus those RFC 7512 allows unescaped in path values.
    return QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(bytes), "&+,=:@!$'()*"));
}

} // namespace

Result<Pkcs11Uri> Pkcs11Uri::parse(const QString& text)
{
    if (!looksLikeUri(text))
        return fail(QStringLiteral("'%1' is not a PKCS#11 URI (it must start with 'pkcs11:').").arg(text), 2);
    if (text.size() > limits::Pkcs11UriChars)
        return fail(QStringLiteral("The PKCS#11 URI is longer than %1 characters.").arg(limits::Pkcs11UriChars), 2);
    const QString body = text.mid(7);
    const qsizetype question = body.indexOf(QLatin1Char('?'));
    const QString path = question < 0 ? body : body.left(question);
    const QString query = question < 0 ? QString() : body.mid(question + 1);
    Pkcs11Uri uri;
    for (const QString& part : path.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(QStringLiteral("The PKCS#11 URI part '%1' is not name=value.").arg(part), 2);
        const QString name = part.left(eq);
        auto value = percentDecode(part.mid(eq + 1), name);
        if (!value)
            return value.error();
        const QString textValue = QString::fromUtf8(value.value());
        if (name == QLatin1String("token"))
            uri.token = textValue;
        else if (name == QLatin1String("manufacturer"))
            uri.manufacturer = textValue;
        else if (name == QLatin1String("serial"))
            uri.serial = textValue;
        else if (name == QLatin1String("model"))
            uri.model = textValue;
        else if (name == QLatin1String("object"))
            uri.object = textValue;
        else if (name == QLatin1String("id"))
            uri.id = value.value();
        else if (name == QLatin1String("type"))
            uri.type = textValue;
        else if (name == QLatin1String("slot-id")) {
            bool ok = false;
            uri.slotId = textValue.toULongLong(&ok);
            if (!ok)
                return fail(QStringLiteral("The PKCS#11 URI slot-id '%1' is not a number.").arg(textValue), 2);
        } else if (name == QLatin1String("library-manufacturer") || name == QLatin1String("library-description")
                   || name == QLatin1String("library-version") || name == QLatin1String("slot-manufacturer")
                   || name == QLatin1String("slot-description") || name.startsWith(QLatin1String("x-"))) {
            continue; // selects nothing Slipway needs; accepted so URIs from p11tool/pkcs11-tool work
        } else {
            return fail(QStringLiteral("The PKCS#11 URI attribute '%1' is not known (a key is named with object= "
                                       "(its label) or id=, a token with token=, serial= or manufacturer=).")
                            .arg(name),
                        2);
        }
    }
    for (const QString& part : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        const QString name = eq < 0 ? part : part.left(eq);
        if (name == QLatin1String("pin-value") || name == QLatin1String("pin-source"))
            return fail(QStringLiteral("Refused: the PKCS#11 URI carries a PIN (%1). A PIN never goes into a URI, "
                                       "which ends up in shell history and logs: set SLIPWAY_PKCS11_PIN or type "
                                       "it when asked.")
                            .arg(name),
                        2);
        auto value = percentDecode(eq < 0 ? QString() : part.mid(eq + 1), name);
        if (!value)
            return value.error();
        if (name == QLatin1String("module-path"))
            uri.modulePath = QString::fromUtf8(value.value());
        else if (name == QLatin1String("module-name"))
            uri.moduleName = QString::fromUtf8(value.value());
    }
    if (!uri.modulePath.isEmpty() && !uri.modulePath.startsWith(QLatin1Char('/')))
        return fail(QStringLiteral("The PKCS#11 module-path '%1' must be an absolute path.").arg(uri.modulePath), 2);
    if (!uri.type.isEmpty() && uri.type != QLatin1String("private") && uri.type != QLatin1String("public")
        && uri.type != QLatin1String("cert"))
        return fail(QStringLiteral("The PKCS#11 URI type '%1' does not name a key (use type=private).").arg(uri.type),
                    2);
    return uri;
}

QString Pkcs11Uri::toString() const
{
    QStringList path;
    const auto add = [&path](const char* name, const QString& value) {
        if (!value.isEmpty())
            path << QStringLiteral("%1=%2").arg(QLatin1String(name), encode(value.toUtf8()));
    };
    add("token", token);
    add("manufacturer", manufacturer);
    add("serial", serial);
    add("model", model);
    if (slotId)
        path << QStringLiteral("slot-id=%1").arg(*slotId);
    add("object", object);
    if (!id.isEmpty()) {
        QString hex;
        for (const char byte : id)
            hex += QStringLiteral("%%1").arg(static_cast<unsigned char>(byte), 2, 16, QLatin1Char('0'));
        path << QStringLiteral("id=") + hex;
    }
    add("type", type);
    QString out = QStringLiteral("pkcs11:") + path.join(QLatin1Char(';'));
    QStringList query;
    if (!modulePath.isEmpty())
        query << QStringLiteral("module-path=") + QString::fromLatin1(QUrl::toPercentEncoding(modulePath, "/"));
    if (!moduleName.isEmpty())
        query << QStringLiteral("module-name=") + encode(moduleName.toUtf8());
    if (!query.isEmpty())
        out += QLatin1Char('?') + query.join(QLatin1Char('&'));
    return out;
}

QString Pkcs11Uri::describe() const
{
    QString key = !object.isEmpty() ? QStringLiteral("key '%1'").arg(object)
                  : !id.isEmpty()   ? QStringLiteral("key id %1").arg(QString::fromLatin1(id.toHex()))
                                    : QStringLiteral("the key");
    if (!token.isEmpty())
        return QStringLiteral("%1 on token '%2'").arg(key, token);
    if (!serial.isEmpty())
        return QStringLiteral("%1 on the token with serial %2").arg(key, serial);
    return key;
}

} // namespace slipway::crypto
