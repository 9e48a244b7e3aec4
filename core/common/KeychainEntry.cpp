#include "common/KeychainEntry.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <qt6keychain/keychain.h>

#include <utility>

namespace slipway {

namespace {

// QtKeychain jobs are asynchronous; a nested event loop waits for the answer.
template <typename Job> void runJob(Job& job)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

Error unusable(const QKeychain::Job& job)
{
    return fail(QStringLiteral("the OS keychain (Secret Service) is not usable here: %1").arg(job.errorString()));
}

Error noApplication()
{
    return fail(QStringLiteral("the OS keychain needs a running application"));
}

} // namespace

KeychainEntry::KeychainEntry(QString service, QString account) : m_service(std::move(service)), m_account(std::move(account))
{
}

Result<std::optional<SecureBytes>> KeychainEntry::read() const
{
    if (QCoreApplication::instance() == nullptr)
        return noApplication();
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(m_account);
    runJob(job);
    if (job.error() == QKeychain::EntryNotFound)
        return std::optional<SecureBytes>{};
    if (job.error() != QKeychain::NoError)
        return unusable(job);
    QByteArray data = job.binaryData();
    return std::optional<SecureBytes>{SecureBytes(std::move(data))};
}

Status KeychainEntry::write(const SecureBytes& value) const
{
    if (QCoreApplication::instance() == nullptr)
        return noApplication();
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(m_account);
    job.setBinaryData(value.bytes());
    runJob(job);
    if (job.error() != QKeychain::NoError)
        return unusable(job);
    return Ok{};
}

Status KeychainEntry::remove() const
{
    if (QCoreApplication::instance() == nullptr)
        return Ok{};
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(m_account);
    runJob(job);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return unusable(job);
    return Ok{};
}

} // namespace slipway
