// PKCS#11 signing against a real SoftHSM2 token made for this run (no mocks): URI parsing, byte-identical
// signatures from a token and from a file holding the same key, key generation on the token, and each
// failure (wrong PIN tried once, no token, module missing, two keys, non-RSA-2048 keys) as a clear error.
#include "crypto/FileKeySigner.h"
#include "crypto/Pkcs11Errors.h"
#include "crypto/Pkcs11Signer.h"
#include "crypto/Pkcs11Tokens.h"
#include "crypto/Pkcs11Uri.h"
#include "crypto/RsaKey.h"
#include "crypto/SessionKey.h"
#include "crypto/SignedChecksum.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace slipway;
using namespace slipway::crypto;

namespace {

const QString SoftHsmModule = QStringLiteral("/usr/lib/softhsm/libsofthsm2.so");
const QString SpyModule = QStringLiteral("/usr/lib/x86_64-linux-gnu/pkcs11/pkcs11-spy.so");

QString keyUri(const QString& path, const QString& module = SoftHsmModule)
{
    return QStringLiteral("pkcs11:token=Release;%1?module-path=%2").arg(path, module);
}

Pkcs11Uri parsed(const QString& text)
{
    auto uri = Pkcs11Uri::parse(text);
    if (!uri)
        qFatal("bad test URI %s: %s", qPrintable(text), qPrintable(uri.error().message));
    return uri.value();
}

SecureBytes pin(const char* text)
{
    return SecureBytes(QByteArray(text));
}

} // namespace

