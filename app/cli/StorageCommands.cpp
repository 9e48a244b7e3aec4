// slipway storage add | list | test | remove | presign, and slipway upload
#include "cli/CliSupport.h"
#include "cli/KeyLoading.h"
#include "cli/CommandRegistry.h"
#include "cli/InterruptGuard.h"
#include "common/ByteSize.h"
#include "storage/ObjectSetUpload.h"
#include "storage/S3Storage.h"
#include "storage/SftpStorage.h"
#include "storage/StorageFactory.h"
#include "storage/StorageProfile.h"
#include "storage/StorageSecrets.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace slipway::cli {

namespace {

using namespace storage;

// "95.3 MiB/s, about 2 s left": the rate of the bytes on the wire so far, and the time the rest takes at it.
QString rateAndTimeLeft(qint64 done, qint64 total, qint64 elapsedMs)
{
    if (done <= 0 || elapsedMs < 200)
        return QStringLiteral("starting");
    const double perSecond = static_cast<double>(done) * 1000.0 / static_cast<double>(elapsedMs);
    const auto left = static_cast<qint64>(std::llround(static_cast<double>(total - done) / perSecond));
    QString rate = humanByteSize(static_cast<qint64>(perSecond)) + QStringLiteral("/s");
    if (done >= total)
        return rate;
    return left >= 60 ? QStringLiteral("%1, about %2 min %3 s left").arg(rate).arg(left / 60).arg(left % 60)
                      : QStringLiteral("%1, about %2 s left").arg(rate).arg(left);
}

// Progress on stderr (stdout stays clean for --json): one line per 10% when not a terminal.
ProgressFn progressPrinter(bool quiet, const QString& what)
{
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    auto lastTenth = std::make_shared<int>(-1);
    auto clock = std::make_shared<QElapsedTimer>();
    auto lastDraw = std::make_shared<qint64>(-1000);
    return [=](qint64 done, qint64 total) {
        if (InterruptGuard::interrupted())
            return false;
        if (quiet || total <= 0)
            return true;
        if (!clock->isValid())
            clock->start();
        const qint64 elapsed = clock->elapsed();
        const int percent = static_cast<int>(done * 100 / total);
        if (tty) {
            if (done < total && elapsed - *lastDraw < 200)
                return true;
            *lastDraw = elapsed;
            printErrorText(QStringLiteral("\r\x1b[K%1: %2% of %3, %4")
                               .arg(what)
                               .arg(percent, 3)
                               .arg(humanByteSize(total), rateAndTimeLeft(done, total, elapsed))
                           + (done >= total ? QStringLiteral("\n") : QString()));
        } else if (percent / 10 != *lastTenth) {
            *lastTenth = percent / 10;
            printErrorLine(QStringLiteral("%1: %2% (%3 of %4 bytes, %5)")
                               .arg(what)
                               .arg(percent)
                               .arg(done)
                               .arg(total)
                               .arg(rateAndTimeLeft(done, total, elapsed)));
        }
        return true;
    };
}

QString kindName(StorageKind kind)
{
    switch (kind) {
    case StorageKind::Folder:
        return QStringLiteral("folder");
    case StorageKind::S3:
        return QStringLiteral("s3");
    case StorageKind::WebDav:
        return QStringLiteral("webdav");
    case StorageKind::Sftp:
        return QStringLiteral("sftp");
    }
    return {};
}

int storageAdd(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("storage add"),
                    QStringLiteral("Saves a storage profile (only its non-secret parts; secrets go to the OS keychain)."));
    cmd.addPositional(QStringLiteral("name"), QStringLiteral("Profile name, e.g. prod-cdn."));
    cmd.addOption({QStringLiteral("url"),
                   QStringLiteral("s3://BUCKET/PREFIX?endpoint=URL&region=R&style=path|virtual, https://HOST/PATH (WebDAV/PUT), "
                                  "sftp://USER@HOST:PORT/PATH or file:///PATH."),
                   QStringLiteral("url")});
    cmd.addOption({QStringLiteral("public-base-url"), QStringLiteral("Where devices download from (e.g. a CDN in front of the target)."),
                   QStringLiteral("url")});
    cmd.addOption({QStringLiteral("host-key"), QStringLiteral("SFTP: the server's pinned host key, SHA256:... (ssh-keygen -l)."),
                   QStringLiteral("fingerprint")});
    cmd.addOption({QStringLiteral("key"), QStringLiteral("SFTP: private key file (ed25519 or ECDSA)."), QStringLiteral("file")});
    cmd.addOption({QStringLiteral("access-key-id"), QStringLiteral("S3: access key ID to store in the keychain with --secret-stdin."),
                   QStringLiteral("id")});
    cmd.addOption({QStringLiteral("secret-stdin"),
                   QStringLiteral("Read the secret (S3 secret access key, WebDAV password or token, SFTP key passphrase) from "
                                  "stdin and store it in the OS keychain.")});
    cmd.addOption({QStringLiteral("token"), QStringLiteral("WebDAV: the secret read from stdin is a bearer token.")});
    cmd.addOption({QStringLiteral("no-check"), QStringLiteral("Save without connecting (SFTP then needs --host-key).")});
    if (!cmd.parse(args, 1, 1))
        return cmd.exitCode();
    if (!cmd.require({QStringLiteral("url")}))
        return cmd.exitCode();
    const QString name = cmd.positional().first();
    if (auto valid = StorageProfile::validateName(name); !valid)
        return reportError(valid.error());
    auto parsed = StorageProfile::fromUrl(name, cmd.value(QStringLiteral("url")), cmd.value(QStringLiteral("public-base-url")));
    if (!parsed)
        return reportError(parsed.error());
    StorageProfile profile = parsed.value();
    if (cmd.isSet(QStringLiteral("host-key")))
        profile.setOption(QStringLiteral("host-key"), cmd.value(QStringLiteral("host-key")));
    if (cmd.isSet(QStringLiteral("key")))
        profile.setOption(QStringLiteral("key"), QFileInfo(cmd.value(QStringLiteral("key"))).absoluteFilePath());
    if (auto again = StorageProfile::fromUrl(name, profile.url.toString(QUrl::FullyEncoded), cmd.value(QStringLiteral("public-base-url"))); !again)
        return reportError(again.error());

