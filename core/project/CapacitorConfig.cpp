#include "project/CapacitorConfig.h"


#include "common/BoundedFile.h"
#include "common/InputLimits.h"
#include "crypto/KeyPairFiles.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

#include <sys/stat.h>

namespace slipway::project {

namespace {

// Byte ranges of one JSON object's members, found without re-serialising the text.
struct MemberSpan
{
    QString key;
    qsizetype keyStart = 0;
    qsizetype valueStart = 0;
    qsizetype valueEnd = 0;
};

struct ObjectSpan
{
    qsizetype open = 0;  // index of '{'
    qsizetype close = 0; // index of '}'
    QList<MemberSpan> members;
};

class JsonSpanScanner
{
public:
    explicit JsonSpanScanner(const QByteArray& text) : m_text(text) {}

    std::optional<ObjectSpan> objectAt(qsizetype pos)
    {
        m_pos = pos;
        skipSpace();
        if (peek() != '{')
            return std::nullopt;
        ObjectSpan object;
        object.open = m_pos++;
        skipSpace();
        if (peek() == '}') {
            object.close = m_pos;
            return object;
        }
        for (;;) {
            skipSpace();
            MemberSpan member;
            member.keyStart = m_pos;
            const qsizetype keyEnd = skipString();
            if (keyEnd < 0)
                return std::nullopt;
            member.key = QJsonDocument::fromJson("[" + m_text.mid(member.keyStart, keyEnd - member.keyStart) + "]")
                             .array()
                             .first()
                             .toString();
            skipSpace();
            if (peek() != ':')
                return std::nullopt;
            ++m_pos;
            skipSpace();
            member.valueStart = m_pos;
            if (!skipValue())
                return std::nullopt;
            member.valueEnd = m_pos;
            object.members.append(member);
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() != '}')
                return std::nullopt;
            object.close = m_pos;
            return object;
        }
    }

private:
    [[nodiscard]] char peek() const { return m_pos < m_text.size() ? m_text.at(m_pos) : '\0'; }
    void skipSpace()
    {
        while (m_pos < m_text.size() && (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t'))
            ++m_pos;
    }
    qsizetype skipString()
    {
        if (peek() != '"')
            return -1;
        ++m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text.at(m_pos++);
            if (c == '\\')
                ++m_pos;
            else if (c == '"')
                return m_pos;
        }
        return -1;
    }
    bool skipValue()
    {
        const char c = peek();
        if (c == '"')
            return skipString() >= 0;
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++m_pos;
            for (;;) {
                skipSpace();
                if (peek() == close) {
                    ++m_pos;
                    return true;
                }
                if (c == '{') {
                    if (skipString() < 0)
                        return false;
                    skipSpace();
                    if (peek() != ':')
                        return false;
                    ++m_pos;
                    skipSpace();
                }
                if (!skipValue())
                    return false;
                skipSpace();
                if (peek() == ',')
                    ++m_pos;
                else if (peek() != close)
                    return false;
            }
        }
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && !QByteArrayView(",}] \n\r\t").contains(peek()))
            ++m_pos;
        return m_pos > start;
    }

    const QByteArray& m_text;
    qsizetype m_pos = 0;
};

QByteArray jsonString(const QString& value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// The whitespace that starts the line holding position `pos`.
QByteArray lineIndent(const QByteArray& text, qsizetype pos)
{
    const qsizetype lineStart = text.lastIndexOf('\n', pos) + 1;
    qsizetype end = lineStart;
    while (end < text.size() && (text.at(end) == ' ' || text.at(end) == '\t'))
        ++end;
    return text.mid(lineStart, end - lineStart);
}

QByteArray indentUnit(const QByteArray& text)
{
    const qsizetype newline = text.indexOf('\n');
    if (newline >= 0) {
        QByteArray indent = lineIndent(text, newline + 1);
        if (!indent.isEmpty())
            return indent;
    }
    return "  ";
}

// Adds `"key": value` as the last member of `object`, following the layout of its siblings.
QByteArray insertMember(const QByteArray& text, const ObjectSpan& object, const QString& key, const QByteArray& value)
{
    const QByteArray closeIndent = lineIndent(text, object.close);
    const bool multiline = text.mid(object.open, object.close - object.open).contains('\n') || object.members.isEmpty();
    const QByteArray memberIndent = object.members.isEmpty() ? closeIndent + indentUnit(text)
                                                             : lineIndent(text, object.members.last().keyStart);
    const QByteArray member = jsonString(key) + ": " + value;
    QByteArray result = text;
    if (object.members.isEmpty())
        return result.replace(object.open + 1, object.close - object.open - 1,
                              "\n" + memberIndent + member + "\n" + closeIndent);
    const QByteArray separator = multiline ? ",\n" + memberIndent : ", ";
    return result.insert(object.members.last().valueEnd, separator + member);
}

// `{"publicKey": "..."}` nested in as many objects as `keys` names, laid out at `indent`.
QByteArray nestedObject(const QStringList& keys, const QByteArray& leaf, const QByteArray& indent, const QByteArray& unit)
{
    if (keys.isEmpty())
        return leaf;
    const QByteArray inner = indent + unit;
    return "{\n" + inner + jsonString(keys.first()) + ": " + nestedObject(keys.mid(1), leaf, inner, unit) + "\n" + indent + "}";
}

} // namespace