class TestPkcs11 : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RsaKey m_fileKey;

    QString run(const QString& program, const QStringList& args)
    {
        QProcess p;
        p.start(program, args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            qFatal("%s %s failed: %s%s", qPrintable(program), qPrintable(args.join(QLatin1Char(' '))),
                   p.readAllStandardOutput().constData(), p.readAllStandardError().constData());
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    // softhsm2-util imports PKCS#8 only: the Capgo PKCS#1 key goes through openssl first.
    void importKey(const RsaKey& key, const QString& label, const QString& idHex)
    {
        const QString pkcs1 = m_dir.filePath(label + QStringLiteral(".pem"));
        const QString pkcs8 = m_dir.filePath(label + QStringLiteral(".p8"));
        QFile f(pkcs1);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(key.privatePkcs1Pem().bytes());
        f.close();
        run(QStringLiteral("openssl"), {QStringLiteral("pkcs8"), QStringLiteral("-topk8"), QStringLiteral("-nocrypt"),
                                        QStringLiteral("-in"), pkcs1, QStringLiteral("-out"), pkcs8});
        run(QStringLiteral("softhsm2-util"), {QStringLiteral("--import"), pkcs8, QStringLiteral("--token"),
                                              QStringLiteral("Release"), QStringLiteral("--label"), label,
                                              QStringLiteral("--id"), idHex, QStringLiteral("--pin"), QStringLiteral("1234")});
        QFile::remove(pkcs1);
        QFile::remove(pkcs8);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(SoftHsmModule), "softhsm2 is not installed (packaging/setup.sh test installs it)");
        QDir().mkpath(m_dir.filePath(QStringLiteral("tokens")));
        QFile conf(m_dir.filePath(QStringLiteral("softhsm2.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(QStringLiteral("directories.tokendir = %1\nobjectstore.backend = file\nlog.level = ERROR\n")
                       .arg(m_dir.filePath(QStringLiteral("tokens")))
                       .toUtf8());
        conf.close();
        qputenv("SOFTHSM2_CONF", conf.fileName().toUtf8());
        qunsetenv("SLIPWAY_PKCS11_PIN");
        run(QStringLiteral("softhsm2-util"), {QStringLiteral("--init-token"), QStringLiteral("--free"), QStringLiteral("--label"),
                                              QStringLiteral("Release"), QStringLiteral("--pin"), QStringLiteral("1234"),
                                              QStringLiteral("--so-pin"), QStringLiteral("5678")});
        auto key = RsaKey::generate();
        QVERIFY(key);
        m_fileKey = key.value();
        importKey(m_fileKey, QStringLiteral("imported"), QStringLiteral("01"));
        auto twin1 = RsaKey::generate();
        auto twin2 = RsaKey::generate();
        auto small = RsaKey::generate(1024);
        QVERIFY(twin1 && twin2 && small);
        importKey(twin1.value(), QStringLiteral("twin"), QStringLiteral("a1"));
        importKey(twin2.value(), QStringLiteral("twin"), QStringLiteral("a2"));
        importKey(small.value(), QStringLiteral("small"), QStringLiteral("b1"));
        run(QStringLiteral("pkcs11-tool"), {QStringLiteral("--module"), SoftHsmModule, QStringLiteral("--login"),
                                            QStringLiteral("--pin"), QStringLiteral("1234"), QStringLiteral("--token-label"),
                                            QStringLiteral("Release"), QStringLiteral("--keypairgen"), QStringLiteral("--key-type"),
                                            QStringLiteral("EC:prime256v1"), QStringLiteral("--label"), QStringLiteral("elliptic"),
                                            QStringLiteral("--id"), QStringLiteral("c1")});
    }

    void uriParsing_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("object");
        QTest::addColumn<QByteArray>("id");
        QTest::addColumn<QString>("module");
        QTest::newRow("label and module") << keyUri(QStringLiteral("object=capgo")) << true << "Release" << "capgo"
                                          << QByteArray() << SoftHsmModule;
        QTest::newRow("percent escapes") << "pkcs11:token=My%20Token;object=a%3Bb;id=%01%ff" << true << "My Token"
                                         << "a;b" << QByteArray("\x01\xff", 2) << QString();
        QTest::newRow("p11tool extras") << "pkcs11:model=SoftHSM%20v2;manufacturer=SoftHSM%20project;serial=1;token=R;"
                                           "object=k;type=private;library-description=x"
                                        << true << "R" << "k" << QByteArray() << QString();
        QTest::newRow("PIN refused") << "pkcs11:token=R;object=k?pin-value=1234" << false << "" << "" << QByteArray() << "";
        QTest::newRow("PIN source refused") << "pkcs11:token=R;object=k?pin-source=file:/p" << false << "" << ""
                                            << QByteArray() << "";
        QTest::newRow("unknown attribute") << "pkcs11:token=R;label=k" << false << "" << "" << QByteArray() << "";
        QTest::newRow("relative module") << "pkcs11:token=R;object=k?module-path=lib.so" << false << "" << ""
                                         << QByteArray() << "";
        QTest::newRow("broken escape") << "pkcs11:token=R%2;object=k" << false << "" << "" << QByteArray() << "";
        QTest::newRow("not a URI") << "/home/me/.capgo_key_v2" << false << "" << "" << QByteArray() << "";
        QTest::newRow("secret key type") << "pkcs11:token=R;object=k;type=secret-key" << false << "" << "" << QByteArray() << "";
    }

    void uriParsing()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        auto uri = Pkcs11Uri::parse(text);
        QCOMPARE(uri.ok(), valid);
        if (!valid) {
            QVERIFY(!uri.error().message.isEmpty());
            QVERIFY2(!uri.error().message.contains(QLatin1String("1234")), qPrintable(uri.error().message));
            return;
        }
        QTEST(uri->token, "token");
        QTEST(uri->object, "object");
        QTEST(uri->id, "id");
        QTEST(uri->modulePath, "module");
        // The printed form names the same key.
        auto again = Pkcs11Uri::parse(uri->toString());
        QVERIFY2(again, qPrintable(uri->toString()));
        QCOMPARE(again->object, uri->object);
        QCOMPARE(again->id, uri->id);
        QCOMPARE(again->token, uri->token);
        QCOMPARE(again->modulePath, uri->modulePath);
    }

    void tokenAndFileSignaturesAreByteIdentical()
    {
        auto signer = Pkcs11Signer::open(parsed(keyUri(QStringLiteral("object=imported"))), pin("1234"));
        QVERIFY2(signer, qPrintable(signer.error().message));
        const FileKeySigner file(m_fileKey);
        QCOMPARE(signer.value()->publicKey().fingerprintSha256(), m_fileKey.fingerprintSha256());
        QCOMPARE(signer.value()->publicKey().keyId(), m_fileKey.keyId());
        // The session key (16 bytes), the V3 checksum (32 raw SHA-256 bytes), the V2 payload (48 bytes).
        for (const int size : {16, 32, 48}) {
            const QByteArray data = QCryptographicHash::hash(QByteArray::number(size), QCryptographicHash::Sha512).left(size);
            auto fromToken = signer.value()->signBlock(data);
            auto fromFile = file.signBlock(data);
            QVERIFY2(fromToken, qPrintable(fromToken.error().message));
            QVERIFY(fromFile);
            QCOMPARE(fromToken->size(), 256);
            QCOMPARE(fromToken.value(), fromFile.value());
        }
        const QByteArray sha = QCryptographicHash::hash("bundle", QCryptographicHash::Sha256);
        auto tokenChecksum = SignedChecksum::sign(sha, *signer.value());
        auto fileChecksum = SignedChecksum::sign(sha, m_fileKey);
        QVERIFY(tokenChecksum && fileChecksum);
        QCOMPARE(tokenChecksum.value(), fileChecksum.value());
        const SessionKey session = SessionKey::generate();
        auto wrapped = session.toIvSessionKey(*signer.value());
        QVERIFY(wrapped);
        QCOMPARE(wrapped.value(), session.toIvSessionKey(m_fileKey).value());
        auto unwrapped = SessionKey::unwrap(wrapped.value(), m_fileKey.publicKey());
        QVERIFY(unwrapped);
        QCOMPARE(unwrapped->key().bytes(), session.key().bytes());
    }

    void signatureTiming()
    {
        auto signer = Pkcs11Signer::open(parsed(keyUri(QStringLiteral("object=imported"))), pin("1234"));
        QVERIFY(signer);
        const FileKeySigner file(m_fileKey);
        const QByteArray data(32, '\x5a');
        constexpr int Rounds = 100;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < Rounds; ++i)
            QVERIFY(signer.value()->signBlock(data));
        const double tokenMs = static_cast<double>(clock.nsecsElapsed()) / 1e6 / Rounds;
        clock.restart();
        for (int i = 0; i < Rounds; ++i)
            QVERIFY(file.signBlock(data));
        const double fileMs = static_cast<double>(clock.nsecsElapsed()) / 1e6 / Rounds;
        qInfo("RSA-2048 type-1 signature: SoftHSM2 token %.2f ms, key file %.2f ms (mean of %d)", tokenMs, fileMs, Rounds);
        clock.restart();
        auto opened = Pkcs11Signer::open(parsed(keyUri(QStringLiteral("object=imported"))), pin("1234"));
        QVERIFY(opened);
        qInfo("open (module, session, one login, key lookup): %.2f ms", static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }

    void generatedKeyIsSensitiveAndUsable()
    {
        const Pkcs11Uri uri = parsed(keyUri(QStringLiteral("object=made-here")));
        auto made = Pkcs11Tokens::generate(uri, pin("1234"));
        QVERIFY2(made, qPrintable(made.error().message));
        QCOMPARE(made->bits(), 2048);
        QVERIFY(made->checkCapgoCompatible());
        // The same key is found again without a PIN, and it signs what its public key opens.
        auto inspected = Pkcs11Tokens::inspect(uri);
        QVERIFY2(inspected, qPrintable(inspected.error().message));
        QCOMPARE(inspected->keys.size(), 1);
        QCOMPARE(inspected->keys.first().fingerprint, made->fingerprintSha256());
        QCOMPARE(inspected->label, QStringLiteral("Release"));
        QCOMPARE(inspected->manufacturer, QStringLiteral("SoftHSM project"));
        QVERIFY(!inspected->serial.isEmpty());
        auto signer = Pkcs11Signer::open(uri, pin("1234"));
        QVERIFY2(signer, qPrintable(signer.error().message));
        const QByteArray data(16, '\x11');
        auto block = signer.value()->signBlock(data);
        QVERIFY(block);
        QCOMPARE(made->publicDecrypt(block.value())->bytes(), data);
        // An independent reader of the token says the private key cannot leave it.
        const QString objects = run(QStringLiteral("pkcs11-tool"),
                                    {QStringLiteral("--module"), SoftHsmModule, QStringLiteral("--login"), QStringLiteral("--pin"),
                                     QStringLiteral("1234"), QStringLiteral("--token-label"), QStringLiteral("Release"),
                                     QStringLiteral("-O"), QStringLiteral("--type"), QStringLiteral("privkey"),
                                     QStringLiteral("--label"), QStringLiteral("made-here")});
        QVERIFY2(objects.contains(QLatin1String("never extractable")), qPrintable(objects));
        QVERIFY2(objects.contains(QLatin1String("sensitive")), qPrintable(objects));
        // A second key of the same label is refused, nothing generated.
        auto again = Pkcs11Tokens::generate(uri, pin("1234"));
        QVERIFY(!again);
        QVERIFY2(again.error().message.contains(QLatin1String("already holds a key labelled")), qPrintable(again.error().message));
        auto listed = Pkcs11Tokens::list(SoftHsmModule);
        QVERIFY(listed);
        int madeHere = 0;
        for (const auto& token : listed.value())
            for (const auto& key : token.keys)
                madeHere += key.label == QLatin1String("made-here") ? 1 : 0;
        QCOMPARE(madeHere, 1);
    }

    void wrongPinIsTriedExactlyOnce()
    {
        // pkcs11-spy (OpenSC) sits between Slipway and SoftHSM2 and logs every call: one C_Login, no retry.
        QVERIFY2(QFile::exists(SpyModule), "opensc's pkcs11-spy.so is missing");
        const QString log = m_dir.filePath(QStringLiteral("spy.log"));
        qputenv("PKCS11SPY", SoftHsmModule.toUtf8());
        qputenv("PKCS11SPY_OUTPUT", log.toUtf8());
        auto signer = Pkcs11Signer::open(parsed(keyUri(QStringLiteral("object=imported"), SpyModule)), pin("9999"));
        QVERIFY(!signer);
        QCOMPARE(signer.error().code, Pkcs11Errors::WrongPin);
        QVERIFY2(signer.error().message.contains(QLatin1String("Wrong PIN for token 'Release'")), qPrintable(signer.error().message));
        QVERIFY2(signer.error().message.contains(QLatin1String("will not retry")), qPrintable(signer.error().message));
        QVERIFY(!signer.error().message.contains(QLatin1String("9999")));
        QFile spy(log);
        QVERIFY(spy.open(QIODevice::ReadOnly));
        const QByteArray calls = spy.readAll();
        QCOMPARE(calls.count("C_Login"), 1);
        QVERIFY(calls.contains("CKR_PIN_INCORRECT"));
        QVERIFY(!calls.contains("C_Sign"));
        // No PIN at all: nothing is tried.
        auto none = Pkcs11Signer::open(parsed(keyUri(QStringLiteral("object=imported"))), SecureBytes());
        QVERIFY(!none);
        QCOMPARE(none.error().code, Pkcs11Errors::PinNeeded);
        QVERIFY2(none.error().message.contains(QLatin1String("SLIPWAY_PKCS11_PIN")), qPrintable(none.error().message));
    }

    void clearErrors_data()
    {
        QTest::addColumn<QString>("uri");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("no such token") << "pkcs11:token=Absent;object=imported?module-path=" + SoftHsmModule
                                       << Pkcs11Errors::NoToken << "No token matching token=Absent";
        QTest::newRow("module missing") << keyUri(QStringLiteral("object=imported"), QStringLiteral("/nonexistent/libtoken.so"))
                                        << Pkcs11Errors::Module << "/nonexistent/libtoken.so does not exist";
        QTest::newRow("not a module") << keyUri(QStringLiteral("object=imported"), QStringLiteral("/etc/hostname"))
                                      << Pkcs11Errors::Module << "cannot be loaded";
        QTest::newRow("two keys") << keyUri(QStringLiteral("object=twin")) << Pkcs11Errors::Ambiguous
                                  << "names 2 private keys on token 'Release': 'twin' (id a1), 'twin' (id a2)";
        QTest::newRow("RSA-1024") << keyUri(QStringLiteral("object=small")) << Pkcs11Errors::NoKey << "2048";
        QTest::newRow("EC key") << keyUri(QStringLiteral("object=elliptic")) << Pkcs11Errors::NoKey << "an EC key, not RSA";
        QTest::newRow("no such key") << keyUri(QStringLiteral("object=nothing")) << Pkcs11Errors::NoKey
                                     << "holds no private key matching key 'nothing'";
        QTest::newRow("no key named") << "pkcs11:token=Release?module-path=" + SoftHsmModule << Pkcs11Errors::Usage
                                      << "names no key";
    }

    void clearErrors()
    {
        QFETCH(QString, uri);
        QFETCH(int, code);
        QFETCH(QString, says);
        auto signer = Pkcs11Signer::open(parsed(uri), pin("1234"));
        QVERIFY(!signer);
        QVERIFY2(signer.error().message.contains(says), qPrintable(signer.error().message));
        QCOMPARE(signer.error().code, code);
    }

    void twoKeysResolvedById()
    {
        auto signer = Pkcs11Signer::open(parsed(keyUri(QStringLiteral("object=twin;id=%a2"))), pin("1234"));
        QVERIFY2(signer, qPrintable(signer.error().message));
    }

    void pinFromEnvironment()
    {
        qputenv("SLIPWAY_PKCS11_PIN", "1234");
        const SecureBytes stored = Pkcs11Signer::storedPin(parsed(keyUri(QStringLiteral("object=imported"))));
        qunsetenv("SLIPWAY_PKCS11_PIN");
        QCOMPARE(stored.bytes(), QByteArray("1234"));
    }
};

QTEST_GUILESS_MAIN(TestPkcs11)
#include "tst_pkcs11.moc"
