// Keys, session keys, signed checksums and the streaming cipher against Capgo's golden vectors.
#include "crypto/AesCbcCipher.h"
#include "crypto/BundleCipher.h"
#include "crypto/KeyPairFiles.h"
#include "crypto/Random.h"
#include "crypto/RsaKey.h"
#include "crypto/Sha256.h"
#include "crypto/SessionKey.h"
#include "crypto/SignedChecksum.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace slipway;
using namespace slipway::crypto;

namespace {

const QString Vectors = QStringLiteral(SLIPWAY_TEST_DATA "/vectors");
const QString Golden = Vectors + QStringLiteral("/capgo-cli-8.68.1");

QByteArray readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

QJsonObject jsonFile(const QString& path)
{
    return QJsonDocument::fromJson(readFile(path)).object();
}

RsaKey goldenPrivate()
{
    auto key = RsaKey::fromFile(Golden + QStringLiteral("/capgo_key_v2.pem"));
    if (!key)
        qFatal("%s", qPrintable(key.error().message));
    return key.value();
}

RsaKey goldenPublic()
{
    auto key = RsaKey::fromFile(Golden + QStringLiteral("/capgo_key_v2.pub.pem"));
    if (!key)
        qFatal("%s", qPrintable(key.error().message));
    return key.value();
}

QByteArray openssl(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral("openssl"), args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished();
    if (p.exitCode() != 0)
        qFatal("openssl %s failed: %s", qPrintable(args.join(' ')), p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

} // namespace

class TestCrypto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pluginRsaContractVectors()
    {
        const QJsonObject v = jsonFile(Vectors + QStringLiteral("/capacitor-updater-crypto-rsa.json"));
        auto key = RsaKey::fromPem(v.value(QStringLiteral("publicKeyPem")).toString().toLatin1());
        QVERIFY2(key, qPrintable(key.error().message));
        QVERIFY(!key->isPrivate());
        for (const auto& item : v.value(QStringLiteral("rsaPublicDecrypt")).toArray()) {
            const auto o = item.toObject();
            const QByteArray block = QByteArray::fromHex(o[QStringLiteral("input")].toObject()[QStringLiteral("ciphertextHex")].toString().toLatin1());
            auto plain = key->publicDecrypt(block);
            QVERIFY2(plain, qPrintable(plain.error().message));
            QCOMPARE(plain->bytes().toHex(), o[QStringLiteral("expect")].toObject()[QStringLiteral("plaintextHex")].toString().toLatin1());
        }
        for (const auto& item : v.value(QStringLiteral("decryptChecksum")).toArray()) {
            const auto o = item.toObject();
            auto recovered = SignedChecksum::recoverHex(o[QStringLiteral("input")].toObject()[QStringLiteral("checksumHex")].toString(), key.value());
            QVERIFY2(recovered, qPrintable(recovered.error().message));
            QCOMPARE(recovered.value(), o[QStringLiteral("expect")].toObject()[QStringLiteral("decryptedHex")].toString());
        }
        for (const auto& item : v.value(QStringLiteral("calcKeyId")).toArray()) {
            const auto o = item.toObject();
            const QByteArray pem = o[QStringLiteral("input")].toObject()[QStringLiteral("publicKeyPem")].toString().toLatin1();
            const QString expected = o[QStringLiteral("expect")].toObject().begin().value().toString();
            QCOMPARE(keyIdFromPem(pem), expected);
            auto parsed = RsaKey::fromPem(pem);
            QVERIFY(parsed);
            QCOMPARE(parsed->keyId(), expected);
        }
    }

    void goldenKeyFilesRoundTripByteForByte()
    {
        const RsaKey privateKey = goldenPrivate();
        QCOMPARE(privateKey.bits(), 2048);
        QVERIFY(privateKey.isPrivate());
        QCOMPARE(privateKey.privatePkcs1Pem().bytes(), readFile(Golden + QStringLiteral("/capgo_key_v2.pem")));
        QCOMPARE(privateKey.publicPkcs1Pem(), readFile(Golden + QStringLiteral("/capgo_key_v2.pub.pem")));
        QCOMPARE(privateKey.keyId(), jsonFile(Golden + QStringLiteral("/result.json"))[QStringLiteral("keyId")].toString());
        QVERIFY(privateKey.isSameKeyPair(goldenPublic()));
        QCOMPARE(privateKey.fingerprintSha256(), goldenPublic().fingerprintSha256());
    }

    void fingerprintIsSha256OfSpkiDer()
    {
        const QByteArray der = openssl({QStringLiteral("rsa"), QStringLiteral("-RSAPublicKey_in"), QStringLiteral("-in"),
                                        Golden + QStringLiteral("/capgo_key_v2.pub.pem"), QStringLiteral("-pubout"),
                                        QStringLiteral("-outform"), QStringLiteral("DER")});
        QCOMPARE(goldenPublic().fingerprintSha256(), Sha256::hex(Sha256::of(der)));
        QCOMPARE(groupedFingerprint(QStringLiteral("0a1b2c")), QStringLiteral("0A:1B:2C"));
    }

    void loadsPkcs8AndSpkiByConverting()
    {
        const QByteArray pkcs8 = openssl({QStringLiteral("pkey"), QStringLiteral("-in"), Golden + QStringLiteral("/capgo_key_v2.pem")});
        QVERIFY(pkcs8.startsWith("-----BEGIN PRIVATE KEY-----"));
        auto fromPkcs8 = RsaKey::fromPem(pkcs8);
        QVERIFY2(fromPkcs8, qPrintable(fromPkcs8.error().message));
        QVERIFY(fromPkcs8->isPrivate());
        QCOMPARE(fromPkcs8->privatePkcs1Pem().bytes(), readFile(Golden + QStringLiteral("/capgo_key_v2.pem")));
        const QByteArray spki = openssl({QStringLiteral("pkey"), QStringLiteral("-in"), Golden + QStringLiteral("/capgo_key_v2.pem"), QStringLiteral("-pubout")});
        QVERIFY(spki.startsWith("-----BEGIN PUBLIC KEY-----"));
        auto fromSpki = RsaKey::fromPem(spki);
        QVERIFY(fromSpki);
        QVERIFY(!fromSpki->isPrivate());
        QCOMPARE(fromSpki->publicPkcs1Pem(), readFile(Golden + QStringLiteral("/capgo_key_v2.pub.pem")));
    }

    void generatedKeyHasCapgoShape()
    {
        auto key = RsaKey::generate();
        QVERIFY(key);
        QCOMPARE(key->bits(), 2048);
        QVERIFY(key->checkCapgoCompatible());
        const QByteArray pub = key->publicPkcs1Pem();
        QCOMPARE(pub.size(), 426);
        QVERIFY(pub.startsWith("-----BEGIN RSA PUBLIC KEY-----\n"));
        QVERIFY(pub.endsWith("-----END RSA PUBLIC KEY-----\n"));
        QVERIFY(key->keyId().startsWith(QStringLiteral("MIIBCgKCAQEA")));
        QCOMPARE(key->keyId().size(), 20);
        // e = 65537 shows as the DER tail 02 03 01 00 01 of the PKCS#1 public key
        const QByteArray der = QByteArray::fromBase64(pub.split('\n').mid(1, 6).join());
        QVERIFY(der.endsWith(QByteArray::fromHex("0203010001")));
        for (const QByteArray& line : key->privatePkcs1Pem().bytes().split('\n'))
            QVERIFY(line.size() <= 64);
        auto other = RsaKey::generate();
        QVERIFY(!key->isSameKeyPair(other.value()));
        QVERIFY(key->isSameKeyPair(key->publicKey()));
    }

    void passphraseProtectionRoundTrip()
    {
        const RsaKey key = goldenPrivate();
        const SecureBytes passphrase(QByteArrayLiteral("correct horse battery staple"));
        auto sealed = key.encryptedPkcs8Pem(passphrase);
        QVERIFY2(sealed, qPrintable(sealed.error().message));
        QVERIFY(sealed->startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        QVERIFY(RsaKey::isPassphraseProtected(sealed.value()));
        // PBES2 with PBKDF2-HMAC-SHA256 and a large iteration count
        const QByteArray asn1 = openssl({QStringLiteral("asn1parse")}, sealed.value());
        QVERIFY(asn1.contains("PBKDF2"));
        QVERIFY(asn1.contains("hmacWithSHA256"));
        QVERIFY(asn1.contains("aes-256-cbc"));
        QVERIFY(asn1.contains(":0927C0")); // 600000 iterations

        auto opened = RsaKey::fromPem(sealed.value(), passphrase);
        QVERIFY2(opened, qPrintable(opened.error().message));
        QVERIFY(opened->isSameKeyPair(key));
        QCOMPARE(opened->privatePkcs1Pem().bytes(), key.privatePkcs1Pem().bytes());

        auto wrong = RsaKey::fromPem(sealed.value(), SecureBytes(QByteArrayLiteral("wrong")));
        QVERIFY(!wrong);
        QVERIFY(wrong.error().message.contains(QStringLiteral("passphrase is wrong")));
        auto missing = RsaKey::fromPem(sealed.value());
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, 3);
    }

    void badKeysAreExplained_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QString>("expected");
        QTest::newRow("garbage") << QByteArray("hello, this is not a key\n") << QStringLiteral("not a PEM key file");
        QTest::newRow("certificate") << QByteArray("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
                                     << QStringLiteral("not a key");
        QTest::newRow("damaged") << QByteArray("-----BEGIN RSA PRIVATE KEY-----\nTUlJQ0l\n-----END RSA PRIVATE KEY-----\n")
                                 << QStringLiteral("damaged");
        QTest::newRow("ec") << openssl({QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
                                        QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256")})
                            << QStringLiteral("EC key; Capgo bundles need an RSA-2048");
    }

    void badKeysAreExplained()
    {
        QFETCH(QByteArray, pem);
        QFETCH(QString, expected);
        auto key = RsaKey::fromPem(pem);
        QVERIFY(!key);
        QVERIFY2(key.error().message.contains(expected), qPrintable(key.error().message));
    }

    void rsa4096IsRefusedForBundles()
    {
        auto key = RsaKey::generate(4096);
        QVERIFY(key);
        QCOMPARE(key->bits(), 4096);
        auto check = key->checkCapgoCompatible();
        QVERIFY(!check);
        QVERIFY(check.error().message.contains(QStringLiteral("RSA-2048")));
        QTemporaryDir dir;
        QFile zip(dir.filePath(QStringLiteral("b.zip")));
        QVERIFY(zip.open(QIODevice::WriteOnly));
        zip.write("PK");
        zip.close();
        auto sealed = encryptBundleFile(zip.fileName(), dir.filePath(QStringLiteral("b.enc")), key.value());
        QVERIFY(!sealed);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("b.enc"))));
    }

