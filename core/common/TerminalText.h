#pragma once

#include <QString>
#include <QStringView>

namespace slipway {

// Text that came from outside (a phone, a file, a server) is shown to people only through these, so it
// can never move the cursor, recolour a terminal, hide text or reorder a line.

// True for a character that must not reach a terminal as is: C0/C1 controls and DEL, Unicode format characters
// (bidirectional overrides, zero-width joiners), line and paragraph separators, and unpaired surrogates.
[[nodiscard]] bool isUnprintable(char32_t codePoint);
[[nodiscard]] bool hasUnprintable(QStringView text);

// The text with every unprintable character written as an escape: "\x1b", "\u202e".
[[nodiscard]] QString printableText(QStringView text);

} // namespace slipway
