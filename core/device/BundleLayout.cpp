#include "device/BundleLayout.h"

#include "device/ZipFormat.h"

#include <QHash>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>

namespace slipway::device {

namespace {

constexpr quint32 UnixSymlink = 0120000;
constexpr quint32 UnixFolder = 0040000;
constexpr quint32 UnixFile = 0100000;

// The folders and file name a phone creates for an entry: "./" and empty parts do not count.
QStringList phoneParts(const QString& name)
{
    QStringList parts = name.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    parts.removeAll(QStringLiteral("."));
    return parts;
}

// How iOS's file system compares names (case-insensitive, normalisation-insensitive); Android's ext4/f2fs is
// stricter, so two names equal here may be one file on a phone.
QString phoneKey(const QStringList& parts, qsizetype count)
{
    return parts.mid(0, count).join(QLatin1Char('/')).normalized(QString::NormalizationForm_C).toCaseFolded();
}

// Names the plugin's Android code skips when it looks for a single top folder (iOS skips none).
bool skippedOnAndroid(const QString& topName)
{
    return topName.startsWith(QLatin1String("__MACOSX")) || topName.startsWith(QLatin1Char('.'));
}

QString encodingProblem(const ZipEntry& e)
{
    if (std::all_of(e.rawName.cbegin(), e.rawName.cend(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        return {};
    if ((e.flags & zip::Utf8Flag) == 0)
        return QStringLiteral("The entry '%1' has a non-ASCII name without the zip's UTF-8 flag: Android reads it as "
                              "UTF-8 and iOS as code page 437, so the file gets a different name on each. Re-package "
                              "with a tool that sets the UTF-8 flag (slipway bundle zip does).")
            .arg(e.name);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    [[maybe_unused]] const QString decoded = utf8.decode(e.rawName); // decoding happens here
    if (utf8.hasError())
        return QStringLiteral("The entry '%1' has a name that is not valid UTF-8 although the zip says it is: "
                              "Android's zip reader stops with an error. Rename the file and re-package the bundle.")
            .arg(e.name);
    return {};
}

QString typeProblem(const ZipEntry& e)
{
    const quint32 type = e.unixFileType();
    if (type == UnixSymlink)
        return QStringLiteral(
                   "The entry '%1' is a symbolic link: Android writes it as a small file holding the link "
                   "text, iOS as a link, so the app would differ between the two. Put the file itself in the "
                   "bundle.")
            .arg(e.name);
    if ((type == UnixFolder && !e.isDirectory()) || (type == UnixFile && e.isDirectory()))
        return QStringLiteral("The entry '%1' is a %2 by its name but a %3 by its Unix mode: Android goes by the name, "
                              "iOS by the mode. Re-package the bundle (slipway bundle zip).")
            .arg(e.name, e.isDirectory() ? QStringLiteral("folder") : QStringLiteral("file"),
                 e.isDirectory() ? QStringLiteral("file") : QStringLiteral("folder"));
    return {};
}

} // namespace

QString BundleLayout::unsafeNameReason(const QByteArray& rawName)
{
    if (rawName.isEmpty())
        return QStringLiteral("an entry has an empty name");
    if (rawName.contains('\0'))
        return QStringLiteral("a NUL character in the name");
    if (rawName.contains('\\'))
        return QStringLiteral("a backslash in the name");
    if (rawName.startsWith('/') || (rawName.size() > 1 && rawName.at(1) == ':'))
        return QStringLiteral("an absolute path");
    int depth = 0;
    bool parentPart = false;
    for (const QByteArray& part : rawName.split('/')) {
        if (part == "..") {
            parentPart = true;
            if (--depth < 0)
                return QStringLiteral("'..' escapes the bundle folder");
        } else if (!part.isEmpty() && part != ".") {
            ++depth;
        }
    }
    if (parentPart)
        return QStringLiteral("a '..' part in the name, which Android 14 and later refuse in any zip entry");
    return {};
}

Status BundleLayout::checkEntries(const QList<ZipEntry>& entries)
{
    enum class Kind { File, Folder };
    struct Claim
    {
        Kind kind;
        QString by; // the entry that made this path a file or a folder
    };
    QHash<QString, Claim> paths;
    for (const auto& e : entries) {
        if (const QString why = unsafeNameReason(e.rawName); !why.isEmpty())
            return fail(QStringLiteral("The entry '%1' is refused: %2.").arg(e.name, why));
        if (QString why = encodingProblem(e); !why.isEmpty())
            return fail(std::move(why));
        if (QString why = typeProblem(e); !why.isEmpty())
            return fail(std::move(why));
        const QStringList parts = phoneParts(e.name);
        const qsizetype folders = e.isDirectory() ? parts.size() : parts.size() - 1;
        for (qsizetype depth = 1; depth <= folders; ++depth) {
            const auto claim = paths.constFind(phoneKey(parts, depth));
            if (claim == paths.cend())
                paths.insert(phoneKey(parts, depth), {Kind::Folder, e.name});
            else if (claim->kind == Kind::File)
                return fail(
                    QStringLiteral("'%1' is both a file and a folder ('%2'): a phone cannot create both. Rename "
                                   "one and re-package the bundle.")
                        .arg(claim->by, e.name));
        }
        if (e.isDirectory() || parts.isEmpty())
            continue;
        const QString key = phoneKey(parts, parts.size());
        const auto claim = paths.constFind(key);
        if (claim == paths.cend()) {
            paths.insert(key, {Kind::File, e.name});
        } else if (claim->kind == Kind::Folder) {
            return fail(
                QStringLiteral("'%1' is both a file and a folder ('%2'): a phone cannot create both. Rename one "
                               "and re-package the bundle.")
                    .arg(e.name, claim->by));
        } else if (claim->by == e.name) {
            return fail(QStringLiteral("The entry '%1' appears twice: on a phone both land on the same file and one "
                                       "silently replaces the other. Re-package the bundle (slipway bundle zip).")
                            .arg(e.name));
        } else {
            return fail(QStringLiteral("The entries '%1' and '%2' are the same file on a phone (iOS ignores case and "
                                       "Unicode normalisation; './' and '//' do not count): one silently replaces the "
                                       "other. Keep one of them and re-package the bundle.")
                            .arg(claim->by, e.name));
        }
    }
    return Ok{};
}

Result<QString> BundleLayout::resolveRoot(const QList<ZipEntry>& entries)
{
    QSet<QString> topFiles;
    QSet<QString> topFolders;
    QSet<QString> paths;
    for (const auto& e : entries) {
        if (const QString why = unsafeNameReason(e.rawName); !why.isEmpty())
            return fail(QStringLiteral("A phone refuses the entry '%1': %2.").arg(e.name, why));
        const QStringList parts = phoneParts(e.name);
        if (parts.isEmpty())
            continue;
        paths.insert(parts.join(QLatin1Char('/')));
        if (parts.size() == 1 && !e.isDirectory())
            topFiles.insert(parts.first());
        else
            topFolders.insert(parts.first());
    }
    if (topFiles.contains(QStringLiteral("index.html")))
        return QString();
    QStringList candidates;
    for (const QString& folder : topFolders)
        if (!skippedOnAndroid(folder))
            candidates << folder;
    const bool visibleFiles =
        std::any_of(topFiles.cbegin(), topFiles.cend(), [](const QString& f) { return !skippedOnAndroid(f); });
    if (candidates.size() == 1 && !visibleFiles) {
        const QString folder = candidates.first();
        if (!paths.contains(folder + QLatin1String("/index.html")))
            return fail(
                QStringLiteral("The bundle's only folder '%1' has no index.html: the phone would have nothing to "
                               "show. Zip the web build's output folder (the one with index.html).")
                    .arg(folder));
        QStringList beside =
            QStringList(topFolders.cbegin(), topFolders.cend()) + QStringList(topFiles.cbegin(), topFiles.cend());
        beside.removeAll(folder);
        beside.sort();
        if (!beside.isEmpty())
            return fail(QStringLiteral("The bundle's only folder '%1' becomes the root on Android, which ignores %2 "
                                       "beside it, but iOS counts %2 too, keeps the zip's root and finds no index.html "
                                       "there. Remove %2 from the zip, or zip the contents of '%1'.")
                            .arg(folder, beside.join(QStringLiteral(", "))));
        return folder + QLatin1Char('/');
    }
    return fail(
        QStringLiteral("The bundle has no index.html at its root: the phone would have nothing to show. Zip the "
                       "web build's output folder (the one with index.html)."));
}

} // namespace slipway::device
