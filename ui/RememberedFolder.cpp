#include "RememberedFolder.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace slipway::ui {

RememberedFolder::RememberedFolder(const QString& dialog) : m_key(QStringLiteral("fileDialogs/") + dialog) {}

QString RememberedFolder::folder() const
{
    const QString remembered = QSettings().value(m_key).toString();
    return !remembered.isEmpty() && QFileInfo(remembered).isDir() ? remembered : QDir::homePath();
}

QString RememberedFolder::fileIn(const QString& name) const
{
    return QDir(folder()).filePath(name);
}

void RememberedFolder::remember(const QString& chosen) const
{
    if (chosen.isEmpty())
        return;
    const QFileInfo info(chosen);
    QSettings().setValue(m_key, info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

} // namespace slipway::ui
