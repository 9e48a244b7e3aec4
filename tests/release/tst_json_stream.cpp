#include "common/JsonStream.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace slipway;

namespace {

QJsonObject sample()
{
    return QJsonObject{
        {"version", "1.0.1"},
        {"quotes \" and \\\\ back", "line\nbreak\ttab \u0001 control"},
        {"non-ascii", QStringLiteral("\u00fcn\u00efc\u00f6d\u00e9 \u65e5\u672c \u2713")},
        {"big", qint64(9007199254740991)},
        {"negative", -42},
        {"fraction", 0.125},
        {"yes", true},
        {"nothing", QJsonValue::Null},
        {"empty array", QJsonArray{}},
        {"empty object", QJsonObject{}},
        {"manifest", QJsonArray{QJsonObject{{"file_name", "a b.js"}, {"size", 3}}, QJsonArray{1, "two", false}}},
    };
}

QJsonObject parsed(const QByteArray& text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("%s in %s", qPrintable(error.errorString()), text.constData());
    return doc.object();
}

} // namespace

class JsonStreamTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesWhatQtWouldWrite()
    {
        QBuffer out;
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(writeJson(out, sample()));
        QCOMPARE(parsed(out.data()), sample());
        QCOMPARE(out.data(), QJsonDocument(sample()).toJson(QJsonDocument::Compact));
    }

    void writesTheArrayMemberOneElementAtATime()
    {
        const QJsonArray files{QJsonObject{{"path", "index.html"}}, QJsonObject{{"path", "a \"b\".js"}}, 7};
        QBuffer out;
        QVERIFY(out.open(QIODevice::WriteOnly));
        int made = 0;
        QVERIFY(writeJsonWithArray(out, QJsonObject{{"encrypted", true}, {"note", ""}}, "files", files.size(),
                                   [&](qsizetype i) {
                                       ++made;
                                       return files.at(i);
                                   }));
        QCOMPARE(made, 3);
        QCOMPARE(parsed(out.data()), (QJsonObject{{"encrypted", true}, {"note", ""}, {"files", files}}));

        QBuffer bare;
        QVERIFY(bare.open(QIODevice::WriteOnly));
        QVERIFY(writeJsonWithArray(bare, QJsonObject{}, "files", 0, [](qsizetype) { return QJsonValue(); }));
        QCOMPARE(bare.data(), QByteArray(R"({"files":[]})"));
    }

    void aRefusedWriteIsReported()
    {
        QBuffer readOnly;
        QVERIFY(readOnly.open(QIODevice::ReadOnly));
        QVERIFY(!writeJson(readOnly, sample()));
        QVERIFY(!writeJsonWithArray(readOnly, sample(), "files", 1, [](qsizetype) { return QJsonValue(1); }));
    }
};

QTEST_GUILESS_MAIN(JsonStreamTest)
#include "tst_json_stream.moc"
