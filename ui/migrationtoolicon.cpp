#include "migrationtoolicon.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace {

// Distinct hues, dark enough for white initials on light and dark themes alike.
QColor colourOf(MigrationTool tool)
{
    switch (tool) {
    case MigrationTool::Slipway:
        return QColor(0x1f, 0x6f, 0xd0);
    case MigrationTool::Flyway:
        return QColor(0xcc, 0x00, 0x00);
    case MigrationTool::GolangMigrate:
        return QColor(0x00, 0x7d, 0x9c);
    case MigrationTool::Dbmate:
        return QColor(0x5b, 0x4b, 0x8a);
    case MigrationTool::Drizzle:
        return QColor(0x4d, 0x7c, 0x0f);
    case MigrationTool::Prisma:
        return QColor(0x2d, 0x37, 0x48);
    case MigrationTool::Liquibase:
        return QColor(0x00, 0x6e, 0x8c);
    case MigrationTool::Sqitch:
        return QColor(0x8a, 0x4b, 0x08);
    }
    return QColor(Qt::darkGray);
}

QPixmap paint(MigrationTool tool, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colourOf(tool));
    const QRectF box(0.5, 0.5, size - 1.0, size - 1.0);
    painter.drawRoundedRect(box, size * 0.2, size * 0.2);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(qMax(6, int(size * 0.5)));
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, MigrationToolIcon::initials(tool));
    return pixmap;
}

} // namespace

QString MigrationToolIcon::initials(MigrationTool tool)
{
    switch (tool) {
    case MigrationTool::Slipway:
        return QStringLiteral("Sw");
    case MigrationTool::Flyway:
        return QStringLiteral("Fw");
    case MigrationTool::GolangMigrate:
        return QStringLiteral("gm");
    case MigrationTool::Dbmate:
        return QStringLiteral("db");
    case MigrationTool::Drizzle:
        return QStringLiteral("Dz");
    case MigrationTool::Prisma:
        return QStringLiteral("Pr");
    case MigrationTool::Liquibase:
        return QStringLiteral("Lb");
    case MigrationTool::Sqitch:
        return QStringLiteral("Sq");
    }
    return QStringLiteral("?");
}

QIcon MigrationToolIcon::icon(MigrationTool tool)
{
    static QHash<int, QIcon> cache;
    auto found = cache.find(int(tool));
    if (found == cache.end()) {
        QIcon icon;
        for (int size : {16, 24, 32, 48})
            icon.addPixmap(paint(tool, size));
        found = cache.insert(int(tool), icon);
    }
    return *found;
}
