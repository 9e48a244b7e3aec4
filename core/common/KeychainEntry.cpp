#include "common/KeychainEntry.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QEventLoop>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>
#include <optional>
#include <thread>
#include <utility>

namespace slipway {

namespace {

// Secrets the user chose to keep in memory for this session only (no usable keyring).
struct SessionSecrets
{
    QMutex mutex;
    bool enabled = false;
    QHash<QString, SecureBytes> values;
};

SessionSecrets& session()
{
    static SessionSecrets s;
    return s;
}

QString sessionKey(const QString& service, const QString& account)
{
    return service + QLatin1Char('\n') + account;
}

// QtKeychain jobs are asynchronous; a nested event loop waits for the answer, the time limit or a
// cancel. A job that did not answer is left to finish (and delete itself) later: its backend may
// still call back into it.
// QtKeychain's backend keeps per-thread state: after jobs from two short-lived threads, a job started from a third
// never answered. Every job therefore runs on one long-lived thread of its own; the caller waits in an event loop
// of its own (a window keeps painting meanwhile).
QObject* keychainHome()
{
    static QObject* home = [] {
        auto* thread = new QThread; // lives as long as the process
        thread->setObjectName(QStringLiteral("keychain"));
        thread->start();
        auto* object = new QObject;
        object->moveToThread(thread);
        return object;
    }();
    return home;
}

template <typename Work>
auto onKeychainThread(Work work) -> decltype(work())
{
    QObject* home = keychainHome();
    if (QThread::currentThread() == home->thread())
        return work();
    std::optional<decltype(work())> answer;
    std::atomic_bool done{false};
    QMetaObject::invokeMethod(home, [&] {
        answer.emplace(work());
        done = true;
    });
    // A thread with an event loop keeps serving its events meanwhile (a window keeps painting).
    const bool hasLoop = QThread::currentThread()->eventDispatcher() != nullptr;
    while (!done.load()) {
        if (hasLoop)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        std::this_thread::sleep_for(std::chrono::milliseconds(hasLoop ? 2 : 5));
    }
    return std::move(*answer);
}

template <typename Job>
std::optional<Error> runJob(Job* job, std::chrono::milliseconds timeout, const std::atomic_bool* cancel)
{
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer limit;
    limit.setSingleShot(true);
    QObject::connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (cancel != nullptr && cancel->load())
            loop.quit();
    });
    job->start();
    limit.start(timeout);
    poll.start(50);
    if (!finished)
        loop.exec();
    if (finished)
        return std::nullopt;
    QObject::disconnect(job, nullptr, &loop, nullptr);
    job->setAutoDelete(true);
    if (cancel != nullptr && cancel->load())
        return fail(QStringLiteral("the keychain request was cancelled"), KeychainEntry::CancelledCode);
    return fail(QStringLiteral("the OS keychain did not answer within %1 seconds (the keyring service is stuck, or it "
                               "waits for a password window)")
                    .arg(timeout.count() / 1000),
                KeychainEntry::NoAnswerCode);
}

Error unusable(const QKeychain::Job& job)
{
    return fail(QStringLiteral("the OS keychain (Secret Service) is not usable here: %1").arg(job.errorString()));
}

Error noApplication()
{
    return fail(QStringLiteral("the OS keychain needs a running application"));
}

// One Secret Service call on the session bus, bounded by `timeout`.
QDBusMessage secretServiceCall(const QDBusConnection& bus, const QString& path, const QString& interface,
                               const QString& method, const QVariantList& args, std::chrono::milliseconds timeout)
{
    QDBusMessage call =
        QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.secrets"), path, interface, method);
    call.setArguments(args);
    return bus.call(call, QDBus::Block, int(timeout.count()));
}

} // namespace

KeychainEntry::KeychainEntry(QString service, QString account)
    : m_service(std::move(service)), m_account(std::move(account))
{
}

Result<std::optional<SecureBytes>> KeychainEntry::read() const
{
    {
        SessionSecrets& s = session();
        const QMutexLocker lock(&s.mutex);
        const auto kept = s.values.constFind(sessionKey(m_service, m_account));
        if (kept != s.values.constEnd())
            return std::optional<SecureBytes>{kept.value()};
    }
    if (QCoreApplication::instance() == nullptr)
        return noApplication();
    return onKeychainThread([this]() -> Result<std::optional<SecureBytes>> { return readFromKeyring(); });
}

