// The update endpoint's decision for one device, and the semver order it relies on.
#include "project/SemanticVersion.h"
#include "registry/UpdateEndpoint.h"

#include <QJsonObject>
#include <QTest>

using slipway::project::SemanticVersion;
using slipway::registry::UpdateEndpoint;

namespace {
QJsonObject manifest()
{
    return QJsonObject{{QStringLiteral("version"), QStringLiteral("1.2.0")},
                       {QStringLiteral("url"), QStringLiteral("https://cdn.example.com/b.zip")},
                       {QStringLiteral("session_key"), QStringLiteral("iv:key")},
                       {QStringLiteral("checksum"), QStringLiteral("abcd")},
                       {QStringLiteral("key_id"), QStringLiteral("MIIBCgKCAQEAaaaaaaaa")},
                       {QStringLiteral("min_update_version"), QStringLiteral("2.0.0")},
                       {QStringLiteral("released_at"), QStringLiteral("2026-11-28T10:00:00Z")},
                       {QStringLiteral("comment"), QStringLiteral("fixes")}};
}

QJsonObject device(const QString& versionName, const QString& versionBuild, const QString& keyId)
{
    QJsonObject d{{QStringLiteral("app_id"), QStringLiteral("com.x")},
                  {QStringLiteral("version_name"), versionName},
                  {QStringLiteral("version_build"), versionBuild}};
    if (!keyId.isEmpty())
        d.insert(QStringLiteral("key_id"), keyId);
    return d;
}
} // namespace

class TestUpdateEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offersTheUpdateWithTheWireFields()
    {
        const QJsonObject a = UpdateEndpoint::answer(manifest(), device(QStringLiteral("builtin"), QStringLiteral("2.1.0"),
                                                                        QStringLiteral("MIIBCgKCAQEAaaaaaaaa")));
        QCOMPARE(a.value(QStringLiteral("version")).toString(), QStringLiteral("1.2.0"));
        QCOMPARE(a.value(QStringLiteral("session_key")).toString(), QStringLiteral("iv:key"));
        QCOMPARE(a.value(QStringLiteral("checksum")).toString(), QStringLiteral("abcd"));
        QCOMPARE(a.value(QStringLiteral("comment")).toString(), QStringLiteral("fixes"));
        QVERIFY(!a.contains(QStringLiteral("kind")));
        QVERIFY(!a.contains(QStringLiteral("key_id"))); // internal manifest fields stay internal
    }

    void upToDateWhenTheVersionMatches()
    {
        const QJsonObject a = UpdateEndpoint::answer(manifest(), device(QStringLiteral("1.2.0"), QStringLiteral("2.1.0"), {}));
        QCOMPARE(a.value(QStringLiteral("kind")).toString(), QStringLiteral("up_to_date"));
        QCOMPARE(a.value(QStringLiteral("error")).toString(), QStringLiteral("no_new_version_available"));
    }

    void blockedBelowMinUpdateVersion()
    {
        const QJsonObject a = UpdateEndpoint::answer(manifest(), device(QStringLiteral("builtin"), QStringLiteral("1.9.9"), {}));
        QCOMPARE(a.value(QStringLiteral("kind")).toString(), QStringLiteral("blocked"));
        QVERIFY(a.value(QStringLiteral("message")).toString().contains(QStringLiteral("2.0.0")));
        const QJsonObject ok = UpdateEndpoint::answer(manifest(), device(QStringLiteral("builtin"), QStringLiteral("2.0.0"), {}));
        QVERIFY(!ok.contains(QStringLiteral("kind")));
    }

    void blockedOnKeyIdMismatch()
    {
        const QJsonObject a = UpdateEndpoint::answer(manifest(), device(QStringLiteral("builtin"), QStringLiteral("3.0.0"),
                                                                        QStringLiteral("MIIBCgKCAQEAbbbbbbbb")));
        QCOMPARE(a.value(QStringLiteral("kind")).toString(), QStringLiteral("blocked"));
        QCOMPARE(a.value(QStringLiteral("error")).toString(), QStringLiteral("key_id_mismatch"));
    }

    void semverOrder_data()
    {
        QTest::addColumn<QString>("lower");
        QTest::addColumn<QString>("higher");
        QTest::newRow("patch") << "1.0.0" << "1.0.1";
        QTest::newRow("numeric not lexical") << "1.9.0" << "1.10.0";
        QTest::newRow("prerelease below release") << "1.0.0-rc.1" << "1.0.0";
        QTest::newRow("prerelease numeric") << "1.0.0-alpha.2" << "1.0.0-alpha.10";
        QTest::newRow("numeric below alpha") << "1.0.0-1" << "1.0.0-alpha";
        QTest::newRow("shorter prerelease first") << "1.0.0-alpha" << "1.0.0-alpha.1";
    }

    void semverOrder()
    {
        QFETCH(QString, lower);
        QFETCH(QString, higher);
        const auto a = SemanticVersion::parse(lower);
        const auto b = SemanticVersion::parse(higher);
        QVERIFY(a && b);
        QVERIFY(*a < *b);
        QVERIFY(!(*b < *a));
    }

    void semverRejectsNonsense()
    {
        QVERIFY(!SemanticVersion::parse(QStringLiteral("1.0")));
        QVERIFY(!SemanticVersion::parse(QStringLiteral("01.0.0")));
        QVERIFY(!SemanticVersion::parse(QStringLiteral("builtin")));
        QVERIFY(SemanticVersion::parse(QStringLiteral("1.0.0+build.5")));
        QVERIFY(*SemanticVersion::parse(QStringLiteral("1.0.0+a")) == *SemanticVersion::parse(QStringLiteral("1.0.0+b")));
    }
};

QTEST_GUILESS_MAIN(TestUpdateEndpoint)
#include "tst_update_endpoint.moc"
