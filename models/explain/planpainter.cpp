#include "planpainter.h"

#include "plan.h"
#include "plankeys.h"
#include "planmetrics.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace {

QString count(double value)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    if (value >= 1e7)
        return locale.toString(value / 1e6, 'f', 1) + QLatin1Char('M');
    return locale.toString(qint64(std::llround(value)));
}

QString duration(double ms)
{
    if (ms >= 60000)
        return QLocale().toString(ms / 60000, 'f', 1) + QLatin1String(" min");
    if (ms >= 1000)
        return QLocale().toString(ms / 1000, 'f', 2) + QLatin1String(" s");
    // Three significant digits are what a card has room for; the details panel has them all.
    if (ms >= 100)
        return QLocale().toString(ms, 'f', 0) + QLatin1String(" ms");
    if (ms >= 10)
        return QLocale().toString(ms, 'f', 1) + QLatin1String(" ms");
    if (ms >= 1)
        return QLocale().toString(ms, 'f', 2) + QLatin1String(" ms");
    return QLocale().toString(ms, 'f', 3) + QLatin1String(" ms");
}

const QColor cardBackground(0xff, 0xff, 0xff);
const QColor cardBorder(0xc3, 0xc9, 0xd1);
const QColor selectedBorder(0x1f, 0x6f, 0xeb);
const QColor matchedBorder(0xe0, 0x8e, 0x0b);
const QColor titleColour(0x1f, 0x23, 0x28);
const QColor dimColour(0x65, 0x6d, 0x76);
const QColor barTrack(0xea, 0xee, 0xf2);
const QColor edgeColour(0x9a, 0xa4, 0xb0);
const QColor underColour(0xc9, 0x1d, 0x2e);
const QColor overColour(0x1f, 0x6f, 0xeb);

} // namespace

PlanPainter::PlanPainter(const Plan &plan, const PlanMetrics &metrics, PlanHeat::Metric heat)
    : m_plan(plan)
    , m_metrics(metrics)
    , m_heat(heat)
{
    m_titleFont.setPixelSize(13);
    m_titleFont.setBold(true);
    m_textFont.setPixelSize(11);
    m_smallFont.setPixelSize(10);
    for (int id = 0; id < m_plan.size(); ++id) {
        const PlanNode &node = m_plan.node(id);
        m_maxRows = std::max(m_maxRows,
                             node.hasActuals() ? node.actualRows() * node.actualLoops()
                                               : node.planRows());
    }
}

double PlanPainter::exclusiveMs(const PlanLayout::Item &item) const
{
    if (!item.isGroup())
        return m_metrics.node(item.node).exclusiveMs;
    double sum = 0;
    for (int member : item.members)
        sum += m_metrics.node(member).inclusiveMs; // members' subtrees are hidden: show them whole
    return sum;
}

double PlanPainter::inclusiveMs(const PlanLayout::Item &item) const
{
    if (!item.isGroup())
        return m_metrics.node(item.node).inclusiveMs;
    return exclusiveMs(item);
}

double PlanPainter::heatLevel(const PlanLayout::Item &item) const
{
    if (!item.isGroup())
        return PlanHeat::level(m_heat, m_metrics, item.node);
    double level = 0;
    for (int member : item.members)
        level = std::max(level, PlanHeat::level(m_heat, m_metrics, member));
    return level;
}

QString PlanPainter::title(const PlanLayout::Item &item) const
{
    const PlanNode &node = m_plan.node(item.node);
    if (item.isGroup())
        return tr("%1 × %2").arg(node.displayName(), count(double(item.members.size())));
    return node.displayName();
}

QString PlanPainter::subtitle(const PlanLayout::Item &item) const
{
    const PlanNode &node = m_plan.node(item.node);
    if (item.isGroup()) {
        const PlanNode &last = m_plan.node(item.members.last());
        const QString first = node.relationLabel().isEmpty() ? node.target() : node.relationLabel();
        const QString end = last.relationLabel().isEmpty() ? last.target() : last.relationLabel();
        return first.isEmpty() ? tr("alike siblings") : first + QStringLiteral(" … ") + end;
    }
    QString text = node.target();
    if (!node.subplanName().isEmpty())
        text = text.isEmpty() ? node.subplanName()
                              : node.subplanName() + QStringLiteral(" · ") + text;
    return text;
}

QString PlanPainter::timeText(const PlanLayout::Item &item) const
{
    const PlanNode &node = m_plan.node(item.node);
    if (node.neverExecuted() && !item.isGroup())
        return tr("never executed");
    if (m_metrics.hasTiming()) {
        const double self = exclusiveMs(item);
        if (item.isGroup())
            return tr("%1 in all").arg(duration(self));
        return tr("%1 self · %2 total").arg(duration(self), duration(inclusiveMs(item)));
    }
    if (node.hasCosts())
        return tr("cost %1").arg(QLocale().toString(node.totalCost(), 'f', 2));
    return {};
}

