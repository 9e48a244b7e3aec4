#include "registry/CapgoApiKey.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <qt6keychain/keychain.h>

namespace slipway::registry {

namespace {

const QString kService = QStringLiteral("slipway-capgo");

// QtKeychain jobs are asynchronous; registrars run on a worker or the CLI thread, which may block.
template <typename Job> void runJob(Job& job)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

} // namespace

Result<CapgoApiKey::Resolved> CapgoApiKey::resolve(const QString& profileName)
{
    QByteArray fromEnv = qgetenv("CAPGO_TOKEN").trimmed();
    if (!fromEnv.isEmpty())
        return Resolved{SecureBytes(std::move(fromEnv)), QStringLiteral("CAPGO_TOKEN")};
    if (profileName.isEmpty()) {
        return fail(
            QStringLiteral("No Capgo API key: set the environment variable CAPGO_TOKEN, or use a registrar profile "
                           "whose key is in the OS keychain ('slipway registrar add NAME --capgo --api-key-stdin')."),
            2);
    }
    QString why;
    if (!QCoreApplication::instance()) {
        why = QStringLiteral("the keychain needs a running application");
    } else {
        QKeychain::ReadPasswordJob job(kService);
        job.setKey(profileName);
        runJob(job);
        if (job.error() == QKeychain::NoError && !job.binaryData().isEmpty()) {
            QByteArray data = job.binaryData();
            return Resolved{SecureBytes(std::move(data)), QStringLiteral("keychain")};
        }
        why = job.error() == QKeychain::EntryNotFound
                  ? QStringLiteral(
                        "the keychain holds no key for profile '%1'; if your keyring is locked, unlock it first")
                        .arg(profileName)
                  : QStringLiteral("the OS keychain (Secret Service) is not usable here: %1").arg(job.errorString());
    }
    return fail(
        QStringLiteral("No Capgo API key for registrar profile '%1': set the environment variable CAPGO_TOKEN, or "
                       "store the key in the OS keychain with 'echo KEY | slipway registrar add %1 --capgo "
                       "--api-key-stdin' (%2).")
            .arg(profileName, why),
        2);
}

Status CapgoApiKey::storeInKeychain(const QString& profileName, const SecureBytes& key)
{
    if (!QCoreApplication::instance())
        return fail(QStringLiteral("The OS keychain needs a running application."));
    QKeychain::WritePasswordJob job(kService);
    job.setKey(profileName);
    job.setBinaryData(key.bytes());
    runJob(job);
    if (job.error() != QKeychain::NoError)
        return fail(
            QStringLiteral("Cannot store the Capgo API key in the OS keychain (%1). Set CAPGO_TOKEN in the environment "
                           "instead.")
                .arg(job.errorString()));
    return Ok{};
}

Status CapgoApiKey::removeFromKeychain(const QString& profileName)
{
    if (!QCoreApplication::instance())
        return Ok{};
    QKeychain::DeletePasswordJob job(kService);
    job.setKey(profileName);
    runJob(job);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return fail(QStringLiteral("Cannot remove the Capgo API key from the OS keychain: %1").arg(job.errorString()));
    return Ok{};
}

} // namespace slipway::registry