Result<QByteArray> CapacitorConfig::withPublicKey(const QByteArray& jsonText, const QString& publicPem)
{
    QJsonParseError parseError{};
    const QJsonDocument original = QJsonDocument::fromJson(jsonText, &parseError);
    if (original.isNull() || !original.isObject())
        return fail(QStringLiteral("The Capacitor config is not a JSON object (%1); fix it or paste the key by hand.")
                        .arg(parseError.errorString()));

    const QStringList path{QStringLiteral("plugins"), QStringLiteral("CapacitorUpdater"), QStringLiteral("publicKey")};
    const QByteArray value = jsonString(publicPem);
    JsonSpanScanner scanner(jsonText);
    auto object = scanner.objectAt(0);
    QByteArray updated;
    for (int depth = 0; object; ++depth) {
        const auto it = std::find_if(object->members.begin(), object->members.end(),
                                     [&](const MemberSpan& m) { return m.key == path[depth]; });
        if (it == object->members.end()) {
            const QByteArray indent = object->members.isEmpty()
                                          ? lineIndent(jsonText, object->close) + indentUnit(jsonText)
                                          : lineIndent(jsonText, object->members.last().keyStart);
            const QByteArray leaf = nestedObject(path.mid(depth + 1), value, indent, indentUnit(jsonText));
            updated = insertMember(jsonText, *object, path[depth], leaf);
            break;
        }
        if (depth == path.size() - 1) {
            updated = jsonText;
            updated.replace(it->valueStart, it->valueEnd - it->valueStart, value);
            break;
        }
        object = scanner.objectAt(it->valueStart);
        if (!object)
            return fail(QStringLiteral("'%1' in the Capacitor config is not an object; fix it or paste the key by hand.")
                            .arg(path.mid(0, depth + 1).join(QLatin1Char('.'))));
    }
    if (!object)
        return fail(QStringLiteral("The Capacitor config could not be read for editing; paste the key by hand."));

    // The edit must change exactly one value: compare with the same change made on the parsed document.
    QJsonObject expected = original.object();
    QJsonObject plugins = expected.value(path[0]).toObject();
    QJsonObject updater = plugins.value(path[1]).toObject();
    updater.insert(path[2], publicPem);
    plugins.insert(path[1], updater);
    expected.insert(path[0], plugins);
    if (QJsonDocument::fromJson(updated).object() != expected)
        return fail(QStringLiteral("Editing the Capacitor config would change more than the public key; paste the key "
                                   "by hand."));
    return updated;
}

Status CapacitorConfig::writePublicKey(const QString& configPath, const QString& publicPem)
{
    const QFileInfo info(configPath);
    if (info.suffix() != QLatin1String("json"))
        return fail(QStringLiteral("Slipway does not edit %1 (TypeScript/JavaScript could be corrupted). Paste this "
                                   "into its config object:\n%2")
                        .arg(configPath, typeScriptSnippet(publicPem)));
    auto bytes = readBoundedFile(configPath, limits::ConfigFileBytes, QStringLiteral("Capacitor config"));
    if (!bytes)
        return bytes.error();
    auto updated = withPublicKey(bytes.value(), publicPem);
    if (!updated)
        return fail(QStringLiteral("%1: %2").arg(configPath, updated.error().message));
    struct stat existing{};
    const int mode = ::stat(QFile::encodeName(configPath).constData(), &existing) == 0 ? int(existing.st_mode & 07777) : 0644;
    return crypto::KeyPairFiles::writeFileAtomically(configPath, updated.value(), mode);
}

QString CapacitorConfig::typeScriptSnippet(const QString& publicPem)
{
    QString escaped = publicPem;
    escaped.replace(QLatin1String("\n"), QLatin1String("\\n"));
    return QStringLiteral("  plugins: {\n    CapacitorUpdater: {\n      publicKey: '%1',\n    },\n  },").arg(escaped);
}

} // namespace slipway::project