QString PlanPainter::rowsText(const PlanLayout::Item &item) const
{
    const PlanNode &node = m_plan.node(item.node);
    if (item.isGroup()) {
        double rows = 0;
        for (int member : item.members) {
            const PlanNode &m = m_plan.node(member);
            rows += m.hasActuals() ? m.actualRows() * m.actualLoops() : m.planRows();
        }
        return tr("%1 rows").arg(count(rows));
    }
    QString text;
    if (node.hasActuals()) {
        text = node.actualRows() == 1 ? tr("1 row") : tr("%1 rows").arg(count(node.actualRows()));
        if (node.actualLoops() > 1)
            text += tr(" × %1 loops").arg(count(node.actualLoops()));
        if (node.hasCosts())
            text += tr(" (est. %1)").arg(count(node.planRows()));
    } else if (node.hasCosts()) {
        text = tr("%1 rows estimated").arg(count(node.planRows()));
    }
    return text;
}

double PlanPainter::edgeWidth(int nodeId) const
{
    const PlanNode &node = m_plan.node(nodeId);
    const double rows = node.hasActuals() ? node.actualRows() * node.actualLoops()
                                          : node.planRows();
    return 1.0 + 8.0 * std::log1p(rows) / std::log1p(m_maxRows);
}

void PlanPainter::paintEdge(
    QPainter *painter, const QRectF &from, const QRectF &to, int childNode, bool subplan) const
{
    const QPointF start(from.center().x(), from.bottom());
    const QPointF end(to.center().x(), to.top());
    const double bend = (end.y() - start.y()) / 2;
    QPainterPath path(start);
    path.cubicTo(start + QPointF(0, bend), end - QPointF(0, bend), end);
    // A subplan edge means "evaluated by", not "rows flow": thin and dashed.
    QPen pen(edgeColour,
             subplan ? 1.5 : edgeWidth(childNode),
             subplan ? Qt::DashLine : Qt::SolidLine,
             Qt::FlatCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path);
}

