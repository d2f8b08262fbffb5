#include "schemaicons.h"

#include <QApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>

namespace {

using Kind = SchemaNode::Kind;

struct Tile
{
    QColor color;
    QString glyph;
};

Tile tileFor(Kind kind, char code, bool key)
{
    switch (kind) {
    case Kind::Schema:
        return {QColor(0x3b, 0x6e, 0xa8), QStringLiteral("S")};
    case Kind::Table:
        return {QColor(0x2e, 0x8b, 0x57), QString()};
    case Kind::PartitionedTable:
        return {QColor(0x1f, 0x6e, 0x43), QString()};
    case Kind::ForeignTable:
        return {QColor(0x5f, 0x8b, 0x2e), QStringLiteral("F")};
    case Kind::View:
        return {QColor(0x17, 0x8a, 0x8a), QStringLiteral("V")};
    case Kind::MaterializedView:
        return {QColor(0x0e, 0x61, 0x6b), QStringLiteral("M")};
    case Kind::Sequence:
        return {QColor(0xc0, 0x6a, 0x10), QStringLiteral("#")};
    case Kind::Function:
        return {QColor(0x7a, 0x4d, 0xa8), QStringLiteral("f")};
    case Kind::Procedure:
        return {QColor(0x7a, 0x4d, 0xa8), QStringLiteral("P")};
    case Kind::Aggregate:
        return {QColor(0x7a, 0x4d, 0xa8), QStringLiteral("Σ")};
    case Kind::Type:
        return {QColor(0x8b, 0x5a, 0x2b), QStringLiteral("T")};
    case Kind::Extension:
        return {QColor(0x6b, 0x6b, 0x6b), QStringLiteral("E")};
    case Kind::Column:
        return key ? Tile{QColor(0xc9, 0x9a, 0x06), QStringLiteral("K")}
                   : Tile{QColor(0x5b, 0x7d, 0xb1), QStringLiteral("c")};
    case Kind::Constraint:
        switch (code) {
        case 'p':
            return {QColor(0xc9, 0x9a, 0x06), QStringLiteral("K")};
        case 'f':
            return {QColor(0x9a, 0x6f, 0x06), QStringLiteral("→")};
        case 'u':
            return {QColor(0x9a, 0x6f, 0x06), QStringLiteral("U")};
        default:
            return {QColor(0x9a, 0x6f, 0x06), QStringLiteral("✓")};
        }
    case Kind::Index:
        return {QColor(0xb5, 0x7b, 0x19), QStringLiteral("I")};
    case Kind::Trigger:
        return {QColor(0xb2, 0x3a, 0x3a), QStringLiteral("ϟ")};
    default:
        return {QColor(0x80, 0x80, 0x80), QStringLiteral("?")};
    }
}

QPixmap paint(Kind kind, char code, bool key, int size, qreal ratio)
{
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const Tile tile = tileFor(kind, code, key);
    const QRectF box(1, 1, size - 2, size - 2);
    p.setPen(Qt::NoPen);
    p.setBrush(tile.color);
    p.drawRoundedRect(box, 3, 3);
    p.setPen(QPen(Qt::white, 1.2));
    if (kind == Kind::Table || kind == Kind::PartitionedTable) {
        // A grid says "table" better than a letter; partitioned ones get a split row.
        const qreal l = box.left() + 3, r = box.right() - 3, t = box.top() + 3,
                    b = box.bottom() - 3;
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(l, t, r - l, b - t));
        p.drawLine(QPointF(l, t + (b - t) / 3), QPointF(r, t + (b - t) / 3));
        p.drawLine(QPointF(l, t + 2 * (b - t) / 3), QPointF(r, t + 2 * (b - t) / 3));
        p.drawLine(QPointF((l + r) / 2, t + (b - t) / 3), QPointF((l + r) / 2, b));
        if (kind == Kind::PartitionedTable)
            p.drawLine(QPointF(l, b - 1.5), QPointF(r, b - 1.5));
        return pixmap;
    }
    QFont font = QApplication::font();
    font.setBold(true);
    font.setPixelSize(int(size * 0.62));
    p.setFont(font);
    p.drawText(box, Qt::AlignCenter, tile.glyph);
    return pixmap;
}

} // namespace

QIcon SchemaIcons::icon(Kind kind, char code, bool key)
{
    if (kind == Kind::Folder)
        return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
    if (kind == Kind::Message)
        return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    static QHash<QString, QIcon> cache;
    const QString keyText = QStringLiteral("%1/%2/%3").arg(int(kind)).arg(int(code)).arg(key);
    auto it = cache.find(keyText);
    if (it != cache.end())
        return *it;
    QIcon icon;
    for (int size : {16, 24, 32})
        icon.addPixmap(paint(kind, code, key, size, 1.0));
    icon.addPixmap(paint(kind, code, key, 16, 2.0));
    return *cache.insert(keyText, icon);
}
