#pragma once

#include <QString>

namespace slipway {

// The account running this process, as the history records who did what (a release, a channel
// change): the password database's name first, so a desktop session without $USER is still named.
[[nodiscard]] QString currentOsUser();

} // namespace slipway
