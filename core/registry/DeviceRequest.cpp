#include "registry/DeviceRequest.h"

#include "common/InputLimits.h"
#include "common/TerminalText.h"
#include "release/ReleasePlan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace slipway::registry {

namespace {

enum class Rule {
    Name,     // app ids and channels: what a release may be published under (ReleasePlan::isSafeName)
    DeviceId, // a UUID, or an id of letters, digits, '.', '_', ':' and '-'
    Version,  // "builtin" or a bundle version: letters, digits, '.', '_', '+' and '-'
    KeyId,    // base64 characters
    Action,   // download_complete, set, ...: letters, digits, '_' and '-'
    Platform, // android, ios, electron
    Text,     // free text without control characters (version_build may be "1.0 (beta)")
    Boolean,
};

struct Field
{
    QLatin1String name;
    Rule rule;
    int maxChars;
};

// The plugin's fields (createInfoObject and its stats events), see docs/registry.md.
const Field Fields[] = {
    {QLatin1String("app_id"), Rule::Name, limits::DeviceAppIdChars},
    {QLatin1String("device_id"), Rule::DeviceId, limits::DeviceIdChars},
    {QLatin1String("channel"), Rule::Name, limits::DeviceChannelChars},
    {QLatin1String("defaultChannel"), Rule::Name, limits::DeviceChannelChars},
    {QLatin1String("version_name"), Rule::Version, limits::DeviceVersionChars},
    {QLatin1String("old_version_name"), Rule::Version, limits::DeviceVersionChars},
    {QLatin1String("key_id"), Rule::KeyId, limits::DeviceKeyIdChars},
    {QLatin1String("action"), Rule::Action, limits::DeviceActionChars},
    {QLatin1String("platform"), Rule::Platform, limits::DeviceActionChars},
    {QLatin1String("version_build"), Rule::Text, limits::DeviceTextChars},
    {QLatin1String("version_code"), Rule::Text, limits::DeviceTextChars},
    {QLatin1String("version_os"), Rule::Text, limits::DeviceTextChars},
    {QLatin1String("plugin_version"), Rule::Text, limits::DeviceTextChars},
    {QLatin1String("custom_id"), Rule::Text, limits::DeviceTextChars},
    {QLatin1String("install_source"), Rule::Text, limits::DeviceTextChars},
    {QLatin1String("is_emulator"), Rule::Boolean, 0},
    {QLatin1String("is_prod"), Rule::Boolean, 0},
};

const Field* fieldNamed(const QString& name)
{
    for (const Field& f : Fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

bool matches(Rule rule, const QString& text)
{
    static const QRegularExpression deviceId(QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9._:-]+")));
    static const QRegularExpression version(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9][A-Za-z0-9._+-]*")));
    static const QRegularExpression keyId(QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9+/=_-]+")));
    static const QRegularExpression action(QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_-]+")));
    switch (rule) {
    case Rule::Name:
        return release::ReleasePlan::isSafeName(text);
    case Rule::DeviceId:
        return deviceId.match(text).hasMatch();
    case Rule::Version:
        return version.match(text).hasMatch();
    case Rule::KeyId:
        return keyId.match(text).hasMatch();
    case Rule::Action:
        return action.match(text).hasMatch();
    case Rule::Platform:
        return text == QLatin1String("android") || text == QLatin1String("ios") || text == QLatin1String("electron");
    case Rule::Text:
        return text.isValidUtf16() && !hasUnprintable(text);
    case Rule::Boolean:
        return false;
    }
    return false;
}

QString ruleWords(Rule rule)
{
    switch (rule) {
    case Rule::Name:
        return QStringLiteral("letters, digits, '.', '_' and '-', starting with a letter or digit");
    case Rule::DeviceId:
        return QStringLiteral("letters, digits, '.', '_', ':' and '-'");
    case Rule::Version:
        return QStringLiteral("a version such as 1.4.0 or builtin");
    case Rule::KeyId:
        return QStringLiteral("base64 characters");
    case Rule::Action:
        return QStringLiteral("letters, digits, '_' and '-'");
    case Rule::Platform:
        return QStringLiteral("android, ios or electron");
    case Rule::Text:
        return QStringLiteral("text without control or formatting characters");
    case Rule::Boolean:
        return QStringLiteral("true or false");
    }
    return {};
}

QStringList requiredFields(DeviceRequest::Kind kind)
{
    switch (kind) {
    case DeviceRequest::Kind::Update:
        return {QStringLiteral("app_id")};
    case DeviceRequest::Kind::Stats:
        return {QStringLiteral("app_id"), QStringLiteral("action")};
    case DeviceRequest::Kind::SetChannel:
        return {QStringLiteral("device_id"), QStringLiteral("channel")};
    case DeviceRequest::Kind::GetChannel:
        return {};
    }
    return {};
}

Result<QJsonDocument> parseJson(const QByteArray& body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("The body is not JSON in UTF-8 (%1 at byte %2).")
                        .arg(error.errorString())
                        .arg(error.offset));
    return doc;
}

} // namespace

Status DeviceRequest::checkField(const QString& name, const QJsonValue& value)
{
    const Field* field = fieldNamed(name);
    if (!field || value.isNull() || value.isUndefined())
        return Ok{};
    if (field->rule == Rule::Boolean) {
        if (!value.isBool())
            return fail(QStringLiteral("%1 must be true or false.").arg(name));
        return Ok{};
    }
    if (!value.isString())
        return fail(QStringLiteral("%1 must be a string.").arg(name));
    const QString text = value.toString();
    if (text.isEmpty())
        return Ok{};
    if (text.size() > field->maxChars)
        return fail(QStringLiteral("%1 is %2 characters long; at most %3 are accepted.")
                        .arg(name)
                        .arg(text.size())
                        .arg(field->maxChars));
    if (!matches(field->rule, text))
        return fail(QStringLiteral("%1 must be %2.").arg(name, ruleWords(field->rule)));
    return Ok{};
}

Result<QJsonObject> DeviceRequest::check(const QJsonObject& object, Kind kind)
{
    QJsonObject known;
    for (const Field& field : Fields) {
        const QString name = field.name;
        const QJsonValue value = object.value(name);
        if (Status ok = checkField(name, value); !ok)
            return ok.error();
        if (!value.isNull() && !value.isUndefined())
            known.insert(name, value);
    }
    for (const QString& name : requiredFields(kind))
        if (known.value(name).toString().isEmpty())
            return fail(QStringLiteral("The request has no %1.").arg(name));
    return known;
}

Result<QJsonObject> DeviceRequest::parse(const QByteArray& body, Kind kind)
{
    auto doc = parseJson(body);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return fail(QStringLiteral("The body must be one JSON object."));
    return check(doc->object(), kind);
}

Result<QList<QJsonObject>> DeviceRequest::parseStats(const QByteArray& body)
{
    auto doc = parseJson(body);
    if (!doc)
        return doc.error();
    if (!doc->isArray() && !doc->isObject())
        return fail(QStringLiteral("The body must be a JSON object or an array of them."));
    const QJsonArray events = doc->isArray() ? doc->array() : QJsonArray{doc->object()};
    if (events.isEmpty())
        return fail(QStringLiteral("The body holds no event."));
    if (events.size() > limits::ServeStatsEvents)
        return fail(QStringLiteral("The body holds %1 events; at most %2 are accepted at once.")
                        .arg(events.size())
                        .arg(limits::ServeStatsEvents));
    QList<QJsonObject> out;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (!events[i].isObject())
            return fail(QStringLiteral("Event %1 is not a JSON object.").arg(i + 1));
        auto event = check(events[i].toObject(), Kind::Stats);
        if (!event)
            return fail(events.size() == 1 ? event.error().message
                                           : QStringLiteral("Event %1: %2").arg(i + 1).arg(event.error().message));
        out << event.value();
    }
    return out;
}

} // namespace slipway::registry
