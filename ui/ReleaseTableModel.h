#pragma once

#include "history/HistoryRecords.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace slipway::ui {

// The releases of the history view: rows come from History::releases(filter), so the SQL stays in core.
class ReleaseTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        AppColumn,
        VersionColumn,
        ChannelColumn,
        StatusColumn,
        CreatedColumn,
        SizeColumn,
        KeyColumn,
        ColumnCount
    };

    explicit ReleaseTableModel(QObject* parent = nullptr);

    void setReleases(QList<history::ReleaseRecord> releases);
    // The rows of `ids` as they are now, `current` holding those that still belong in the list: each is updated in
    // place, inserted in id order (newest first) or removed, without resetting the model (the selection stays).
    void applyChanges(const QList<history::ReleaseRecord>& current, const QList<qint64>& ids);
    // How often the whole list was replaced (setReleases) and how often changes were applied row by row.
    [[nodiscard]] int resetCount() const { return m_resets; }
    [[nodiscard]] int changeCount() const { return m_changes; }
    [[nodiscard]] const QList<history::ReleaseRecord>& releases() const { return m_releases; }
    [[nodiscard]] const history::ReleaseRecord* releaseAt(int row) const;
    [[nodiscard]] int rowOf(qint64 releaseId) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    [[nodiscard]] static QString statusText(const QString& status);

private:
    QList<history::ReleaseRecord> m_releases;
    QHash<QString, QString> m_keyNames; // fingerprint -> the name the Keys view shows
    int m_resets = 0;
    int m_changes = 0;
};

} // namespace slipway::ui
