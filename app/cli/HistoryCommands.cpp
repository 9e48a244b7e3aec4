// `slipway history ...`: what a release manager and an auditor read back from the release history.
#include "cli/CliSupport.h"
#include "cli/CommandRegistry.h"
#include "crypto/RsaKey.h"
#include "history/History.h"
#include "history/HistoryExport.h"
#include "history/HistoryMigration.h"
#include "release/ReleaseEvidence.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

using namespace slipway;
using namespace slipway::history;

namespace {

// Readers mark releases whose process died as interrupted when they can write; on a read-only or
// full history the queries report them as interrupted all the same.
Result<std::unique_ptr<History>> openHistory()
{
    auto history = History::open();
    if (history)
        (void)history.value()->reconcileDeadOwners();
    return history;
}

QString shortTime(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
}

int historyList(const QStringList& args)
{
    cli::CommandLine cl(QStringLiteral("history list"), QStringLiteral("List releases, newest first."));
    cl.addOption({QStringLiteral("app"), QStringLiteral("Only this app id."), QStringLiteral("ID")});
    cl.addOption({QStringLiteral("channel"), QStringLiteral("Only this channel."), QStringLiteral("C")});
    cl.addOption({QStringLiteral("status"),
                  QStringLiteral("Only this status: completed, interrupted, refused, abandoned, running."),
                  QStringLiteral("S")});
    cl.addOption({QStringLiteral("version"), QStringLiteral("Only this version."), QStringLiteral("V")});
    cl.addOption({QStringLiteral("search"),
                  QStringLiteral("Only releases whose app id, version, channel or notes contain TEXT (case matters)."),
                  QStringLiteral("TEXT")});
    cl.addOption(
        {QStringLiteral("limit"), QStringLiteral("At most N releases (default 50, 0 = all)."), QStringLiteral("N")});
    cl.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!cl.parse(args))
        return cl.exitCode();
    constexpr int MaxSearch = 200;
    if (cl.value(QStringLiteral("search")).size() > MaxSearch)
        return cli::reportError(QStringLiteral("--search takes at most %1 characters.").arg(MaxSearch), cli::ExitUsage);
    auto history = openHistory();
    if (!history)
        return cli::reportError(history.error());
    ReleaseFilter filter;
    filter.appId = cl.value(QStringLiteral("app"));
    filter.channel = cl.value(QStringLiteral("channel"));
    filter.status = cl.value(QStringLiteral("status"));
    filter.version = cl.value(QStringLiteral("version"));
    filter.text = cl.value(QStringLiteral("search"));
    filter.limit = cl.isSet(QStringLiteral("limit")) ? cl.value(QStringLiteral("limit")).toInt() : 50;
    auto releases = history.value()->releases(filter);
    if (!releases)
        return cli::reportError(releases.error());
    if (cl.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const auto& r : releases.value()) {
            QJsonObject o = toJson(r);
            o.remove(QStringLiteral("plan_json"));
            array.append(o);
        }
        cli::printJson(QJsonDocument(array));
        return cli::ExitOk;
    }
    if (releases->isEmpty()) {
        cli::printLine(QStringLiteral("No releases recorded yet (history %1).").arg(history.value()->path()));
        return cli::ExitOk;
    }
    cli::printLine(QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8")
                       .arg(QStringLiteral("ID").rightJustified(6), QStringLiteral("APP").leftJustified(24),
                            QStringLiteral("VERSION").leftJustified(12), QStringLiteral("CHANNEL").leftJustified(12),
                            QStringLiteral("STATUS").leftJustified(11),
                            QStringLiteral("CREATED (UTC)").leftJustified(19),
                            QStringLiteral("SHA-256").leftJustified(12), QStringLiteral("DESK")));
    for (const auto& r : releases.value()) {
        cli::printLine(QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8")
                           .arg(QString::number(r.id).rightJustified(6), r.appId.leftJustified(24),
                                r.version.leftJustified(12), r.channel.leftJustified(12), r.status.leftJustified(11),
                                shortTime(r.createdAt).leftJustified(19), r.sha256.left(12).leftJustified(12),
                                r.desk.isEmpty() ? QStringLiteral("-") : r.desk));
    }
    return cli::ExitOk;
}

