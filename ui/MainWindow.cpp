#include "MainWindow.h"

#include <QLabel>

namespace slipway::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Slipway"));
    auto* placeholder = new QLabel(tr("Slipway release manager"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1100, 720);
}

} // namespace slipway::ui
