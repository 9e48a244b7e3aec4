#include "GuiMain.h"

#include "MainWindow.h"

#include <QApplication>
#include <QIcon>

int runDesktop(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Slipway"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/slipway.svg")));
    slipway::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
