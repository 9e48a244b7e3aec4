#pragma once

#include "history/HistoryRecords.h"

#include <QWidget>

class QChart;
class QChartView;
class QValueAxis;

namespace slipway::ui {

// For stakeholders: releases per day (completed and interrupted) and the bundle size per version, of the newest
// releases (ReleasesShown: a chart of a team's millions would be unreadable and slow to read).
class ReleaseCharts : public QWidget
{
    Q_OBJECT
public:
    static constexpr int ReleasesShown = 2000;
    static constexpr int VersionsShown = 30; // on the size chart
    explicit ReleaseCharts(QWidget* parent = nullptr);
    void setReleases(const QList<history::ReleaseRecord>& releases);
    // A chart in the house style (theme from the palette, legend below, no animation); the caller owns it.
    [[nodiscard]] static QChart* makeChart(const QString& title);
    // An axis of counts from 0 to `highest` labelled in whole numbers only; the caller owns it.
    [[nodiscard]] static QValueAxis* makeCountAxis(qint64 highest);

private:
    QChartView* m_perDay;
    QChartView* m_sizes;
};

} // namespace slipway::ui