int historyShow(const QStringList& args)
{
    cli::CommandLine cl(QStringLiteral("history show"),
                        QStringLiteral("Show one release: record, steps of every attempt, channel events."));
    cl.addPositional(QStringLiteral("ID"), QStringLiteral("The release id (see 'slipway history list')."));
    cl.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!cl.parse(args, 1, 1))
        return cl.exitCode();
    bool ok = false;
    const qint64 id = cl.positional().first().toLongLong(&ok);
    if (!ok)
        return cli::reportError(QStringLiteral("'%1' is not a release id").arg(cl.positional().first()),
                                cli::ExitUsage);
    auto history = openHistory();
    if (!history)
        return cli::reportError(history.error());
    auto record = history.value()->release(id);
    if (!record)
        return cli::reportError(record.error());
    auto steps = history.value()->steps(id);
    if (!steps)
        return cli::reportError(steps.error());
    auto events = history.value()->channelEvents(record->appId); // a promote lands on another channel
    if (!events)
        return cli::reportError(events.error());
    QList<ChannelEvent> mine;
    for (const auto& e : events.value()) {
        if (e.releaseId == id)
            mine << e;
    }
    if (cl.isSet(QStringLiteral("json"))) {
        QJsonObject o = toJson(record.value());
        o.insert(QStringLiteral("plan"), QJsonDocument::fromJson(record->planJson.toUtf8()).object());
        QJsonArray stepArray;
        for (const auto& s : steps.value())
            stepArray.append(toJson(s));
        o.insert(QStringLiteral("steps"), stepArray);
        QJsonArray eventArray;
        for (const auto& e : mine)
            eventArray.append(toJson(e));
        o.insert(QStringLiteral("channel_events"), eventArray);
        cli::printJson(o);
        return cli::ExitOk;
    }
    const ReleaseRecord& r = record.value();
    auto line = [](const QString& label, const QString& value) {
        if (!value.isEmpty())
            cli::printLine(QStringLiteral("  %1 %2").arg(label.leftJustified(18), value));
    };
    cli::printLine(
        QStringLiteral("Release %1: %2 %3 on channel %4 - %5").arg(r.id).arg(r.appId, r.version, r.channel, r.status));
    line(QStringLiteral("reason"), r.reason);
    line(QStringLiteral("created"),
         shortTime(r.createdAt) + QStringLiteral(" UTC by ") + r.osUser + QLatin1Char('@') + r.host);
    line(QStringLiteral("desk"), r.desk);
    if (r.finishedAt.isValid())
        line(QStringLiteral("finished"), shortTime(r.finishedAt) + QStringLiteral(" UTC"));
    line(QStringLiteral("attempts"), QString::number(r.attempts));
    if (r.reReleaseOf > 0)
        line(QStringLiteral("re-release of"), QStringLiteral("release %1 (explicitly allowed)").arg(r.reReleaseOf));
    line(QStringLiteral("key_id"), r.keyId);
    line(QStringLiteral("key fingerprint"), crypto::groupedFingerprint(r.keyFingerprint));
    line(QStringLiteral("SHA-256 (zip)"), r.sha256);
    if (r.plainSize > 0)
        line(QStringLiteral("zip size"), QStringLiteral("%1 bytes, %2 files").arg(r.plainSize).arg(r.files));
    line(QStringLiteral("SHA-256 (upload)"), r.encryptedSha256);
    if (r.encryptedSize > 0)
        line(QStringLiteral("encrypted size"), QStringLiteral("%1 bytes").arg(r.encryptedSize));
    line(QStringLiteral("checksum format"), r.checksumFormat);
    line(QStringLiteral("signed checksum"), r.signedChecksum);
    line(QStringLiteral("ivSessionKey"), r.ivSessionKey);
    line(QStringLiteral("storage"), r.storage);
    line(QStringLiteral("object key"), r.storageKey);
    line(QStringLiteral("public URL"), r.publicUrl);
    line(QStringLiteral("registrar"), r.registrar);
    line(QStringLiteral("registration"), r.registration);
    line(QStringLiteral("notes"), r.notes);
    line(QStringLiteral("min update version"), r.minUpdateVersion);
    cli::printLine(QStringLiteral("Steps:"));
    int attempt = 0;
    for (const auto& s : steps.value()) {
        if (s.attempt != attempt) {
            attempt = s.attempt;
            cli::printLine(QStringLiteral("  attempt %1%2")
                               .arg(attempt)
                               .arg(attempt > 1 ? QStringLiteral(" (resumed)") : QString()));
        }
        const qint64 ms = s.startedAt.isValid() && s.finishedAt.isValid() ? s.startedAt.msecsTo(s.finishedAt) : -1;
        cli::printLine(
            QStringLiteral("    %1 %2 %3%4")
                .arg(s.name.leftJustified(10), s.outcome.leftJustified(12),
                     ms >= 0 ? QStringLiteral("%1 ms").arg(ms).leftJustified(9) : QString(9, QLatin1Char(' ')),
                     s.error.isEmpty() ? s.detail : s.error));
    }
    for (const auto& e : mine)
        cli::printLine(QStringLiteral("Channel %1 %2: %3 -> %4 at %5 UTC by %6@%7")
                           .arg(e.channel, e.kind,
                                e.previousVersion.isEmpty() ? QStringLiteral("(none)") : e.previousVersion, e.version,
                                shortTime(e.at), e.osUser, e.host));
    return cli::ExitOk;
}

