#include "history/HistoryListener.h"

#include "history/HistoryDatabase.h"
#include "history/HistoryNotifier.h"
#include "history/ServerLogin.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUrl>

namespace slipway::history {

namespace {
QAtomicInteger<quint64> s_listenerCounter;
} // namespace

// Lives on the listener's thread: its connection is opened, used and closed there.
class ListenerConnection : public QObject
{
public:
    ListenerConnection(HistoryListener* owner, QUrl address)
        : m_owner(owner), m_address(std::move(address)), m_check(new QTimer(this))
    {
        m_check->setInterval(HistoryListener::CheckIntervalMs);
        connect(m_check, &QTimer::timeout, this, &ListenerConnection::check);
    }

    ~ListenerConnection() override { close(); }
    ListenerConnection(const ListenerConnection&) = delete;
    ListenerConnection& operator=(const ListenerConnection&) = delete;

    void start()
    {
        open();
        m_check->start();
    }

private:
    void open()
    {
        m_name = QStringLiteral("slipway-history-listener-%1").arg(s_listenerCounter.fetchAndAddRelaxed(1));
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
        ServerLogin::configure(m_db, m_address);
        // Named for the server's administrators (pg_stat_activity) and for tests that cut it.
        m_db.setConnectOptions(m_db.connectOptions() + QStringLiteral(";application_name=slipway-listener"));
        if (!ServerLogin::open(m_db, m_address)) {
            lose(m_db.lastError().text());
            return;
        }
        QSqlDriver* driver = m_db.driver();
        connect(driver, &QSqlDriver::notification, this,
                [this](const QString& name, QSqlDriver::NotificationSource, const QVariant& payload) {
                    if (name != HistoryNotifier::Channel)
                        return;
                    const auto id = HistoryNotifier::releaseIn(payload.toString());
                    if (!id)
                        return;
                    if (*id == 0)
                        Q_EMIT m_owner->everythingChanged();
                    else
                        Q_EMIT m_owner->releaseChanged(*id);
                });
        if (!driver->subscribeToNotification(HistoryNotifier::Channel)) {
            lose(driver->lastError().text());
            return;
        }
        m_owner->m_listening = true;
        Q_EMIT m_owner->listening();
        if (m_wasLost)
            Q_EMIT m_owner->everythingChanged();
    }

    void check()
    {
        if (!m_db.isOpen()) {
            if (m_owner->m_listening)
                lose(QStringLiteral("the server closed the connection")); // Qt's driver closed it on a dead socket
            else
                open();
            return;
        }
        QString why;
        {
            QSqlQuery q(m_db);
            if (!q.exec(QStringLiteral("SELECT 1")))
                why = q.lastError().text();
        }
        if (!why.isEmpty())
            lose(why);
    }

    void lose(const QString& why)
    {
        const bool was = m_owner->m_listening.exchange(false);
        close();
        if (was || !m_wasLost) {
            m_wasLost = true;
            Q_EMIT m_owner->lost(why.trimmed());
        }
    }

    void close()
    {
        if (!m_db.isValid())
            return;
        if (m_db.isOpen())
            m_db.driver()->unsubscribeFromNotification(HistoryNotifier::Channel);
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }

    HistoryListener* m_owner;
    QUrl m_address;
    QString m_name; // a new one for each connection: the lost one's name may linger until its last query is gone
    QTimer* m_check;
    QSqlDatabase m_db;
    bool m_wasLost = false;
};

bool HistoryListener::canListen(const QString& location)
{
    return HistoryDatabase::isServerLocation(location) && ServerLogin::parse(location).ok();
}

HistoryListener::HistoryListener(const QString& location, QObject* parent) : QObject(parent), m_location(location)
{
    auto address = ServerLogin::parse(location);
    if (!HistoryDatabase::isServerLocation(location) || !address)
        return;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("history listener"));
    auto* connection = new ListenerConnection(this, address.value());
    connection->moveToThread(m_thread);
    connect(m_thread, &QThread::started, connection, &ListenerConnection::start);
    // Deleted on its own thread, before that thread ends: the connection closes where it was opened.
    connect(m_thread, &QThread::finished, connection, [connection] { delete connection; }, Qt::DirectConnection);
    m_thread->start();
}

HistoryListener::~HistoryListener()
{
    if (!m_thread)
        return;
    m_thread->quit();
    // A connection attempt still waiting for an unreachable server ends within ServerLogin's timeout.
    m_thread->wait();
    delete m_thread;
}

} // namespace slipway::history
