#include "GuiMain.h"

#include "HistoryChoice.h"
#include "MainWindow.h"
#include "Resources.h"
#include "Theme.h"

#include <QApplication>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int runDesktop(int argc, char** argv)
{
    QApplication app(argc, argv);
    slipway::ui::initResources();
    QApplication::setOrganizationName(QStringLiteral("Slipway"));
    QApplication::setApplicationDisplayName(QStringLiteral("Slipway"));
    QApplication::setDesktopFileName(QStringLiteral("io.slipway.Slipway"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/slipway.svg")));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("slipway"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    slipway::ui::HistoryChoice::applyAtStart();
    slipway::ui::Theme::apply();
    slipway::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