int historyVerify(const QStringList& args)
{
    cli::CommandLine cl(
        QStringLiteral("history verify"),
        QStringLiteral("Check the audit chain: names every release, step, key or channel event row that was "
                       "edited, deleted, inserted or reordered outside Slipway."));
    cl.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!cl.parse(args))
        return cl.exitCode();
    auto history = History::open();
    if (!history)
        return cli::reportError(history.error());
    auto report = history.value()->verify();
    if (!report)
        return cli::reportError(report.error());
    if (cl.isSet(QStringLiteral("json"))) {
        QJsonArray problems;
        for (const auto& p : report->problems)
            problems.append(QJsonObject{{QStringLiteral("table"), p.table},
                                        {QStringLiteral("row_id"), p.rowId},
                                        {QStringLiteral("seq"), p.seq},
                                        {QStringLiteral("description"), p.description}});
        cli::printJson(QJsonObject{{QStringLiteral("intact"), report->intact()},
                                   {QStringLiteral("entries"), report->entries},
                                   {QStringLiteral("rows"), report->rows},
                                   {QStringLiteral("head"), report->head},
                                   {QStringLiteral("problems"), problems}});
        return report->intact() ? cli::ExitOk : cli::ExitFailure;
    }
    if (report->intact()) {
        cli::printLine(QStringLiteral("History intact: %1 audit entries and %2 rows check out (chain head %3).")
                           .arg(report->entries)
                           .arg(report->rows)
                           .arg(report->head));
        return cli::ExitOk;
    }
    cli::printLine(QStringLiteral("History BROKEN: %1 problem(s) in %2:")
                       .arg(report->problems.size())
                       .arg(history.value()->path()));
    for (const auto& p : report->problems)
        cli::printLine(QStringLiteral("  - %1").arg(p.description));
    return cli::reportError(QStringLiteral("the release history was altered outside Slipway (see above)"));
}

int historyExport(const QStringList& args)
{
    cli::CommandLine cl(QStringLiteral("history export"),
                        QStringLiteral("Export every release (with steps in JSON) to a file."));
    cl.addOption({QStringLiteral("format"), QStringLiteral("csv or json."), QStringLiteral("FORMAT")});
    cl.addOption({QStringLiteral("out"), QStringLiteral("The file to write."), QStringLiteral("FILE")});
    if (!cl.parse(args) || !cl.require({QStringLiteral("format"), QStringLiteral("out")}))
        return cl.exitCode();
    const QString format = cl.value(QStringLiteral("format")).toLower();
    if (format != QLatin1String("csv") && format != QLatin1String("json"))
        return cli::reportError(QStringLiteral("--format must be csv or json"), cli::ExitUsage);
    auto history = openHistory();
    if (!history)
        return cli::reportError(history.error());
    auto releases = releasesOldestFirst(*history.value());
    if (!releases)
        return cli::reportError(releases.error());
    const QString out = cl.value(QStringLiteral("out"));
    if (auto written = writeExport(*history.value(), releases.value(),
                                   format == QLatin1String("csv") ? ExportFormat::Csv : ExportFormat::Json, out);
        !written)
        return cli::reportError(written.error());
    cli::printLine(QStringLiteral("Exported %1 releases to %2.").arg(releases->size()).arg(out));
    return cli::ExitOk;
}

