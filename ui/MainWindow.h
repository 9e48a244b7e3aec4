#pragma once

#include <QMainWindow>

namespace slipway::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace slipway::ui
