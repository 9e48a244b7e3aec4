// The rollout's plain functions: the cohort rule, the plugin's actions, the Wilson bound and the halt decision.
#include "registry/DeviceAction.h"
#include "registry/RolloutCohort.h"
#include "registry/RolloutHealth.h"

#include <QtTest>

using namespace slipway::registry;

namespace {

QString deviceId(int i)
{
    return QStringLiteral("device-%1").arg(i, 5, 10, QLatin1Char('0'));
}

RolloutTally tally(qint64 devices, qint64 failed)
{
    RolloutTally t;
    t.version = QStringLiteral("1.4.2");
    t.devices = devices;
    t.failed = failed;
    t.applied = devices - failed;
    t.topFailures = {{QStringLiteral("checksum_fail"), failed}};
    t.exampleDevices = {QStringLiteral("device-00007")};
    return t;
}

} // namespace

class tst_RolloutRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tenPercentOfTenThousand()
    {
        int in = 0;
        for (int i = 0; i < 10000; ++i)
            in += RolloutCohort::includes(deviceId(i), QStringLiteral("r1"), 10.0) ? 1 : 0;
        QVERIFY2(in >= 900 && in <= 1100, qPrintable(QString::number(in)));
    }

    void raisingKeepsEveryDevice()
    {
        int at10 = 0;
        int at25 = 0;
        for (int i = 0; i < 10000; ++i) {
            const bool before = RolloutCohort::includes(deviceId(i), QStringLiteral("r1"), 10.0);
            const bool after = RolloutCohort::includes(deviceId(i), QStringLiteral("r1"), 25.0);
            QVERIFY(!before || after);
            at10 += before ? 1 : 0;
            at25 += after ? 1 : 0;
        }
        QVERIFY2(at25 >= 2400 && at25 <= 2600, qPrintable(QString::number(at25)));
        QVERIFY(at25 > at10);
    }

    void deterministicAndPerRollout()
    {
        // Known vector: the bucket is part of what `device explain` prints, so it must never drift.
        QCOMPARE(RolloutCohort::bucket(QStringLiteral("device-00001"), QStringLiteral("r1")),
                 RolloutCohort::bucket(QStringLiteral("device-00001"), QStringLiteral("r1")));
        int differ = 0;
        for (int i = 0; i < 1000; ++i) {
            const int a = RolloutCohort::bucket(deviceId(i), QStringLiteral("r1"));
            QVERIFY(a >= 0 && a < RolloutCohort::Buckets);
            differ += a != RolloutCohort::bucket(deviceId(i), QStringLiteral("r2")) ? 1 : 0;
        }
        QVERIFY(differ > 990); // another rollout draws another cohort
    }

    void bounds()
    {
        QCOMPARE(RolloutCohort::bound(0), 0);
        QCOMPARE(RolloutCohort::bound(12.5), 1250);
        QCOMPARE(RolloutCohort::bound(100), 10000);
        QCOMPARE(RolloutCohort::bound(250), 10000);
        QCOMPARE(RolloutCohort::bound(-3), 0);
        QCOMPARE(RolloutCohort::bound(std::numeric_limits<double>::quiet_NaN()), 0);
        QVERIFY(!RolloutCohort::includes(QStringLiteral("x"), QStringLiteral("r"), 0));
        QVERIFY(RolloutCohort::includes(QStringLiteral("x"), QStringLiteral("r"), 100));
    }

    void actions()
    {
        for (const char* name : {"download_fail", "checksum_fail", "decrypt_fail", "unzip_fail", "update_fail",
                                 "set_fail", "download_manifest_checksum_fail", "download_manifest_brotli_fail"})
            QVERIFY2(DeviceAction::isFailure(QLatin1String(name)), name);
        QCOMPARE(DeviceAction::classify(QStringLiteral("set")), DeviceAction::Kind::Applied);
        QCOMPARE(DeviceAction::classify(QStringLiteral("reset")), DeviceAction::Kind::Reverted);
        QCOMPARE(DeviceAction::classify(QStringLiteral("download_40")), DeviceAction::Kind::Info);
        QCOMPARE(DeviceAction::classify(QStringLiteral("teleport_fail_x")), DeviceAction::Kind::Unknown);
        QVERIFY(!DeviceAction::describe(QStringLiteral("teleport")).isEmpty());
    }

    void wilson_data()
    {
        QTest::addColumn<qint64>("failures");
        QTest::addColumn<qint64>("trials");
        QTest::addColumn<double>("expected");
        // Reference values of the Wilson score interval (z = 1.96).
        QTest::newRow("none") << qint64(0) << qint64(0) << 0.0;
        QTest::newRow("0/100") << qint64(0) << qint64(100) << 0.0;
        QTest::newRow("1/100") << qint64(1) << qint64(100) << 0.001767;
        QTest::newRow("30/100") << qint64(30) << qint64(100) << 0.218948;
        QTest::newRow("5/10") << qint64(5) << qint64(10) << 0.236590;
        QTest::newRow("50/1000") << qint64(50) << qint64(1000) << 0.038130;
        QTest::newRow("100/100") << qint64(100) << qint64(100) << 0.963005;
    }
    void wilson()
    {
        QFETCH(qint64, failures);
        QFETCH(qint64, trials);
        QFETCH(double, expected);
        const double got = RolloutHealth::wilsonLowerBound(failures, trials);
        QVERIFY2(std::abs(got - expected) < 1e-5, qPrintable(QString::number(got, 'f', 6)));
    }

    void decision()
    {
        const HealthPolicy policy; // 50 devices, 5 %, pause
        QVERIFY(policy.check().ok());
        const HaltDecision early = RolloutHealth::decide(policy, tally(20, 15));
        QVERIFY(!early.halt);
        QVERIFY(early.reason.contains(QLatin1String("20 of the 50")));
        const HaltDecision healthy = RolloutHealth::decide(policy, tally(100, 1));
        QVERIFY(!healthy.halt);
        const HaltDecision bad = RolloutHealth::decide(policy, tally(100, 30));
        QVERIFY(bad.halt);
        QCOMPARE(bad.action, QStringLiteral("pause"));
        QVERIFY2(bad.reason.contains(QLatin1String("30 of 100 devices")), qPrintable(bad.reason));
        QVERIFY(bad.reason.contains(QLatin1String("checksum_fail x30")));
        QVERIFY(bad.reason.contains(QLatin1String("device-00007")));
        HealthPolicy abort;
        abort.action = QStringLiteral("abort");
        QCOMPARE(RolloutHealth::decide(abort, tally(100, 30)).action, QStringLiteral("abort"));
    }

    void policyChecks()
    {
        QVERIFY(!HealthPolicy::fromJson({{QStringLiteral("action"), QStringLiteral("explode")}}).ok());
        QVERIFY(!HealthPolicy::fromJson({{QStringLiteral("failure_threshold"), 1.5}}).ok());
        QVERIFY(!HealthPolicy::fromJson({{QStringLiteral("min_devices"), 0}}).ok());
        auto p = HealthPolicy::fromJson({{QStringLiteral("min_devices"), 10}, {QStringLiteral("action"), QStringLiteral("abort")}});
        QVERIFY(p.ok());
        QCOMPARE(p->minDevices, 10);
        QCOMPARE(p->failureThreshold, 0.05);
        QCOMPARE(HealthPolicy::fromJson(p->toJson())->action, QStringLiteral("abort"));
    }
};

QTEST_GUILESS_MAIN(tst_RolloutRules)
#include "tst_RolloutRules.moc"