int historyEvidence(const QStringList& args)
{
    cli::CommandLine cl(
        QStringLiteral("history evidence"),
        QStringLiteral("Write an evidence package (tar.xz) for a security review of one release, with a "
                       "README explaining how to check each item with openssl."));
    cl.addPositional(QStringLiteral("ID"), QStringLiteral("The release id."));
    cl.addOption(
        {QStringLiteral("out"), QStringLiteral("The package to write (FILE.tar.xz)."), QStringLiteral("FILE")});
    if (!cl.parse(args, 1, 1) || !cl.require({QStringLiteral("out")}))
        return cl.exitCode();
    bool ok = false;
    const qint64 id = cl.positional().first().toLongLong(&ok);
    if (!ok)
        return cli::reportError(QStringLiteral("'%1' is not a release id").arg(cl.positional().first()),
                                cli::ExitUsage);
    auto history = openHistory();
    if (!history)
        return cli::reportError(history.error());
    if (Status s = release::ReleaseEvidence::write(*history.value(), id, cl.value(QStringLiteral("out"))); !s)
        return cli::reportError(s.error());
    cli::printLine(
        QStringLiteral("Wrote the evidence package of release %1 to %2.").arg(id).arg(cl.value(QStringLiteral("out"))));
    return cli::ExitOk;
}

int historyMigrate(const QStringList& args)
{
    cli::CommandLine cl(
        QStringLiteral("history migrate"),
        QStringLiteral("Copy this history (the default file, or --history FILE) with its ids, steps, events, device "
                       "stats and audit chain into an empty PostgreSQL history shared by a team. The chain is "
                       "verified before and after; a non-empty target with another chain is refused."));
    cl.addOption({QStringLiteral("to"),
                  QStringLiteral("The team history: postgresql://USER@HOST:PORT/DATABASE (password from PGPASSWORD or "
                                 "~/.pgpass)."),
                  QStringLiteral("URL")});
    cl.addOption({QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")});
    if (!cl.parse(args) || !cl.require({QStringLiteral("to")}))
        return cl.exitCode();
    const QString to = cl.value(QStringLiteral("to"));
    if (!to.startsWith(QLatin1String("postgresql://")) && !to.startsWith(QLatin1String("postgres://")))
        return cli::reportError(
            QStringLiteral("--to must be a PostgreSQL history: postgresql://USER@HOST:PORT/DATABASE"), cli::ExitUsage);
    auto source = History::open();
    if (!source)
        return cli::reportError(source.error());
    auto target = History::open(to);
    if (!target)
        return cli::reportError(target.error());
    QElapsedTimer clock;
    clock.start();
    qint64 lastShown = -1000;
    const bool quiet = cl.isSet(QStringLiteral("quiet"));
    auto outcome =
        HistoryMigration(*source.value(), *target.value()).run([&](const QString& table, qint64 done, qint64 total) {
            if (quiet || (done < total && clock.elapsed() - lastShown < 500))
                return;
            lastShown = clock.elapsed();
            cli::printErrorLine(QStringLiteral("Copying %1: %2 of %3 rows").arg(table).arg(done).arg(total));
        });
    if (!outcome)
        return cli::reportError(outcome.error());
    QStringList rows;
    for (const auto& [table, count] : outcome->rows) {
        if (count > 0)
            rows << QStringLiteral("%1 %2").arg(count).arg(table);
    }
    if (rows.isEmpty()) {
        cli::printLine(
            QStringLiteral("The history %1 is empty: there was nothing to migrate.").arg(source.value()->path()));
        return cli::ExitOk;
    }
    if (outcome->alreadyThere) {
        cli::printLine(
            QStringLiteral("Nothing to do: %1 already holds this history (%2; chain head %3), and it verifies.")
                .arg(target.value()->path(), rows.join(QStringLiteral(", ")), outcome->head));
        return cli::ExitOk;
    }
    cli::printLine(QStringLiteral("Migrated %1 to %2 in %3 s: %4. The audit chain verifies on both sides (%5 entries, "
                                  "head %6).")
                       .arg(source.value()->path(), target.value()->path())
                       .arg(static_cast<double>(clock.elapsed()) / 1000.0, 0, 'f', 1)
                       .arg(rows.join(QStringLiteral(", ")))
                       .arg(outcome->entries)
                       .arg(outcome->head));
    return cli::ExitOk;
}

const cli::CommandRegistration registration{
    {QStringLiteral("history list"), QStringLiteral("List releases (filters: --app, --channel, --status)"),
     &historyList},
    {QStringLiteral("history show"), QStringLiteral("Show one release with its steps"), &historyShow},
    {QStringLiteral("history verify"), QStringLiteral("Check the history's audit chain for tampering"), &historyVerify},
    {QStringLiteral("history export"), QStringLiteral("Export the history as CSV or JSON"), &historyExport},
    {QStringLiteral("history migrate"), QStringLiteral("Copy the history into an empty PostgreSQL team history"),
     &historyMigrate},
    {QStringLiteral("history evidence"), QStringLiteral("Write a release's evidence package (tar.xz)"),
     &historyEvidence},
};

} // namespace