    if (cmd.isSet(QStringLiteral("secret-stdin"))) {
        StorageSecrets secrets;
        auto read = readSecretFromStdin(QStringLiteral("--secret-stdin"));
        if (!read)
            return reportError(read.error().message, ExitUsage);
        SecureBytes secret = std::move(read).value();
        switch (profile.kind()) {
        case StorageKind::S3:
            if (!cmd.isSet(QStringLiteral("access-key-id")))
                return reportError(QStringLiteral("S3 needs --access-key-id with --secret-stdin."), ExitUsage);
            secrets.accessKeyId = cmd.value(QStringLiteral("access-key-id"));
            secrets.secretAccessKey = secret;
            break;
        case StorageKind::WebDav:
            (cmd.isSet(QStringLiteral("token")) ? secrets.token : secrets.password) = secret;
            break;
        case StorageKind::Sftp:
            secrets.keyPassphrase = secret;
            break;
        case StorageKind::Folder:
            return reportError(QStringLiteral("A folder target has no secret."), ExitUsage);
        }
        if (auto stored = StorageSecrets::storeInKeychain(name, secrets); !stored)
            return reportError(stored.error());
    }

    if (profile.kind() == StorageKind::Sftp && profile.option(QStringLiteral("host-key")).isEmpty()) {
        // The fingerprint must be confirmed by a person or given explicitly: never trusted silently.
        auto target = openProfile(profile);
        if (!target)
            return reportError(target.error());
        auto fingerprint = static_cast<SftpStorage*>(target.value().get())->fetchHostKey();
        if (!fingerprint)
            return reportError(fingerprint.error());
        if (!::isatty(STDIN_FILENO) || cmd.isSet(QStringLiteral("secret-stdin")))
            return reportError(QStringLiteral("The SFTP server %1:%2 presents the host key %3. Check it against the server "
                                              "('ssh-keygen -l -f /etc/ssh/ssh_host_ed25519_key.pub' there), then run this "
                                              "command again with --host-key %3.")
                                   .arg(profile.url.host())
                                   .arg(profile.url.port(22))
                                   .arg(fingerprint.value()));
        printErrorLine(QStringLiteral("The SFTP server %1:%2 presents the host key\n  %3\nTrust it? Type yes to pin it: ")
                           .arg(profile.url.host())
                           .arg(profile.url.port(22))
                           .arg(fingerprint.value()));
        QTextStream in(stdin);
        if (in.readLine().trimmed().toLower() != QLatin1String("yes"))
            return reportError(QStringLiteral("The host key was not confirmed; nothing was saved."));
        profile.setOption(QStringLiteral("host-key"), fingerprint.value());
    }
    if (auto saved = StorageProfileStore::save(profile); !saved)
        return reportError(saved.error());
    printLine(QStringLiteral("Saved storage profile '%1': %2").arg(name, profile.url.toString()));
    if (!cmd.isSet(QStringLiteral("no-check")))
        printLine(QStringLiteral("Check it with: slipway storage test %1").arg(name));
    return ExitOk;
}

