#include "DropZone.h"

#include <QDragEnterEvent>
#include <QMimeData>

namespace slipway::ui {

DropZone::DropZone(const QString& text, QWidget* parent) : QLabel(text, parent)
{
    setObjectName(QStringLiteral("dropZone"));
    setAcceptDrops(true);
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setMinimumHeight(84);
    setAccessibleName(tr("Drop area for a build folder or archive"));
    setHighlighted(false);
}

void DropZone::setHighlighted(bool on)
{
    setStyleSheet(QStringLiteral("#dropZone { border: 2px dashed %1; border-radius: 8px; padding: 12px; }")
                      .arg(on ? QStringLiteral("#2f7fd1") : QStringLiteral("#8a949e")));
}

void DropZone::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        setHighlighted(true);
        event->acceptProposedAction();
    }
}

void DropZone::dragLeaveEvent(QDragLeaveEvent* event)
{
    setHighlighted(false);
    QLabel::dragLeaveEvent(event);
}

void DropZone::dropEvent(QDropEvent* event)
{
    setHighlighted(false);
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        Q_EMIT pathDropped(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

} // namespace slipway::ui
