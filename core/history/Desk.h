#pragma once

#include "common/Result.h"

#include <QString>

namespace slipway::history {

// Where a history write comes from: the OS user and host name of the process, "USER@HOST". Each audit chain entry
// names the desk that wrote it, and each release the desk that started it, so a team sharing one history sees who
// did what from where. $SLIPWAY_DESK names the desk instead (a CI runner behind a generic host name, tests of
// several desks on one machine).
class Desk
{
public:
    // $SLIPWAY_DESK when set (an error when it is not USER@HOST in printable text), otherwise this process's.
    [[nodiscard]] static Result<QString> current();
};

} // namespace slipway::history
