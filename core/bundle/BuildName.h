#pragma once

#include <QByteArray>
#include <QString>

namespace slipway::bundle {

// The one rule for the names in a build, whatever it comes from (a folder, zip, tar.*, 7z): it is
// applied to the names exactly as stored, before any library interprets them, so nothing is renamed,
// moved or dropped on the way into the bundle.
struct BuildName
{
    enum class Problem {
        None,
        Unsafe,          // could write outside the app's folder on a phone: "..", absolute, backslash, NUL
        Unrepresentable, // a Capgo zip cannot carry it as it is: not UTF-8, too long, no name
    };
    QString path; // the name relative to the build: '/'-separated, without "." parts or a trailing '/'
    Problem problem = Problem::None;
    QString reason; // what is wrong, in plain words ("is an absolute path")
    QString shown;  // the stored name for messages, undecodable bytes written as \xNN

    // `stored` is the name as the folder or archive holds it (UTF-8 expected; a zip folder ends with '/').
    // `encodingError` is set by a format whose own name encoding is broken (a 7z name that is not UTF-16).
    [[nodiscard]] static BuildName check(const QByteArray& stored, const QString& encodingError = {});
    // True for well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points past U+10FFFF).
    [[nodiscard]] static bool isUtf8(const QByteArray& bytes);
    // The bytes as text for a message: valid UTF-8 as is, every other byte as \xNN.
    [[nodiscard]] static QString shownName(const QByteArray& bytes);
};

} // namespace slipway::bundle
