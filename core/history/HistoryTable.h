#pragma once

#include "history/HistoryTime.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <utility>
#include <variant>

namespace slipway::history {

// Column name and value, in the table's column order.
using ColumnValues = QList<QPair<QString, QVariant>>;

// One table of the history: every column named once, with the record field it holds. Inserts, updates, the row
// reader, the audit seal's canonical text and the JSON all follow this list. (The CREATE TABLE statements stay
// in HistorySchema: a migration is a record of how the schema changed and never follows the current list.)
template <typename Record> class HistoryTable
{
public:
    using Field = std::variant<QString Record::*, qint64 Record::*, int Record::*, QDateTime Record::*>;
    enum class Json { Exported, Omitted };
    struct Column
    {
        QString name;
        Field field;
        Json json = Json::Exported;
    };
    // Whether the rows are sealed in the audit chain (their seal columns follow the columns in selects).
    enum class Seal { Sealed, Unsealed };

    HistoryTable(QString name, Seal seal, QList<Column> columns)
        : m_name(std::move(name)), m_seal(seal), m_columns(std::move(columns))
    {
    }

    [[nodiscard]] const QString& name() const { return m_name; }
    [[nodiscard]] qsizetype size() const { return m_columns.size(); }
    [[nodiscard]] QStringList columnNames() const
    {
        QStringList names;
        for (const Column& c : m_columns)
            names << c.name;
        return names;
    }
    // Selects read "id, <columns>[, seal_seq, content_sha256]" by position (looking columns up by name per row
    // costs more than the query itself).
    [[nodiscard]] QString selectList() const
    {
        QStringList names = QStringList{QStringLiteral("id")} + columnNames();
        if (m_seal == Seal::Sealed)
            names << QStringLiteral("seal_seq") << QStringLiteral("content_sha256");
        return names.join(QLatin1Char(','));
    }
    // Position of seal_seq in selectList() (content_sha256 follows it).
    [[nodiscard]] int sealSeqPosition() const { return static_cast<int>(m_columns.size()) + 1; }
    [[nodiscard]] QString insertStatement() const
    {
        return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
            .arg(m_name, columnNames().join(QLatin1Char(',')),
                 QStringList(m_columns.size(), QStringLiteral("?")).join(QLatin1Char(',')));
    }
    // Binds the values() and then the id.
    [[nodiscard]] QString updateStatement() const
    {
        return QStringLiteral("UPDATE %1 SET %2 = ? WHERE id = ?")
            .arg(m_name, columnNames().join(QStringLiteral(" = ?,")));
    }

    // The stored values (times as HistoryTime text), named.
    [[nodiscard]] ColumnValues values(const Record& r) const
    {
        ColumnValues out;
        out.reserve(m_columns.size());
        for (const Column& c : m_columns)
            out.append({c.name, std::visit([&](auto member) { return stored(r.*member); }, c.field)});
        return out;
    }
    // A record from a row read with selectList(): valueAt(0) is the id, valueAt(i + 1) column i.
    template <typename ValueAt> [[nodiscard]] Record record(const ValueAt& valueAt) const
    {
        Record r;
        r.id = valueAt(0).toLongLong();
        for (int i = 0; i < m_columns.size(); ++i)
            std::visit([&](auto member) { read(r.*member, valueAt(i + 1)); }, m_columns[i].field);
        return r;
    }
    // The id and every exported column.
    [[nodiscard]] QJsonObject json(const Record& r) const
    {
        QJsonObject o{{QStringLiteral("id"), r.id}};
        for (const Column& c : m_columns) {
            if (c.json == Json::Exported)
                o.insert(c.name, std::visit([&](auto member) { return jsonValue(r.*member); }, c.field));
        }
        return o;
    }

private:
    static QVariant stored(const QString& v) { return v; }
    static QVariant stored(qint64 v) { return v; }
    static QVariant stored(int v) { return v; }
    static QVariant stored(const QDateTime& v) { return HistoryTime::stored(v); }
    static void read(QString& out, const QVariant& v) { out = v.toString(); }
    static void read(qint64& out, const QVariant& v) { out = v.toLongLong(); }
    static void read(int& out, const QVariant& v) { out = v.toInt(); }
    static void read(QDateTime& out, const QVariant& v) { out = HistoryTime::fromStored(v); }
    static QJsonValue jsonValue(const QString& v) { return v; }
    static QJsonValue jsonValue(qint64 v) { return v; }
    static QJsonValue jsonValue(int v) { return v; }
    static QJsonValue jsonValue(const QDateTime& v) { return HistoryTime::json(v); }

    QString m_name;
    Seal m_seal;
    QList<Column> m_columns;
};

} // namespace slipway::history
