#pragma once

#include "common/Result.h"
#include "history/HistoryRecords.h"
#include "history/HistorySchema.h"

#include <QList>
#include <QString>
#include <QVariantList>

#include <functional>
#include <memory>
#include <optional>

namespace slipway::history {

class AuditChain;
class HistoryDatabase;
template <typename Record> class HistoryTable;

// The release history: an SQLite file (HistoryDatabase: WAL, busy timeout, one IMMEDIATE transaction per
// write, retried while another Slipway process holds the lock; HistorySchema: forward migrations) holding
// releases, their steps, signing keys and channel events, sealed by an append-only AuditChain in the same
// transaction as each write.
//
// An instance owns its own connection and must be used from the thread that opened it (the
// runner opens one on its worker thread; the GUI keeps one on the UI thread).
class History
{
public:
    static constexpr int SchemaVersion = HistorySchema::Version;

    // How queries show a `running` release whose process is gone (killed or crashed, and not yet
    // marked by reconcileDeadOwners() because the history could not be written): Reported shows it
    // as interrupted, as it really is; Stored gives the row exactly as written (evidence, seals).
    enum class View { Reported, Stored };

    // $SLIPWAY_HISTORY (set by --history) when set: a file, or a PostgreSQL database shared by a team
    // (postgresql://USER@HOST:PORT/DATABASE, the password from PGPASSWORD or ~/.pgpass); otherwise
    // DataLocation::root()/history.sqlite.
    [[nodiscard]] static QString defaultPath();
    // Opens (creating or migrating as needed) a file or a postgresql:// location. A damaged file is never written to: it is copied
    // to a backup beside it and the error says where. When the file or its folder cannot be
    // written (a read-only mount, no permission) it is opened read-only: every query works and
    // every write fails with a message naming the folder.
    [[nodiscard]] static Result<std::unique_ptr<History>> open(const QString& path = defaultPath());

    ~History();
    History(const History&) = delete;
    History& operator=(const History&) = delete;

    [[nodiscard]] QString path() const;
    // Why the history cannot be written (empty when it can).
    [[nodiscard]] QString readOnlyReason() const;

    // Queries
    [[nodiscard]] Result<QList<ReleaseRecord>> releases(const ReleaseFilter& filter = {});
    [[nodiscard]] Result<qint64> countReleases(const ReleaseFilter& filter = {});
    // The distinct values of one column among the releases `filter` selects, in order (the filter's limit and order do
    // not apply): lists of apps or channels without reading every release.
    enum class Column { AppId, Channel, Version };
    [[nodiscard]] Result<QStringList> releaseValues(Column column, const ReleaseFilter& filter = {});
    [[nodiscard]] Result<ReleaseRecord> release(qint64 id, View view = View::Reported);
    [[nodiscard]] Result<QList<StepRecord>> steps(qint64 releaseId, View view = View::Reported);
    [[nodiscard]] Result<QList<KeyRecord>> keys();
    [[nodiscard]] Result<std::optional<KeyRecord>> keyByFingerprint(const QString& fingerprint);
    // Newest first; empty app/channel: all.
    [[nodiscard]] Result<QList<ChannelEvent>> channelEvents(const QString& appId = {}, const QString& channel = {});
    // The newest event of each kind on each channel of the app, newest first: what the channels show now, without
    // reading an event for every release ever made.
    [[nodiscard]] Result<QList<ChannelEvent>> newestChannelEvents(const QString& appId);
    // The newest completed release of app/version/channel, if any (duplicate detection).
    [[nodiscard]] Result<std::optional<ReleaseRecord>> completedRelease(const QString& appId, const QString& version,
                                                                        const QString& channel);
    // The chain entries that seal one row (newest last).
    [[nodiscard]] Result<QList<AuditEntry>> auditEntries(const QString& table, qint64 rowId);
    // Walks the chain and every sealed row; names each row edited, deleted, inserted or reordered.
    [[nodiscard]] Result<AuditReport> verify();