int storageList(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("storage list"), QStringLiteral("Lists the saved storage profiles."));
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!cmd.parse(args))
        return cmd.exitCode();
    auto profiles = StorageProfileStore::load();
    if (!profiles)
        return reportError(profiles.error());
    if (cmd.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const auto& p : profiles.value()) {
            QJsonObject o = p.toJson();
            o.insert(QStringLiteral("kind"), kindName(p.kind()));
            array.append(o);
        }
        printJson(QJsonObject{{QStringLiteral("profiles"), array}});
        return ExitOk;
    }
    if (profiles->isEmpty()) {
        printLine(QStringLiteral("No storage profiles yet: add one with 'slipway storage add NAME --url URL'."));
        return ExitOk;
    }
    for (const auto& p : profiles.value()) {
        QString line = QStringLiteral("%1  %2  %3").arg(p.name, -16).arg(kindName(p.kind()), -7).arg(p.url.toString());
        if (!p.publicBaseUrl.isEmpty())
            line += QStringLiteral("  (public: %1)").arg(p.publicBaseUrl.toString());
        printLine(line);
    }
    return ExitOk;
}

int storageRemove(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("storage remove"), QStringLiteral("Deletes a storage profile and its keychain secret."));
    cmd.addPositional(QStringLiteral("name"), QStringLiteral("Profile name."));
    if (!cmd.parse(args, 1, 1))
        return cmd.exitCode();
    const QString name = cmd.positional().first();
    if (auto removed = StorageProfileStore::remove(name); !removed)
        return reportError(removed.error());
    if (auto forgotten = StorageSecrets::removeFromKeychain(name); !forgotten)
        printErrorLine(QStringLiteral("slipway: warning: the keychain secret of '%1' could not be deleted: %2").arg(name, forgotten.error().message));
    printLine(QStringLiteral("Removed storage profile '%1'.").arg(name));
    return ExitOk;
}

