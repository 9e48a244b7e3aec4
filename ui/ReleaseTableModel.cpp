#include "ReleaseTableModel.h"

#include "KnownKeys.h"
#include "crypto/RsaKey.h"

#include <QApplication>
#include <QColor>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace slipway::ui {

ReleaseTableModel::ReleaseTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ReleaseTableModel::setReleases(QList<history::ReleaseRecord> releases)
{
    beginResetModel();
    ++m_resets;
    m_releases = std::move(releases);
    m_keyNames.clear();
    for (const KnownKey& key : KnownKeys::list())
        if (!key.fingerprint.isEmpty())
            m_keyNames.insert(key.fingerprint, key.label);
    endResetModel();
}

void ReleaseTableModel::applyChanges(const QList<history::ReleaseRecord>& current, const QList<qint64>& ids)
{
    ++m_changes;
    QHash<qint64, const history::ReleaseRecord*> now;
    for (const history::ReleaseRecord& r : current)
        now.insert(r.id, &r);
    for (const qint64 id : ids) {
        const int row = rowOf(id);
        const history::ReleaseRecord* record = now.value(id);
        if (record && row >= 0) {
            m_releases[row] = *record;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else if (record) {
            const auto at = std::find_if(m_releases.cbegin(), m_releases.cend(),
                                         [id](const history::ReleaseRecord& r) { return r.id < id; });
            const int position = int(at - m_releases.cbegin());
            beginInsertRows({}, position, position);
            m_releases.insert(position, *record);
            endInsertRows();
        } else if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_releases.removeAt(row);
            endRemoveRows();
        }
    }
}

const history::ReleaseRecord* ReleaseTableModel::releaseAt(int row) const
{
    return row >= 0 && row < m_releases.size() ? &m_releases.at(row) : nullptr;
}

int ReleaseTableModel::rowOf(qint64 releaseId) const
{
    for (int i = 0; i < m_releases.size(); ++i) {
        if (m_releases.at(i).id == releaseId)
            return i;
    }
    return -1;
}

int ReleaseTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_releases.size());
}

int ReleaseTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ReleaseTableModel::statusText(const QString& status)
{
    if (status == history::ReleaseStatus::Completed)
        return tr("completed");
    if (status == history::ReleaseStatus::Interrupted)
        return tr("interrupted");
    if (status == history::ReleaseStatus::Running)
        return tr("running");
    if (status == history::ReleaseStatus::Refused)
        return tr("refused");
    return status;
}

QVariant ReleaseTableModel::data(const QModelIndex& index, int role) const
{
    const history::ReleaseRecord* r = releaseAt(index.row());
    if (!r)
        return {};
    if (role == Qt::UserRole)
        return r->id;
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
        if (r->status == history::ReleaseStatus::Completed)
            return QColor(dark ? "#7fd48a" : "#1e7b34");
        if (r->status == history::ReleaseStatus::Interrupted)
            return QColor(dark ? "#f0c05a" : "#9a6700");
        if (r->status == history::ReleaseStatus::Refused)
            return QColor(dark ? "#ff8a80" : "#b3261e");
        return {};
    }
    if (role == Qt::TextAlignmentRole && (index.column() == IdColumn || index.column() == SizeColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case IdColumn:
        return r->id;
    case AppColumn:
        return r->appId;
    case VersionColumn:
        return r->version;
    case ChannelColumn:
        return r->channel;
    case StatusColumn:
        return role == Qt::ToolTipRole && !r->reason.isEmpty() ? r->reason : statusText(r->status);
    case CreatedColumn:
        return locale.toString(r->createdAt.toLocalTime(), QLocale::ShortFormat);
    case SizeColumn:
        return r->encryptedSize > 0 ? locale.formattedDataSize(r->encryptedSize) : QString();
    case KeyColumn:
        if (role == Qt::ToolTipRole)
            return KnownKeys::identity(r->keyId, r->keyFingerprint, true);
        return m_keyNames.value(r->keyFingerprint, crypto::fingerprintStart(r->keyFingerprint));
    default:
        return {};
    }
}

QVariant ReleaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("#");
    case AppColumn:
        return tr("App");
    case VersionColumn:
        return tr("Version");
    case ChannelColumn:
        return tr("Channel");
    case StatusColumn:
        return tr("Status");
    case CreatedColumn:
        return tr("Started");
    case SizeColumn:
        return tr("Size");
    case KeyColumn:
        return tr("Signed with");
    default:
        return {};
    }
}

} // namespace slipway::ui
