#include "common/OsUser.h"

#include <pwd.h>
#include <unistd.h>

namespace slipway {

QString currentOsUser()
{
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name && *pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
}

} // namespace slipway
