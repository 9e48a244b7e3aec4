#include "registry/DeviceAction.h"

#include <QHash>

namespace slipway::registry {

namespace {

struct Known
{
    DeviceAction::Kind kind;
    const char* words;
};

const QHash<QString, Known>& known()
{
    using K = DeviceAction::Kind;
    static const QHash<QString, Known> actions{
        {QStringLiteral("set"), {K::Applied, "switched to the bundle"}},
        {QStringLiteral("download_fail"), {K::Failure, "the download failed"}},
        {QStringLiteral("checksum_fail"), {K::Failure, "the bundle's checksum did not match"}},
        {QStringLiteral("decrypt_fail"), {K::Failure, "decrypting the bundle failed"}},
        {QStringLiteral("unzip_fail"), {K::Failure, "unzipping the bundle failed"}},
        {QStringLiteral("update_fail"), {K::Failure, "the bundle did not start in time (no notifyAppReady), so the plugin rolled it back"}},
        {QStringLiteral("set_fail"), {K::Failure, "switching to the bundle failed"}},
        {QStringLiteral("low_mem_fail"), {K::Failure, "the phone ran out of memory while updating"}},
        {QStringLiteral("windows_path_fail"), {K::Failure, "the bundle holds a file path a phone refuses"}},
        {QStringLiteral("canonical_path_fail"), {K::Failure, "the bundle holds a path outside its folder"}},
        {QStringLiteral("directory_path_fail"), {K::Failure, "the bundle's folder could not be created"}},
        {QStringLiteral("download_manifest_file_fail"), {K::Failure, "a file of the delta manifest failed to download"}},
        {QStringLiteral("download_manifest_checksum_fail"), {K::Failure, "a file of the delta manifest had a bad checksum"}},
        {QStringLiteral("download_manifest_brotli_fail"), {K::Failure, "a file of the delta manifest did not decompress"}},
        {QStringLiteral("reset"), {K::Reverted, "went back to the builtin bundle"}},
        {QStringLiteral("rollback"), {K::Reverted, "went back to a previous bundle"}},
        {QStringLiteral("get"), {K::Info, "asked for an update"}},
        {QStringLiteral("delete"), {K::Info, "deleted a bundle"}},
        {QStringLiteral("download_complete"), {K::Info, "downloaded the bundle"}},
        {QStringLiteral("download_zip_start"), {K::Info, "started the download"}},
        {QStringLiteral("download_zip_complete"), {K::Info, "downloaded the zip"}},
        {QStringLiteral("download_manifest_start"), {K::Info, "started the delta download"}},
        {QStringLiteral("download_manifest_complete"), {K::Info, "downloaded the delta manifest"}},
        {QStringLiteral("app_moved_to_foreground"), {K::Info, "the app came to the foreground"}},
        {QStringLiteral("app_moved_to_background"), {K::Info, "the app went to the background"}},
        {QStringLiteral("uninstall"), {K::Info, "the app was uninstalled"}},
        {QStringLiteral("setChannel"), {K::Info, "chose a channel"}},
        {QStringLiteral("getChannel"), {K::Info, "read its channel"}},
        {QStringLiteral("ping"), {K::Info, "pinged"}},
    };
    return actions;
}

} // namespace

DeviceAction::Kind DeviceAction::classify(const QString& action)
{
    const auto it = known().constFind(action);
    if (it != known().constEnd())
        return it->kind;
    // download_10 .. download_90: progress.
    if (action.startsWith(QLatin1String("download_")) && action.size() == 11 && action.at(9).isDigit())
        return Kind::Info;
    return Kind::Unknown;
}

QString DeviceAction::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Applied:
        return QStringLiteral("applied");
    case Kind::Failure:
        return QStringLiteral("failure");
    case Kind::Reverted:
        return QStringLiteral("reverted");
    case Kind::Info:
        return QStringLiteral("info");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

const QStringList& DeviceAction::failures()
{
    static const QStringList names = [] {
        QStringList out;
        for (auto it = known().cbegin(); it != known().cend(); ++it)
            if (it->kind == Kind::Failure)
                out << it.key();
        out.sort();
        return out;
    }();
    return names;
}

QString DeviceAction::describe(const QString& action)
{
    const auto it = known().constFind(action);
    if (it != known().constEnd())
        return QString::fromLatin1(it->words);
    if (classify(action) == Kind::Info)
        return QStringLiteral("download progress");
    return QStringLiteral("an action this Slipway does not know (kept as reported)");
}

} // namespace slipway::registry