    void v3SignerReproducesTheCliChecksum()
    {
        const QJsonObject golden = jsonFile(Golden + QStringLiteral("/result.json"));
        auto digest = Sha256::ofFile(Golden + QStringLiteral("/bundle.zip"));
        QVERIFY(digest);
        QCOMPARE(Sha256::hex(digest.value()), golden[QStringLiteral("zipSha256")].toString());
        auto signature = SignedChecksum::sign(digest.value(), goldenPrivate(), ChecksumFormat::V3);
        QVERIFY(signature);
        QCOMPARE(signature.value(), golden[QStringLiteral("encryptedChecksum")].toString());
        QCOMPARE(signature->size(), 512);
    }

    void v2IsLegacyAndRecognised()
    {
        auto digest = Sha256::ofFile(Golden + QStringLiteral("/bundle.zip"));
        auto v2 = SignedChecksum::sign(digest.value(), goldenPrivate(), ChecksumFormat::V2);
        QVERIFY(v2);
        QVERIFY(!v2->contains(QRegularExpression(QStringLiteral("^[0-9a-f]+$"))));
        auto recovered = SignedChecksum::recoverHex(v2.value(), goldenPublic());
        QVERIFY(recovered);
        QVERIFY(recovered.value() != Sha256::hex(digest.value()));
        QVERIFY(SignedChecksum::isLegacyV2Of(recovered.value(), Sha256::hex(digest.value())));
    }

