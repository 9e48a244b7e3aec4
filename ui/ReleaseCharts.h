#pragma once

#include "history/HistoryRecords.h"

#include <QWidget>

class QChartView;

namespace slipway::ui {

// For stakeholders: releases per day (completed and interrupted) and the bundle size per version.
class ReleaseCharts : public QWidget
{
    Q_OBJECT
public:
    explicit ReleaseCharts(QWidget* parent = nullptr);
    void setReleases(const QList<history::ReleaseRecord>& releases);

private:
    QChartView* m_perDay;
    QChartView* m_sizes;
};

} // namespace slipway::ui