int storageTest(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("storage test"),
                    QStringLiteral("Writes, reads back and deletes a small object, and says exactly which step failed."));
    cmd.addPositional(QStringLiteral("name"), QStringLiteral("Profile name or storage URL."));
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!cmd.parse(args, 1, 1))
        return cmd.exitCode();
    const bool json = cmd.isSet(QStringLiteral("json"));
    QJsonArray steps;
    auto step = [&](const QString& what, const Status& status) {
        steps.append(QJsonObject{{QStringLiteral("step"), what},
                                 {QStringLiteral("ok"), status.ok()},
                                 {QStringLiteral("error"), status.ok() ? QString() : status.error().message}});
        if (!json)
            printLine(status.ok() ? QStringLiteral("ok      %1").arg(what) : QStringLiteral("FAILED  %1: %2").arg(what, status.error().message));
        return status.ok();
    };
    auto finish = [&](bool ok) {
        if (json)
            printJson(QJsonObject{{QStringLiteral("storage"), cmd.positional().first()}, {QStringLiteral("ok"), ok}, {QStringLiteral("steps"), steps}});
        return ok ? int(ExitOk) : int(ExitFailure);
    };

    auto opened = openStorage(cmd.positional().first());
    if (!step(QStringLiteral("open the target and find its credentials"), opened ? Status(Ok{}) : Status(opened.error())))
        return finish(false);
    StorageTarget& target = *opened.value();
    if (!json)
        printLine(QStringLiteral("Testing %1").arg(target.describe()));
    QTemporaryDir work;
    const QByteArray content = "Slipway storage test " + QByteArray::number(QRandomGenerator::global()->generate64(), 16) + '\n';
    const QString local = work.filePath(QStringLiteral("probe.txt"));
    QFile f(local);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return reportError(QStringLiteral("Cannot write a temporary file in %1.").arg(work.path()));
    f.close();
    const QString key = QStringLiteral(".slipway-test/probe-%1.txt").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    if (!step(QStringLiteral("write %1 (%2 bytes)").arg(key).arg(content.size()), target.upload(local, key)))
        return finish(false);
    bool ok = true;
    auto st = target.stat(key);
    Status statOk = st ? (st->size == content.size() ? Status(Ok{})
                                                      : Status(fail(QStringLiteral("the server reports %1 bytes instead of %2").arg(st->size).arg(content.size()))))
                       : Status(st.error());
    ok = step(QStringLiteral("look it up (size)"), statOk) && ok;
    const QString back = work.filePath(QStringLiteral("back.txt"));
    Status readOk = target.download(key, back);
    if (readOk) {
        QFile b(back);
        if (!b.open(QIODevice::ReadOnly) || b.read(content.size() + 1) != content)
            readOk = fail(QStringLiteral("the bytes read back differ from what was written"));
    }
    ok = step(QStringLiteral("read it back and compare"), readOk) && ok;
    ok = step(QStringLiteral("delete it"), target.remove(key)) && ok;
    auto gone = target.exists(key);
    ok = step(QStringLiteral("check that it is gone"),
              gone ? (gone.value() ? Status(fail(QStringLiteral("it is still there after the delete"))) : Status(Ok{})) : Status(gone.error()))
         && ok;
    if (!json)
        printLine(ok ? QStringLiteral("Storage works: devices would download from %1").arg(target.publicUrl(QStringLiteral("BUNDLE.zip")).toString())
                     : QStringLiteral("Storage test failed."));
    return finish(ok);
}

int storagePresign(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("storage presign"), QStringLiteral("Prints a time-limited download URL for an S3 object."));
    cmd.addPositional(QStringLiteral("storage"), QStringLiteral("Profile name or s3:// URL."));
    cmd.addPositional(QStringLiteral("key"), QStringLiteral("Object key."));
    cmd.addOption({QStringLiteral("expires"), QStringLiteral("Validity in seconds (default 3600, at most 604800)."), QStringLiteral("seconds"),
                   QStringLiteral("3600")});
    if (!cmd.parse(args, 2, 2))
        return cmd.exitCode();
    auto opened = openStorage(cmd.positional().first());
    if (!opened)
        return reportError(opened.error());
    auto* s3 = dynamic_cast<S3Storage*>(opened.value().get());
    if (!s3)
        return reportError(QStringLiteral("Presigned URLs exist only for S3 targets."), ExitUsage);
    printLine(s3->presignedGetUrl(cmd.positional().at(1), cmd.value(QStringLiteral("expires")).toInt()).toString(QUrl::FullyEncoded));
    return ExitOk;
}

