#pragma once

#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace slipway::history {

// Hears a PostgreSQL history's announcements (HistoryNotifier) on a connection and a thread of its own, so that
// neither connecting nor a lost server ever holds up the window: releaseChanged(id) once a write that touched that
// release (or one of its steps) has committed, from any desk, CLI or `serve`; everythingChanged() after an import,
// and when the connection came back after being lost (what was announced meanwhile went unheard). A lost server is
// noticed by a trivial query every few seconds and the connection is opened again at the same pace; the history's
// tables are never polled. For a file (SQLite) it does nothing.
class HistoryListener : public QObject
{
    Q_OBJECT
public:
    // Starts listening at once (when `location` is a PostgreSQL address).
    explicit HistoryListener(const QString& location, QObject* parent = nullptr);
    ~HistoryListener() override;
    HistoryListener(const HistoryListener&) = delete;
    HistoryListener& operator=(const HistoryListener&) = delete;

    [[nodiscard]] static bool canListen(const QString& location);
    [[nodiscard]] const QString& location() const { return m_location; }
    // Whether the connection is open and subscribed now.
    [[nodiscard]] bool isListening() const { return m_listening.load(); }

    // How often a lost server is noticed and tried again.
    static constexpr int CheckIntervalMs = 5000;

Q_SIGNALS:
    void releaseChanged(qint64 releaseId);
    void everythingChanged();
    void listening();
    void lost(const QString& why);

private:
    friend class ListenerConnection;

    QString m_location;
    QThread* m_thread = nullptr;
    std::atomic_bool m_listening{false};
};

} // namespace slipway::history
