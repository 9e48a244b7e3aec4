#include "common/TerminalText.h"

#include <QChar>

namespace slipway {

namespace {

// Calls f(codePoint) for each code point; an unpaired surrogate is passed as itself (QString::toUcs4 would turn
// it into U+FFFD and hide it).
template <typename F> void forEachCodePoint(QStringView text, F&& f)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        f(c);
    }
}

} // namespace

bool isUnprintable(char32_t codePoint)
{
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0))
        return true;
    if (codePoint > QChar::LastValidCodePoint || QChar::isSurrogate(codePoint))
        return true;
    switch (QChar::category(codePoint)) {
    case QChar::Other_Format:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return false;
    }
}

bool hasUnprintable(QStringView text)
{
    bool found = false;
    forEachCodePoint(text, [&found](char32_t c) { found = found || isUnprintable(c); });
    return found;
}

QString printableText(QStringView text)
{
    QString out;
    out.reserve(text.size());
    forEachCodePoint(text, [&out](char32_t c) {
        if (!isUnprintable(c))
            out.append(QString::fromUcs4(&c, 1));
        else if (c < 0x100)
            out.append(QStringLiteral("\\x%1").arg(static_cast<uint>(c), 2, 16, QLatin1Char('0')));
        else
            out.append(QStringLiteral("\\u%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0')));
    });
    return out;
}

} // namespace slipway