    // Writes (each sealed in the audit chain within the same transaction)
    [[nodiscard]] Result<qint64> createRelease(const ReleaseRecord& record);
    // Takes the claim on the record's app, version and channel and inserts it as `running`, in one
    // write transaction, unless another `running` or `interrupted` release holds that claim: then
    // nothing is written and the holder is returned (see ReleaseStatus for the rule).
    [[nodiscard]] Result<ReleaseClaim> claimRelease(const ReleaseRecord& record);
    [[nodiscard]] Status updateRelease(const ReleaseRecord& record);
    // Writes `record` only while the stored row still has this status and owner (a status change
    // that must not overwrite what another process did meanwhile); false when the row had changed.
    [[nodiscard]] Result<bool> updateReleaseIf(const ReleaseRecord& record, const QString& status,
                                               const QString& owner);
    // Marks `running` releases whose process is gone (ReleaseOwner) as interrupted, with their
    // running steps. An error when the history cannot be written (queries still report them as
    // interrupted).
    [[nodiscard]] Status reconcileDeadOwners();
    [[nodiscard]] Result<qint64> startStep(const StepRecord& step);
    [[nodiscard]] Status updateStep(const StepRecord& step);
    // Inserts the key or, when its fingerprint is known, leaves the existing row as it is.
    [[nodiscard]] Result<qint64> recordKey(const KeyRecord& key);
    [[nodiscard]] Result<qint64> recordChannelEvent(const ChannelEvent& event);
    [[nodiscard]] Result<qint64> recordDeviceEvent(const DeviceEvent& event);
    // Newest first; empty app: all apps.
    // With a device id: that device's events only.
    [[nodiscard]] Result<QList<DeviceEvent>> deviceEvents(const QString& appId = {}, int limit = 200,
                                                          const QString& deviceId = {});

    // For the stores that live beside the history in the same database (DeviceStats); HistoryDatabase.h is
    // for core/history only.
    [[nodiscard]] HistoryDatabase& database() { return *m_db; }

    // Many releases in one transaction (benchmarks and imports).
    [[nodiscard]] Status importReleases(const QList<ReleaseRecord>& records);
    // The writes `body` makes (releases, steps, events) in one transaction: all of them or none.
    [[nodiscard]] Status inOneTransaction(const std::function<Status()>& body);

    // The canonical text whose SHA-256 seals a row (also written into evidence packages).
    [[nodiscard]] static QByteArray canonical(const ReleaseRecord& record);
    [[nodiscard]] static QByteArray canonical(const StepRecord& step);
    [[nodiscard]] static QByteArray canonical(const KeyRecord& key);
    [[nodiscard]] static QByteArray canonical(const ChannelEvent& event);

private:
    History(std::unique_ptr<HistoryDatabase> db, QString desk);

    [[nodiscard]] Status abandonDuplicateClaims();
    // Inside a write transaction: inserts one sealed row and appends its seal (the new row's id), or updates one
    // and appends its new seal.
    template <typename Record>
    [[nodiscard]] Result<qint64> insertSealed(const HistoryTable<Record>& table, Record record, const QString& what);
    template <typename Record>
    [[nodiscard]] Status writeSealed(const HistoryTable<Record>& table, const Record& record);
    // Rows as stored; `clauses` follows "FROM releases" (WHERE, ORDER BY, LIMIT).
    [[nodiscard]] Result<QList<ReleaseRecord>> storedReleases(const QString& clauses, const QVariantList& binds);
    // Inside a write: whether the release row still has this status and owner.
    [[nodiscard]] Result<bool> rowStill(qint64 id, const QString& status, const QString& owner);
    void reportDeadOwner(ReleaseRecord& record) const;

    // `record` as it is recorded: stamped with this process's desk unless it names one.
    [[nodiscard]] ReleaseRecord withDesk(ReleaseRecord record) const;
    // Inside a write: updates the release row and seals it, keeping the stored desk when `record` names none.
    [[nodiscard]] Status writeRelease(ReleaseRecord record);

    std::unique_ptr<HistoryDatabase> m_db;
    QString m_desk;
    std::unique_ptr<AuditChain> m_chain;
    // Whether each sealed insert announces its release (HistoryNotifier); an import announces once for all.
    bool m_announce = true;
};

} // namespace slipway::history
