#include "bundle/BuildName.h"

#include "common/InputLimits.h"

#include <QList>

namespace slipway::bundle {

namespace {

// Length of the well-formed UTF-8 sequence starting at `i`, or 0 when the byte there does not start one.
qsizetype utf8SequenceAt(const QByteArray& b, qsizetype i)
{
    const auto at = [&](qsizetype k) { return k < b.size() ? static_cast<unsigned char>(b[k]) : 0U; };
    const unsigned c = at(i);
    if (c < 0x80)
        return 1;
    const auto cont = [&](qsizetype k, unsigned lo = 0x80, unsigned hi = 0xBF) { return at(k) >= lo && at(k) <= hi; };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        // E0 needs A0..BF (no overlong forms), ED needs 80..9F (no UTF-16 surrogates).
        const unsigned lo = c == 0xE0 ? 0xA0 : 0x80;
        const unsigned hi = c == 0xED ? 0x9F : 0xBF;
        return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        // F0 needs 90..BF (no overlong forms), F4 needs 80..8F (nothing past U+10FFFF).
        const unsigned lo = c == 0xF0 ? 0x90 : 0x80;
        const unsigned hi = c == 0xF4 ? 0x8F : 0xBF;
        return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    return 0;
}

BuildName withProblem(BuildName name, BuildName::Problem problem, const QString& reason)
{
    name.problem = problem;
    name.reason = reason;
    return name;
}

} // namespace

bool BuildName::isUtf8(const QByteArray& bytes)
{
    for (qsizetype i = 0; i < bytes.size();) {
        const qsizetype n = utf8SequenceAt(bytes, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

QString BuildName::shownName(const QByteArray& bytes)
{
    QString out;
    for (qsizetype i = 0; i < bytes.size();) {
        const qsizetype n = utf8SequenceAt(bytes, i);
        if (n == 0) {
            out += QStringLiteral("\\x%1").arg(static_cast<unsigned char>(bytes[i]), 2, 16, QLatin1Char('0'));
            ++i;
            continue;
        }
        out += QString::fromUtf8(bytes.constData() + i, n);
        i += n;
    }
    return out;
}

BuildName BuildName::check(const QByteArray& stored, const QString& encodingError)
{
    BuildName name;
    // A name that long is refused below anyway; keep messages (and memory) small.
    name.shown = shownName(stored.left(limits::BuildNameBytes + 16));
    if (stored.size() > limits::BuildNameBytes + 16)
        name.shown += QStringLiteral("…");
    using P = Problem;
    if (!encodingError.isEmpty())
        return withProblem(name, P::Unrepresentable, encodingError);
    if (stored.contains('\0'))
        return withProblem(name, P::Unsafe, QStringLiteral("contains a NUL character"));
    if (stored.contains('\\'))
        return withProblem(name, P::Unsafe,
                           QStringLiteral("contains a backslash (devices treat it as a folder separator)"));
    if (stored.startsWith('/'))
        return withProblem(name, P::Unsafe, QStringLiteral("is an absolute path"));
    // As device::BundleLayout (the phone's rule): "C:..." is a Windows drive, an absolute path too.
    if (stored.size() > 1 && stored.at(1) == ':')
        return withProblem(
            name, P::Unsafe,
            QStringLiteral("starts like a Windows drive (\"%1:\"), which phones take as an absolute path")
                .arg(QChar::fromLatin1(stored.at(0))));
    if (!isUtf8(stored))
        return withProblem(name, P::Unrepresentable, QStringLiteral("is not valid UTF-8 (the bytes shown as \\xNN)"));
    // "a//b" and "./a/./b" mean the same path everywhere ("tar -C dist ." writes "./index.html"); ".." does not.
    QList<QByteArray> parts;
    for (const QByteArray& part : stored.split('/')) {
        if (part == "..")
            return withProblem(name, P::Unsafe, QStringLiteral("climbs out of the build with \"..\""));
        if (part.isEmpty() || part == ".")
            continue;
        if (part.size() > limits::BuildNamePartBytes)
            return withProblem(name, P::Unrepresentable,
                               QStringLiteral("has a name longer than %1 bytes, which phone file systems cannot store")
                                   .arg(limits::BuildNamePartBytes));
        parts << part;
    }
    const QByteArray joined = parts.join('/');
    if (joined.size() > limits::BuildNameBytes)
        return withProblem(
            name, P::Unrepresentable,
            QStringLiteral("is longer than %1 bytes, more than a phone can open").arg(limits::BuildNameBytes));
    name.path = QString::fromUtf8(joined);
    return name;
}

} // namespace slipway::bundle
