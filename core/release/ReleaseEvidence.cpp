#include "release/ReleaseEvidence.h"

#include "common/DataLocation.h"
#include "crypto/RsaKey.h"
#include "history/History.h"
#include "registry/LocalChannelRegistrar.h"
#include "release/ReleaseJob.h"
#include "release/ReleasePlan.h"
#include "storage/FolderStorage.h"
#include "storage/StorageFactory.h"

#include <KTar>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTemporaryDir>

namespace slipway::release {

using namespace history;

namespace {

QByteArray pretty(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QByteArray spkiPem(const QByteArray& der)
{
    QByteArray body = der.toBase64();
    QByteArray pem = "-----BEGIN PUBLIC KEY-----\n";
    for (qsizetype i = 0; i < body.size(); i += 64)
        pem += body.mid(i, 64) + '\n';
    pem += "-----END PUBLIC KEY-----\n";
    return pem;
}

QByteArray readme(const ReleaseRecord& r, bool hasBundle, bool hasManifest)
{
    QByteArray text = QStringLiteral(
                          R"(Slipway evidence package: release %1 (%2 %3 on channel %4)
=====================================================================

Every item below can be checked with standard tools (openssl, sha256sum, perl, od). Run the
commands inside this folder after `tar -xJf` of the package. The checks need no Slipway.

Files
-----
release.json                 the release record as Slipway's history holds it
steps.json                   every step of every attempt (start, end, outcome, error, bytes)
channel-events.json          channel changes this release caused
plan.json                    the release plan as run (no secrets: a key is referenced by path)
public-key.pem               the public key devices hold (PKCS#1, as in capacitor.config)
public-key-spki.pem          the same key as SubjectPublicKeyInfo (for openssl pkeyutl / the fingerprint)
fingerprint.txt              SHA-256 of the DER public key (hex), and key_id
sha256.txt                   SHA-256 of the plain bundle zip (hex)
signed-checksum.txt          the `checksum` devices receive (%5 format)
iv-session-key.txt           the `session_key` devices receive: base64(IV) ":" base64(RSA block)
channel-manifest.json        the update-endpoint answer published for the channel%6
bundle.zip.encrypted         the uploaded bundle%7
audit/                       the audit-chain entries that seal the release row and its steps

1. The public key and its fingerprint
   openssl rsa -RSAPublicKey_in -in public-key.pem -pubout -outform DER | openssl dgst -sha256
   -> must print the fingerprint in fingerprint.txt (%8).
   key_id (Capgo): grep -v -- ----- public-key.pem | tr -d '\n' | cut -c1-20   -> %9

2. The signed checksum: only the private key's owner could make it; it wraps the zip's SHA-256
   perl -ne 'chomp; print pack("H*", $_)' signed-checksum.txt > checksum.bin
   openssl pkeyutl -verifyrecover -pubin -inkey public-key-spki.pem -pkeyopt rsa_padding_mode:pkcs1 -in checksum.bin | od -An -v -tx1 | tr -d ' \n'; echo
   -> must print the hex in sha256.txt.

3. The session key: the AES key is wrapped by the private key, the IV travels in clear
   cut -d: -f2 iv-session-key.txt | tr -d '\n' | base64 -d > session-key.bin
   KEY=$(openssl pkeyutl -verifyrecover -pubin -inkey public-key-spki.pem -pkeyopt rsa_padding_mode:pkcs1 -in session-key.bin | od -An -v -tx1 | tr -d ' \n')
   IV=$(cut -d: -f1 iv-session-key.txt | tr -d '\n' | base64 -d | od -An -v -tx1 | tr -d ' \n')
   -> KEY is 32 hex digits (AES-128), IV 32 hex digits.

4. The bundle (when included, else download it from the URL in release.json)
   openssl dgst -sha256 bundle.zip.encrypted     -> encrypted_sha256 in release.json
   openssl enc -d -aes-128-cbc -K "$KEY" -iv "$IV" -in bundle.zip.encrypted | openssl dgst -sha256
   -> must print the hex in sha256.txt: what a phone decrypts is what was signed.

5. The channel manifest
   channel-manifest.json must carry this release's version, url, session_key (= iv-session-key.txt),
   checksum (= signed-checksum.txt) and key_id. It is the manifest published when the evidence was
   written; a later release or rollback may have replaced it (see channel-events.json).

6. The audit chain: the history cannot be edited without breaking it
   audit/release-row.json is the canonical content of the release row (exactly the bytes hashed):
   openssl dgst -sha256 audit/release-row.json   -> content_sha256 of the last entry for the release row
   Each audit/entry-SEQ.txt holds the exact text an entry hash covers ("seq|table|row|content|previous|desk",
   the desk USER@HOST that wrote the entry; entries written before Slipway recorded desks end at "previous"):
   openssl dgst -sha256 audit/entry-SEQ.txt      -> entry_sha256 of that entry (audit/chain.json)
   and each entry's previous_sha256 is the entry_sha256 of entry SEQ-1 (entries of other rows between them
   are in the history; `slipway history verify` walks the whole chain). audit/chain-head.txt is the head
   of the whole chain when this package was written: write it down; a later history must contain it.
)")
                          .arg(r.id)
                          .arg(r.appId, r.version, r.channel, r.checksumFormat,
                               hasManifest ? QString() : QStringLiteral(" (not available: see release.json)"),
                               hasBundle ? QString()
                                         : QStringLiteral(" (not included: larger than 64 MiB or not reachable; "
                                                          "download it from the URL in release.json)"),
                               r.keyFingerprint, r.keyId)
                          .toUtf8();
    return text;
}

} // namespace

Status ReleaseEvidence::write(History& history, qint64 releaseId, const QString& outPath)
{
    // The rows exactly as stored: the package's audit files must hash to their seals.
    auto record = history.release(releaseId, History::View::Stored);
    if (!record)
        return record.error();
    const ReleaseRecord& r = record.value();
    auto steps = history.steps(releaseId, History::View::Stored);
    if (!steps)
        return steps.error();
    auto events = history.channelEvents(r.appId); // every channel: a promote moves it to another
    if (!events)
        return events.error();
    auto plan = ReleasePlan::fromJson(QJsonDocument::fromJson(r.planJson.toUtf8()).object());

    // The public key: from the key file the release used (public half derived, never the private key shipped).
    QByteArray publicPem;
    QByteArray spki;
    if (plan) {
        const QString pubPath = plan->keyPath + QStringLiteral(".pub");
        crypto::RsaKey key;
        if (auto fromPub = crypto::RsaKey::fromFile(pubPath); fromPub)
            key = fromPub.value();
        else if (auto fromPrivate = crypto::RsaKey::fromFile(plan->keyPath); fromPrivate)
            key = fromPrivate->publicKey();
        if (!key.isNull() && key.fingerprintSha256() == r.keyFingerprint) {
            publicPem = key.publicPkcs1Pem();
            spki = spkiPem(key.publicSpkiDer());
        }
    }

    // The manifest as published and the uploaded bundle, when the storage target is reachable.
    std::shared_ptr<storage::StorageTarget> target;
    if (plan)
        if (auto opened = storage::openReleaseStorage(plan->storageProfile))
            target = opened.value();
    QByteArray manifest;
    if (target && (plan->registrarProfile.isEmpty() || plan->registrarProfile == QLatin1String("local"))) {
        registry::LocalChannelRegistrar registrar(target);
        if (auto published = registrar.publishedManifest(r.appId, r.channel))
            manifest = pretty(published.value());
    }
    QTemporaryDir scratch;
    QString encrypted = QDir(ReleaseJob::workDirectory(r.id)).filePath(QStringLiteral("bundle.zip.encrypted"));
    if (!QFileInfo(encrypted).isFile() && target && !r.storageKey.isEmpty() && r.encryptedSize <= MaxBundledBytes &&
        scratch.isValid()) {
        const QString downloaded = QDir(scratch.path()).filePath(QStringLiteral("bundle.zip.encrypted"));
        if (target->download(r.storageKey, downloaded))
            encrypted = downloaded;
    }
    const bool hasBundle = QFileInfo(encrypted).isFile() && QFileInfo(encrypted).size() <= MaxBundledBytes;

    const QString partial = outPath + QStringLiteral(".part");
    QFile::remove(partial);
    {
        KTar tar(partial, QStringLiteral("application/x-xz"));
        if (!tar.open(QIODevice::WriteOnly))
            return fail(QStringLiteral("Cannot write the evidence package %1: %2").arg(outPath, tar.errorString()));
        const QString dir = QStringLiteral("slipway-evidence-release-%1/").arg(r.id);
        auto add = [&](const QString& name, const QByteArray& data) {
            return tar.writeFile(dir + name, data, 0644, QStringLiteral("slipway"), QStringLiteral("slipway"));
        };
        bool ok = add(QStringLiteral("README.txt"), readme(r, hasBundle, !manifest.isEmpty()));
        ok = ok && add(QStringLiteral("release.json"), pretty(toJson(r)));
        QJsonArray stepArray;
        for (const auto& s : steps.value())
            stepArray.append(toJson(s));
        ok = ok && add(QStringLiteral("steps.json"), QJsonDocument(stepArray).toJson(QJsonDocument::Indented));
        QJsonArray eventArray;
        for (const auto& e : events.value()) {
            if (e.releaseId == r.id)
                eventArray.append(toJson(e));
        }
        ok =
            ok && add(QStringLiteral("channel-events.json"), QJsonDocument(eventArray).toJson(QJsonDocument::Indented));
        ok = ok && add(QStringLiteral("plan.json"), r.planJson.toUtf8());
        if (!publicPem.isEmpty()) {
            ok = ok && add(QStringLiteral("public-key.pem"), publicPem);
            ok = ok && add(QStringLiteral("public-key-spki.pem"), spki);
        }
        ok = ok && add(QStringLiteral("fingerprint.txt"),
                       QStringLiteral("sha256 %1\nkey_id %2\n").arg(r.keyFingerprint, r.keyId).toUtf8());
        ok = ok && add(QStringLiteral("sha256.txt"), r.sha256.toUtf8() + '\n');
        ok = ok && add(QStringLiteral("signed-checksum.txt"), r.signedChecksum.toUtf8() + '\n');
        ok = ok && add(QStringLiteral("iv-session-key.txt"), r.ivSessionKey.toUtf8() + '\n');
        if (!manifest.isEmpty())
            ok = ok && add(QStringLiteral("channel-manifest.json"), manifest);
        if (hasBundle) {
            QFile bundle(encrypted);
            if (bundle.open(QIODevice::ReadOnly))
                ok = ok && add(QStringLiteral("bundle.zip.encrypted"), bundle.readAll());
        }
        // The audit entries that seal the release row and each of its steps.
        QJsonArray chain;
        auto addEntries = [&](const QString& table, qint64 rowId) -> bool {
            auto entries = history.auditEntries(table, rowId);
            if (!entries)
                return false;
            for (const auto& e : entries.value()) {
                chain.append(toJson(e));
                if (!add(QStringLiteral("audit/entry-%1.txt").arg(e.seq), e.hashedText().toUtf8()))
                    return false;
            }
            return true;
        };
        ok = ok && addEntries(QStringLiteral("releases"), r.id);
        for (const auto& s : steps.value()) {
            ok = ok && addEntries(QStringLiteral("steps"), s.id);
            ok = ok && add(QStringLiteral("audit/step-%1-row.json").arg(s.id), History::canonical(s));
        }
        ok = ok && add(QStringLiteral("audit/release-row.json"), History::canonical(r));
        ok = ok && add(QStringLiteral("audit/chain.json"), QJsonDocument(chain).toJson(QJsonDocument::Indented));
        if (auto report = history.verify(); report) {
            ok = ok && add(QStringLiteral("audit/chain-head.txt"),
                           QStringLiteral("%1\nverified %2 entries and %3 rows: %4\n")
                               .arg(report->head)
                               .arg(report->entries)
                               .arg(report->rows)
                               .arg(report->intact() ? QStringLiteral("intact")
                                                     : QStringLiteral("BROKEN (run slipway history verify)"))
                               .toUtf8());
        }
        if (!ok || !tar.close()) {
            QFile::remove(partial);
            return fail(QStringLiteral("Writing the evidence package %1 failed: %2").arg(outPath, tar.errorString()));
        }
    }
    QFile::remove(outPath);
    if (!QFile::rename(partial, outPath)) {
        QFile::remove(partial);
        return fail(QStringLiteral("Cannot move the evidence package into place at %1.").arg(outPath));
    }
    return Ok{};
}

} // namespace slipway::release
