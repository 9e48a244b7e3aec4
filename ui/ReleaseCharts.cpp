#include "ReleaseCharts.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QMap>
#include <QPalette>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <QVersionNumber>

#include <set>

namespace slipway::ui {

QValueAxis* ReleaseCharts::makeCountAxis(qint64 highest)
{
    auto* axis = new QValueAxis;
    axis->setRange(0, static_cast<qreal>(highest));
    if (highest <= 8)
        axis->setTickCount(static_cast<int>(highest) + 1); // one line per unit: whole numbers only
    else
        axis->applyNiceNumbers();
    axis->setLabelFormat(QStringLiteral("%d"));
    return axis;
}

QChart* ReleaseCharts::makeChart(const QString& title)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    const bool dark = QApplication::palette().color(QPalette::Window).lightness() < 128;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

ReleaseCharts::ReleaseCharts(QWidget* parent)
    : QWidget(parent), m_perDay(new QChartView(this)), m_sizes(new QChartView(this))
{
    setObjectName(QStringLiteral("releaseCharts"));
    m_perDay->setObjectName(QStringLiteral("releasesPerDayChart"));
    m_perDay->setAccessibleName(tr("Releases per day"));
    m_sizes->setObjectName(QStringLiteral("bundleSizeChart"));
    m_sizes->setAccessibleName(tr("Bundle size per version"));
    for (QChartView* view : {m_perDay, m_sizes}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(220);
    }
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_perDay, 1);
    layout->addWidget(m_sizes, 1);
    setReleases({});
}

void ReleaseCharts::setReleases(const QList<history::ReleaseRecord>& releases)
{
    // Releases per day, the last 14 days that had any.
    QMap<QDate, QPair<int, int>> perDay;
    for (const history::ReleaseRecord& r : releases) {
        auto& counts = perDay[r.createdAt.toLocalTime().date()];
        if (r.status == history::ReleaseStatus::Completed)
            ++counts.first;
        else
            ++counts.second;
    }
    while (perDay.size() > 14)
        perDay.erase(perDay.begin());
    auto* completed = new QBarSet(tr("completed"));
    auto* other = new QBarSet(tr("interrupted or refused"));
    completed->setColor(QColor("#3a8f5a"));
    other->setColor(QColor("#d9a400"));
    QStringList days;
    int highest = 1;
    for (auto it = perDay.cbegin(); it != perDay.cend(); ++it) {
        days << QLocale().toString(it.key(), QStringLiteral("d MMM"));
        *completed << it.value().first;
        *other << it.value().second;
        highest = std::max(highest, it.value().first + it.value().second);
    }
    QChart* dayChart = makeChart(tr("Releases per day"));
    auto* bars = new QStackedBarSeries;
    bars->append(completed);
    bars->append(other);
    dayChart->addSeries(bars);
    auto* dayAxis = new QBarCategoryAxis;
    dayAxis->append(days.isEmpty() ? QStringList{tr("no releases yet")} : days);
    QValueAxis* countAxis = makeCountAxis(highest);
    dayChart->addAxis(dayAxis, Qt::AlignBottom);
    dayChart->addAxis(countAxis, Qt::AlignLeft);
    bars->attachAxis(dayAxis);
    bars->attachAxis(countAxis);
    QChart* oldDay = m_perDay->chart();
    m_perDay->setChart(dayChart);
    delete oldDay;

    // Bundle size per version (completed releases, one line per app), sorted by version.
    QMap<QString, QMap<QVersionNumber, qint64>> sizes;
    for (const history::ReleaseRecord& r : releases) {
        if (r.status == history::ReleaseStatus::Completed && r.encryptedSize > 0)
            sizes[r.appId][QVersionNumber::fromString(r.version)] = r.encryptedSize;
    }
    QChart* sizeChart = makeChart(tr("Bundle size per version (KiB)"));
    std::set<QVersionNumber> numbers;
    for (const auto& perVersion : sizes)
        for (auto it = perVersion.cbegin(); it != perVersion.cend(); ++it)
            numbers.insert(it.key());
    QStringList versions; // the newest VersionsShown, oldest first: thousands of labels are unreadable
    for (auto it = numbers.crbegin(); it != numbers.crend() && versions.size() < VersionsShown; ++it)
        versions.prepend(it->toString());
    auto* versionAxis = new QBarCategoryAxis;
    versionAxis->append(versions.isEmpty() ? QStringList{tr("no releases yet")} : versions);
    auto* sizeAxis = new QValueAxis;
    sizeAxis->setLabelFormat(QStringLiteral("%.0f"));
    sizeChart->addAxis(versionAxis, Qt::AlignBottom);
    sizeChart->addAxis(sizeAxis, Qt::AlignLeft);
    double maxKiB = 1;
    for (auto app = sizes.cbegin(); app != sizes.cend(); ++app) {
        auto* line = new QLineSeries;
        line->setName(app.key());
        line->setPointsVisible(true);
        for (auto it = app.value().cbegin(); it != app.value().cend(); ++it) {
            const qsizetype at = versions.indexOf(it.key().toString());
            if (at < 0)
                continue;
            const double kib = double(it.value()) / 1024.0;
            maxKiB = std::max(maxKiB, kib);
            line->append(static_cast<qreal>(at), kib);
        }
        sizeChart->addSeries(line);
        line->attachAxis(versionAxis);
        line->attachAxis(sizeAxis);
    }
    sizeAxis->setRange(0, maxKiB * 1.1);
    sizeAxis->applyNiceNumbers();
    QChart* oldSize = m_sizes->chart();
    m_sizes->setChart(sizeChart);
    delete oldSize;
}

} // namespace slipway::ui