void PlanPainter::paintCard(QPainter *painter,
                            const PlanLayout::Item &item,
                            const QRectF &rect,
                            bool selected,
                            bool matched,
                            double levelOfDetail) const
{
    const PlanNode &node = m_plan.node(item.node);
    const QColor heat = PlanHeat::colour(heatLevel(item));
    const QColor border = selected ? selectedBorder : matched ? matchedBorder : cardBorder;

    if (levelOfDetail < 0.3) {
        // Far out only the shape and the heat matter.
        painter->setPen(Qt::NoPen);
        painter->setBrush(selected ? selectedBorder : heat);
        painter->drawRect(rect);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    if (item.isGroup()) { // a stack of cards
        painter->setPen(QPen(cardBorder, 1));
        painter->setBrush(QColor(0xf3, 0xf5, 0xf7));
        painter->drawRoundedRect(rect.translated(6, 6), 6, 6);
        painter->drawRoundedRect(rect.translated(3, 3), 6, 6);
    }
    painter->setPen(QPen(border, selected || matched ? 2.5 : 1));
    painter->setBrush(node.neverExecuted() ? QColor(0xf6, 0xf7, 0xf9) : cardBackground);
    painter->drawRoundedRect(rect, 6, 6);

    // Heat stripe along the left edge.
    QPainterPath stripe;
    stripe.addRoundedRect(QRectF(rect.left(), rect.top(), 12, rect.height()), 6, 6);
    QPainterPath clip;
    clip.addRect(QRectF(rect.left(), rect.top(), 6, rect.height()));
    painter->setPen(Qt::NoPen);
    painter->setBrush(heat);
    painter->drawPath(stripe.intersected(clip));

    const double left = rect.left() + 14;
    const double innerWidth = rect.width() - 22;
    painter->setFont(m_titleFont);
    painter->setPen(node.neverExecuted() ? dimColour : titleColour);
    const QFontMetricsF titleMetrics(m_titleFont);
    QString percentBadge;
    if (m_metrics.hasTiming() && !node.neverExecuted() && m_metrics.totalMs() > 0) {
        const double percent = 100 * exclusiveMs(item) / m_metrics.totalMs();
        percentBadge = percent >= 0.05 ? QLocale().toString(percent, 'f', percent < 10 ? 1 : 0)
                                             + QLatin1Char('%')
                                       : QString();
    }
    double badgeWidth = 0;
    if (!percentBadge.isEmpty() && levelOfDetail >= 0.55) {
        painter->setFont(m_smallFont);
        badgeWidth = QFontMetricsF(m_smallFont).horizontalAdvance(percentBadge) + 10;
        const QRectF badge(rect.right() - badgeWidth - 6, rect.top() + 7, badgeWidth, 16);
        painter->setPen(Qt::NoPen);
        painter->setBrush(heatLevel(item) >= 0.05 ? heat : barTrack);
        painter->drawRoundedRect(badge, 8, 8);
        painter->setPen(heatLevel(item) > 0.55 ? Qt::white : titleColour);
        painter->drawText(badge, Qt::AlignCenter, percentBadge);
        painter->setFont(m_titleFont);
        painter->setPen(node.neverExecuted() ? dimColour : titleColour);
    }
    const QRectF titleRect(left, rect.top() + 6, innerWidth - badgeWidth - 4, 18);
    painter->drawText(titleRect,
                      Qt::AlignLeft | Qt::AlignVCenter,
                      titleMetrics.elidedText(title(item), Qt::ElideRight, titleRect.width()));
    if (levelOfDetail < 0.55)
        return;

    painter->setFont(m_textFont);
    const QFontMetricsF textMetrics(m_textFont);
    painter->setPen(dimColour);
    const QRectF subtitleRect(left, rect.top() + 25, innerWidth, 16);
    painter->drawText(subtitleRect,
                      Qt::AlignLeft | Qt::AlignVCenter,
                      textMetrics.elidedText(subtitle(item), Qt::ElideMiddle, subtitleRect.width()));

    // Time bar: exclusive share of the slowest node, with the figures beside it.
    const QRectF bar(left, rect.top() + 47, 34, 6);
    painter->setPen(Qt::NoPen);
    painter->setBrush(barTrack);
    painter->drawRoundedRect(bar, 3, 3);
    double share = 0;
    if (m_metrics.hasTiming() && m_metrics.maxExclusiveMs() > 0)
        share = std::min(1.0, exclusiveMs(item) / m_metrics.maxExclusiveMs());
    else if (m_metrics.maxExclusiveCost() > 0)
        share = std::min(1.0,
                         m_metrics.node(item.node).exclusiveCost / m_metrics.maxExclusiveCost());
    if (share > 0) {
        painter->setBrush(PlanHeat::colour(std::max(0.3, share)));
        painter->drawRoundedRect(QRectF(bar.left(),
                                        bar.top(),
                                        std::max(3.0, bar.width() * share),
                                        bar.height()),
                                 3,
                                 3);
    }
    painter->setPen(node.neverExecuted() ? dimColour : titleColour);
    const QRectF timeRect(bar.right() + 8, rect.top() + 42, innerWidth - bar.width() - 8, 16);
    painter->drawText(timeRect,
                      Qt::AlignLeft | Qt::AlignVCenter,
                      textMetrics.elidedText(timeText(item), Qt::ElideRight, timeRect.width()));

    // Rows, with an arrow when the estimate was off by 3× or more.
    const PlanMetrics::Node &m = m_metrics.node(item.node);
    QString arrow;
    QColor arrowColour = dimColour;
    if (!item.isGroup() && m.estimate != PlanMetrics::Estimate::Unknown && m.misestimate >= 3) {
        const bool under = m.estimate == PlanMetrics::Estimate::Under;
        arrow = (under ? QStringLiteral("▲ ") : QStringLiteral("▼ "))
                + QLocale().toString(m.misestimate, 'f', m.misestimate < 100 ? 1 : 0)
                + QStringLiteral("×");
        arrowColour = under ? underColour : overColour;
    }
    const double arrowWidth = arrow.isEmpty() ? 0 : textMetrics.horizontalAdvance(arrow) + 6;
    painter->setPen(dimColour);
    const QRectF rowsRect(left, rect.top() + 62, innerWidth - arrowWidth, 16);
    painter->drawText(rowsRect,
                      Qt::AlignLeft | Qt::AlignVCenter,
                      textMetrics.elidedText(rowsText(item), Qt::ElideRight, rowsRect.width()));
    if (!arrow.isEmpty()) {
        painter->setPen(arrowColour);
        painter->drawText(QRectF(rect.right() - arrowWidth - 6, rowsRect.top(), arrowWidth, 16),
                          Qt::AlignRight | Qt::AlignVCenter,
                          arrow);
    }

    // Hidden subtree or group: a small tag at the bottom edge.
    QString tag;
    if (item.hiddenDescendants > 0)
        tag = tr("+%1 hidden").arg(count(item.hiddenDescendants));
    else if (item.isGroup())
        tag = tr("expand");
    if (!tag.isEmpty()) {
        painter->setFont(m_smallFont);
        const double tagWidth = QFontMetricsF(m_smallFont).horizontalAdvance(tag) + 12;
        const QRectF tagRect(rect.center().x() - tagWidth / 2, rect.bottom() - 7, tagWidth, 14);
        painter->setPen(QPen(cardBorder, 1));
        painter->setBrush(QColor(0xf3, 0xf5, 0xf7));
        painter->drawRoundedRect(tagRect, 7, 7);
        painter->setPen(dimColour);
        painter->drawText(tagRect, Qt::AlignCenter, tag);
    }
}

void PlanPainter::paint(QPainter *painter, const PlanLayout &layout) const
{
    const QList<PlanLayout::Item> &items = layout.items();
    for (const PlanLayout::Edge &edge : layout.edges())
        paintEdge(painter,
                  items.at(edge.from).rect,
                  items.at(edge.to).rect,
                  items.at(edge.to).node,
                  edge.subplan);
    for (const PlanLayout::Item &item : items)
        paintCard(painter, item, item.rect, false, false, 1.0);
}