    void goldenSessionKeyUnwrapsAndDecrypts()
    {
        const QJsonObject golden = jsonFile(Golden + QStringLiteral("/result.json"));
        const QString ivSessionKey = golden[QStringLiteral("ivSessionKey")].toString();
        QCOMPARE(ivSessionKey.size(), 369);
        auto session = SessionKey::unwrap(ivSessionKey, goldenPublic());
        QVERIFY2(session, qPrintable(session.error().message));
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("plain.zip"));
        auto plain = decryptBundleFile(Golden + QStringLiteral("/bundle.zip.encrypted"), out, session.value());
        QVERIFY2(plain, qPrintable(plain.error().message));
        QCOMPARE(readFile(out), readFile(Golden + QStringLiteral("/bundle.zip")));
        QCOMPARE(plain->sha256Hex, golden[QStringLiteral("zipSha256")].toString());
    }

    void sessionKeyRoundTripAndSyntax()
    {
        const SessionKey session = SessionKey::generate();
        auto wire = session.toIvSessionKey(goldenPrivate());
        QVERIFY(wire);
        QCOMPARE(wire->size(), 369);
        QVERIFY(SessionKey::checkSyntax(wire.value()));
        auto back = SessionKey::unwrap(wire.value(), goldenPublic());
        QVERIFY(back);
        QVERIFY(back->key() == session.key());
        QCOMPARE(back->iv(), session.iv());

        QVERIFY(!SessionKey::checkSyntax(QStringLiteral("abc")));
        QVERIFY(!SessionKey::checkSyntax(QStringLiteral("a:b:c")));
        QVERIFY(!SessionKey::checkSyntax(QStringLiteral("!!!!:") + wire->section(QLatin1Char(':'), 1)));
        QVERIFY(!SessionKey::checkSyntax(QStringLiteral("AAAA:") + wire->section(QLatin1Char(':'), 1)));
        auto otherKey = RsaKey::generate();
        auto wrong = SessionKey::unwrap(wire.value(), otherKey->publicKey());
        QVERIFY(!wrong);
        QVERIFY(wrong.error().message.contains(QStringLiteral("does not open with this public key")));
    }

    void aesStreamsAnySize_data()
    {
        QTest::addColumn<int>("size");
        for (int size : {0, 1, 15, 16, 17, 4095, (1 << 20) + 3, 3 * (1 << 20)})
            QTest::newRow(qPrintable(QString::number(size))) << size;
    }

    void aesStreamsAnySize()
    {
        QFETCH(int, size);
        const QByteArray plain = randomBytes(size);
        const SessionKey session = SessionKey::generate();
        AesCbcCipher enc(AesCbcCipher::Direction::Encrypt, session.key(), session.iv());
        QByteArray cipher;
        // feed in uneven pieces to exercise the streaming path
        for (qsizetype pos = 0; pos < plain.size(); pos += 70001)
            QVERIFY(enc.update(plain.constData() + pos, std::min<qsizetype>(70001, plain.size() - pos), cipher));
        QVERIFY(enc.finish(cipher));
        QCOMPARE(cipher.size(), AesCbcCipher::encryptedSize(size));
        const QByteArray viaOpenssl = openssl({QStringLiteral("enc"), QStringLiteral("-aes-128-cbc"), QStringLiteral("-K"),
                                               QString::fromLatin1(session.key().bytes().toHex()), QStringLiteral("-iv"),
                                               QString::fromLatin1(session.iv().toHex())},
                                              plain);
        QCOMPARE(cipher, viaOpenssl);
        // In place (a delta object): the same bytes, in the same buffer.
        QByteArray inPlace = plain;
        inPlace.detach();
        AesCbcCipher whole(AesCbcCipher::Direction::Encrypt, session.key(), session.iv());
        QVERIFY(whole.encryptInPlace(inPlace));
        QCOMPARE(inPlace, viaOpenssl);
        AesCbcCipher dec(AesCbcCipher::Direction::Decrypt, session.key(), session.iv());
        QByteArray back;
        QVERIFY(dec.update(cipher.constData(), cipher.size(), back));
        QVERIFY(dec.finish(back));
        QCOMPARE(back, plain);
        QByteArray notDecrypted = cipher;
        AesCbcCipher decrypting(AesCbcCipher::Direction::Decrypt, session.key(), session.iv());
        QVERIFY(!decrypting.encryptInPlace(notDecrypted));
    }

    void keyPairFilesAreCapgoShapedAndGuarded()
    {
        QTemporaryDir dir;
        auto key = RsaKey::generate();
        auto paths = KeyPairFiles::write(key.value(), dir.path(), false);
        QVERIFY2(paths, qPrintable(paths.error().message));
        QCOMPARE(QFileInfo(paths->privatePath).fileName(), QStringLiteral(".capgo_key_v2"));
        QCOMPARE(QFileInfo(paths->publicPath).fileName(), QStringLiteral(".capgo_key_v2.pub"));
        struct stat info{};
        QCOMPARE(::stat(QFile::encodeName(paths->privatePath).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        QCOMPARE(readFile(paths->privatePath), key->privatePkcs1Pem().bytes());
        QCOMPARE(readFile(paths->publicPath), key->publicPkcs1Pem());

        auto again = KeyPairFiles::write(RsaKey::generate().value(), dir.path(), false);
        QVERIFY(!again);
        QVERIFY(again.error().message.contains(QStringLiteral("--force")));
        QCOMPARE(readFile(paths->privatePath), key->privatePkcs1Pem().bytes());
        auto forced = KeyPairFiles::write(RsaKey::generate().value(), dir.path(), true);
        QVERIFY(forced);
        QVERIFY(readFile(paths->privatePath) != key->privatePkcs1Pem().bytes());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2); // no temp files left
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