// upload --objects FOLDER: every file below it, keyed by its relative path under the --as prefix.
int uploadObjects(const CommandLine& cmd)
{
    const QDir folder(cmd.value(QStringLiteral("objects")));
    if (!folder.exists())
        return reportError(QStringLiteral("Cannot read the folder %1: no such folder.").arg(folder.path()));
    QString prefix = cmd.value(QStringLiteral("as"));
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    QList<ObjectUpload> objects;
    QDirIterator it(folder.absolutePath(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = folder.relativeFilePath(path);
        objects.append({path, prefix.isEmpty() ? relative : prefix + QLatin1Char('/') + relative});
    }
    std::sort(objects.begin(), objects.end(), [](const ObjectUpload& a, const ObjectUpload& b) { return a.key < b.key; });
    const QString journal = cmd.isSet(QStringLiteral("journal")) ? cmd.value(QStringLiteral("journal"))
                                                                  : QDir::cleanPath(folder.absolutePath()) + QStringLiteral(".slipway-journal");
    auto opened = openStorage(cmd.value(QStringLiteral("storage")));
    if (!opened)
        return reportError(opened.error());
    StorageTarget& target = *opened.value();
    const int parallel = cmd.isSet(QStringLiteral("parallel")) ? cmd.value(QStringLiteral("parallel")).toInt() : 8;
    if (parallel < 1 || parallel > 64)
        return reportError(QStringLiteral("--parallel must be between 1 and 64."), ExitUsage);
    InterruptGuard interrupts;
    QElapsedTimer timer;
    timer.start();
    const QString what = QStringLiteral("uploading %1 objects").arg(objects.size());
    auto report = ObjectSetUpload(target, parallel, journal).run(objects, progressPrinter(cmd.isSet(QStringLiteral("quiet")), what));
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (!report)
        return reportError(report.error().message, InterruptGuard::interrupted() ? 130 : ExitFailure);
    const QJsonObject result{{QStringLiteral("storage"), target.describe()},
                             {QStringLiteral("prefix"), prefix},
                             {QStringLiteral("objects"), static_cast<int>(objects.size())},
                             {QStringLiteral("sent"), report->sent},
                             {QStringLiteral("skipped"), report->skipped},
                             {QStringLiteral("bytesSent"), report->bytesSent},
                             {QStringLiteral("seconds"), seconds},
                             {QStringLiteral("verified"), true}};
    if (cmd.isSet(QStringLiteral("json"))) {
        printJson(result);
    } else {
        printLine(QStringLiteral("Uploaded %1 objects (%2) to %3 in %4 s, each verified; %5 were already there from an earlier run.")
                      .arg(report->sent)
                      .arg(humanByteSize(report->bytesSent), target.describe())
                      .arg(seconds, 0, 'f', 1)
                      .arg(report->skipped));
    }
    return ExitOk;
}

int upload(const QStringList& args)
{
    CommandLine cmd(QStringLiteral("upload"), QStringLiteral("Uploads a file to a storage target, verifies what landed, and prints its "
                                                             "public URL and SHA-256."));
    cmd.addPositional(QStringLiteral("file"), QStringLiteral("The file to upload (none with --objects)."));
    cmd.addOption({QStringLiteral("storage"), QStringLiteral("Profile name or storage URL."), QStringLiteral("name-or-url")});
    cmd.addOption({QStringLiteral("as"), QStringLiteral("Object key, e.g. bundles/app-1.2.0.zip."), QStringLiteral("key")});
    cmd.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    cmd.addOption({QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")});
    cmd.addOption({QStringLiteral("part-size"), QStringLiteral("S3: multipart part size in MiB (default 16)."), QStringLiteral("MiB")});
    cmd.addOption({QStringLiteral("parallel"), QStringLiteral("S3: parts in flight (default 4); with --objects: objects in flight (default 8)."),
                   QStringLiteral("n")});
    cmd.addOption({QStringLiteral("objects"), QStringLiteral("Upload every file below this folder as an object under the --as prefix, "
                                                             "several at a time; a resumed run skips the objects already proven."),
                   QStringLiteral("folder")});
    cmd.addOption({QStringLiteral("journal"), QStringLiteral("With --objects: where proven objects are recorded (default: "
                                                             "FOLDER.slipway-journal beside the folder)."),
                   QStringLiteral("file")});
    cmd.addOption({QStringLiteral("multipart-threshold"), QStringLiteral("S3: multipart from this size in MiB (default 64)."),
                   QStringLiteral("MiB")});
    if (!cmd.parse(args, 0, 1))
        return cmd.exitCode();
    if (!cmd.require({QStringLiteral("storage"), QStringLiteral("as")}))
        return cmd.exitCode();
    if (cmd.isSet(QStringLiteral("objects")))
        return cmd.positional().isEmpty() ? uploadObjects(cmd)
                                          : reportError(QStringLiteral("Give either a file or --objects FOLDER, not both."), ExitUsage);
    if (cmd.positional().isEmpty())
        return reportError(QStringLiteral("Give the file to upload, or --objects FOLDER."), ExitUsage);
    const QString file = cmd.positional().first();
    const QString key = cmd.value(QStringLiteral("as"));
    if (!QFileInfo(file).isFile())
        return reportError(QStringLiteral("Cannot read %1: no such file.").arg(file));
    auto opened = openStorage(cmd.value(QStringLiteral("storage")));
    if (!opened)
        return reportError(opened.error());
    StorageTarget& target = *opened.value();
    if (auto* s3 = dynamic_cast<S3Storage*>(&target)) {
        if (cmd.isSet(QStringLiteral("part-size")))
            s3->setPartSize(cmd.value(QStringLiteral("part-size")).toLongLong() * 1024 * 1024);
        if (cmd.isSet(QStringLiteral("parallel")))
            s3->setParallelParts(cmd.value(QStringLiteral("parallel")).toInt());
        if (cmd.isSet(QStringLiteral("multipart-threshold")))
            s3->setMultipartThreshold(cmd.value(QStringLiteral("multipart-threshold")).toLongLong() * 1024 * 1024);
    }
    const qint64 size = QFileInfo(file).size();
    InterruptGuard interrupts;
    QElapsedTimer timer;
    timer.start();
    auto uploaded = target.uploadFile(file, key, progressPrinter(cmd.isSet(QStringLiteral("quiet")), QStringLiteral("uploading %1").arg(key)));
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (!uploaded)
        return reportError(uploaded.error().message, InterruptGuard::interrupted() ? 130 : ExitFailure);
    const QString url = target.publicUrl(key).toString(QUrl::FullyEncoded);
    const QString shaHex = QString::fromLatin1(uploaded->sha256.toHex());
    QJsonObject result{{QStringLiteral("storage"), target.describe()},
                       {QStringLiteral("key"), key},
                       {QStringLiteral("url"), url},
                       {QStringLiteral("sha256"), shaHex},
                       {QStringLiteral("size"), size},
                       {QStringLiteral("seconds"), seconds},
                       {QStringLiteral("verified"), true}};
    if (dynamic_cast<S3Storage*>(&target)) {
        result.insert(QStringLiteral("parts"), uploaded->parts);
        result.insert(QStringLiteral("partsResumed"), uploaded->partsResumed);
    }
    if (cmd.isSet(QStringLiteral("json"))) {
        printJson(result);
    } else {
        printLine(QStringLiteral("Uploaded %1 (%2) to %3 in %4 s, verified.")
                      .arg(file, humanByteSize(size), target.describe())
                      .arg(seconds, 0, 'f', 1));
        printLine(QStringLiteral("url     %1").arg(url));
        printLine(QStringLiteral("sha256  %1").arg(shaHex));
    }
    return ExitOk;
}

const CommandRegistration registration{{
    {QStringLiteral("storage add"), QStringLiteral("Save a storage profile (S3, WebDAV/HTTP, SFTP, folder)"), &storageAdd},
    {QStringLiteral("storage list"), QStringLiteral("List the storage profiles"), &storageList},
    {QStringLiteral("storage test"), QStringLiteral("Write, read back and delete a small object"), &storageTest},
    {QStringLiteral("storage remove"), QStringLiteral("Delete a storage profile and its keychain secret"), &storageRemove},
    {QStringLiteral("storage presign"), QStringLiteral("Print a time-limited S3 download URL"), &storagePresign},
    {QStringLiteral("upload"), QStringLiteral("Upload a file to storage, verify it, print its URL and SHA-256"), &upload},
}};

} // namespace

} // namespace slipway::cli
