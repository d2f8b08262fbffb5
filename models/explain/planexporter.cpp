#include "planexporter.h"

#include "plan.h"
#include "planlayout.h"
#include "planmetrics.h"
#include "planpainter.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QSvgGenerator>

namespace {

constexpr double Margin = 24;
constexpr double HeaderHeight = 30;
// Picture export of huge plans stays within what an image viewer opens.
constexpr double MaxPixels = 120e6;

QString summary(const Plan &plan)
{
    QStringList parts;
    if (plan.executionTime() >= 0)
        parts << QCoreApplication::translate("PlanExporter", "Execution %1 ms")
                     .arg(QLocale().toString(plan.executionTime(), 'f', 3));
    if (plan.planningTime() >= 0)
        parts << QCoreApplication::translate("PlanExporter", "Planning %1 ms")
                     .arg(QLocale().toString(plan.planningTime(), 'f', 3));
    parts << (plan.size() == 1
                  ? QCoreApplication::translate("PlanExporter", "1 node")
                  : QCoreApplication::translate("PlanExporter", "%1 nodes").arg(plan.size()));
    return parts.join(QStringLiteral("  ·  "));
}

void render(QPainter *painter,
            const Plan &plan,
            const PlanMetrics &metrics,
            PlanHeat::Metric heat,
            const PlanLayout &layout)
{
    QFont font;
    font.setPixelSize(13);
    painter->setFont(font);
    painter->setPen(QColor(0x44, 0x4c, 0x56));
    painter->drawText(QRectF(Margin, 6, layout.bounds().width(), HeaderHeight - 6),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      summary(plan));
    painter->translate(Margin, HeaderHeight + Margin / 2);
    PlanPainter(plan, metrics, heat).paint(painter, layout);
}

} // namespace

PlanExporter::PlanExporter(const Plan &plan, const PlanMetrics &metrics, PlanHeat::Metric heat)
    : m_plan(plan)
    , m_metrics(metrics)
    , m_heat(heat)
{}

QByteArray PlanExporter::svg() const
{
    const PlanLayout layout = PlanLayout::compute(m_plan, m_options);
    const QSize size(int(layout.bounds().width() + 2 * Margin),
                     int(layout.bounds().height() + HeaderHeight + 2 * Margin));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(QCoreApplication::translate("PlanExporter", "Query plan"));
    generator.setDescription(summary(m_plan));
    QPainter painter(&generator);
    painter.fillRect(QRect(QPoint(0, 0), size), QColor(0xfa, 0xfb, 0xfc));
    render(&painter, m_plan, m_metrics, m_heat, layout);
    painter.end();
    return buffer.data();
}

QByteArray PlanExporter::png() const
{
    const PlanLayout layout = PlanLayout::compute(m_plan, m_options);
    const QSizeF logical(layout.bounds().width() + 2 * Margin,
                         layout.bounds().height() + HeaderHeight + 2 * Margin);
    // Twice the resolution for sharp text, less when that would make the image too big.
    const double scale = std::clamp(std::sqrt(MaxPixels / (logical.width() * logical.height())),
                                    0.25,
                                    2.0);
    QImage image((logical * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(QColor(0xfa, 0xfb, 0xfc));
    QPainter painter(&image);
    painter.scale(scale, scale);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    render(&painter, m_plan, m_metrics, m_heat, layout);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}
