#include "device/BundleLayout.h"

#include <QSet>

namespace slipway::device {

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
    for (const QByteArray& part : rawName.split('/')) {
        if (part == "..") {
            if (--depth < 0)
                return QStringLiteral("'..' escapes the bundle folder");
        } else if (!part.isEmpty() && part != ".") {
            ++depth;
        }
    }
    return {};
}

Result<QString> BundleLayout::resolveRoot(const QList<ZipEntry>& entries)
{
    QSet<QString> topFiles;
    QSet<QString> topFolders;
    for (const auto& e : entries) {
        if (const QString why = unsafeNameReason(e.rawName); !why.isEmpty())
            return fail(QStringLiteral("A phone refuses the entry '%1': %2.").arg(e.name, why));
        const qsizetype slash = e.name.indexOf(QLatin1Char('/'));
        if (slash < 0)
            topFiles.insert(e.name);
        else
            topFolders.insert(e.name.left(slash));
    }
    if (topFiles.contains(QStringLiteral("index.html")))
        return QString();
    QStringList candidates;
    for (const QString& folder : topFolders)
        if (folder != QLatin1String("__MACOSX") && !folder.startsWith(QLatin1Char('.')))
            candidates << folder;
    QStringList visibleFiles;
    for (const QString& file : topFiles)
        if (!file.startsWith(QLatin1Char('.')))
            visibleFiles << file;
    if (candidates.size() == 1 && visibleFiles.isEmpty()) {
        const QString prefix = candidates.first() + QLatin1Char('/');
        for (const auto& e : entries)
            if (e.name == prefix + QLatin1String("index.html"))
                return prefix;
        return fail(QStringLiteral("The bundle's only folder '%1' has no index.html: the phone would have nothing to "
                                   "show. Zip the web build's output folder (the one with index.html).")
                        .arg(candidates.first()));
    }
    return fail(QStringLiteral("The bundle has no index.html at its root: the phone would have nothing to show. Zip the "
                               "web build's output folder (the one with index.html)."));
}

} // namespace slipway::device