Result<std::optional<SecureBytes>> KeychainEntry::readFromKeyring() const
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    std::unique_ptr<QKeychain::ReadPasswordJob> owned(job);
    job->setKey(m_account);
    if (auto error = runJob(job, m_timeout, m_cancel)) {
        (void)owned.release(); // it deletes itself when its backend is done with it
        return *error;
    }
    if (job->error() == QKeychain::EntryNotFound)
        return std::optional<SecureBytes>{};
    if (job->error() != QKeychain::NoError)
        return unusable(*job);
    QByteArray data = job->binaryData();
    return std::optional<SecureBytes>{SecureBytes(std::move(data))};
}

Status KeychainEntry::write(const SecureBytes& value) const
{
    {
        SessionSecrets& s = session();
        const QMutexLocker lock(&s.mutex);
        if (s.enabled) {
            s.values.insert(sessionKey(m_service, m_account), value);
            return Ok{};
        }
    }
    if (QCoreApplication::instance() == nullptr)
        return noApplication();
    return onKeychainThread([this, &value]() -> Status { return writeToKeyring(value); });
}

Status KeychainEntry::writeToKeyring(const SecureBytes& value) const
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    std::unique_ptr<QKeychain::WritePasswordJob> owned(job);
    job->setKey(m_account);
    job->setBinaryData(value.bytes());
    if (auto error = runJob(job, m_timeout, m_cancel)) {
        (void)owned.release();
        return *error;
    }
    if (job->error() != QKeychain::NoError)
        return unusable(*job);
    return Ok{};
}

Status KeychainEntry::remove() const
{
    {
        SessionSecrets& s = session();
        const QMutexLocker lock(&s.mutex);
        s.values.remove(sessionKey(m_service, m_account));
        if (s.enabled)
            return Ok{};
    }
    if (QCoreApplication::instance() == nullptr)
        return Ok{};
    return onKeychainThread([this]() -> Status { return removeFromKeyring(); });
}

Status KeychainEntry::removeFromKeyring() const
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    std::unique_ptr<QKeychain::DeletePasswordJob> owned(job);
    job->setKey(m_account);
    if (auto error = runJob(job, m_timeout, m_cancel)) {
        (void)owned.release();
        return *error;
    }
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
        return unusable(*job);
    return Ok{};
}

QString KeychainEntry::keyringProblem()
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return QStringLiteral("there is no desktop session bus (D-Bus) here, so no keyring can be reached");
    const QString name = QStringLiteral("org.freedesktop.secrets");
    QDBusConnectionInterface* daemon = bus.interface();
    if (daemon == nullptr)
        return {};
    const bool running = daemon->isServiceRegistered(name).value();
    if (!running && !daemon->activatableServiceNames().value().contains(name))
        return QStringLiteral("no keyring service (Secret Service) runs in this session");
    const QDBusMessage alias = secretServiceCall(
        bus, QStringLiteral("/org/freedesktop/secrets"), QStringLiteral("org.freedesktop.Secret.Service"),
        QStringLiteral("ReadAlias"), {QStringLiteral("default")}, DefaultTimeout);
    if (alias.type() == QDBusMessage::ErrorMessage) {
        if (alias.errorName() == QLatin1String("org.freedesktop.DBus.Error.NoReply") ||
            alias.errorName() == QLatin1String("org.freedesktop.DBus.Error.Timeout"))
            return QStringLiteral("the keyring service does not answer");
        return {}; // another kind of keyring: let the write itself say what it thinks
    }
    const QString collection = alias.arguments().value(0).value<QDBusObjectPath>().path();
    if (collection.isEmpty() || collection == QLatin1String("/"))
        return QStringLiteral("there is no keyring yet: making one opens a system window asking for a new password");
    const QDBusMessage locked = secretServiceCall(
        bus, collection, QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"),
        {QStringLiteral("org.freedesktop.Secret.Collection"), QStringLiteral("Locked")}, DefaultTimeout);
    if (locked.type() == QDBusMessage::ErrorMessage)
        return locked.errorName() == QLatin1String("org.freedesktop.DBus.Error.NoReply")
                   ? QStringLiteral("the keyring service does not answer")
                   : QString();
    if (locked.arguments().value(0).value<QDBusVariant>().variant().toBool())
        return QStringLiteral("the keyring is locked: unlocking it opens a system window asking for its password");
    return {};
}

void KeychainEntry::keepSecretsForSessionOnly(bool enabled)
{
    SessionSecrets& s = session();
    const QMutexLocker lock(&s.mutex);
    s.enabled = enabled;
    if (!enabled)
        s.values.clear();
}

bool KeychainEntry::secretsKeptForSessionOnly()
{
    SessionSecrets& s = session();
    const QMutexLocker lock(&s.mutex);
    return s.enabled;
}

} // namespace slipway
