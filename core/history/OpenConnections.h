#pragma once

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QString>

namespace slipway::history {

// POSIX advisory locks belong to a process, not to a descriptor: closing ANY descriptor of the
// history file drops every lock SQLite holds on it through this process's connections, and another
// process (the CLI beside the GUI) may then checkpoint and delete the WAL under them, which they
// then read as a damaged file. So the file is read raw only while this process has no other
// connection to it; connections register before SQLite opens the file.
class OpenConnections
{
public:
    static void add(const QString& path);
    static void remove(const QString& path);
    // Runs `read` unless more than `own` connections of this process have `path` open.
    template <typename Read> static bool readRaw(const QString& path, int own, Read read)
    {
        const QMutexLocker lock(&s_mutex);
        if (s_counts.value(path) > own)
            return false;
        read();
        return true;
    }

private:
    static inline QMutex s_mutex;
    static inline QHash<QString, int> s_counts;
};

} // namespace slipway::history
