#include "migrationstateicon.h"

#include "migrationview/migrationlistmodel.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace {
using State = MigrationStatusEntry::State;

enum class Glyph { None, Tick, Bang, Cross, Dash, Dot, Play };

struct Look
{
    QColor colour;
    bool filled = true;
    Glyph glyph = Glyph::None;
};

Look lookFor(State state, bool running)
{
    if (running)
        return {QColor(0x1f, 0x6f, 0xd0), true, Glyph::Play};
    const QColor colour = MigrationListModel::stateColour(state);
    switch (state) {
    case State::Applied:
        return {colour, true, Glyph::Tick};
    case State::Pending:
        return {colour, false, Glyph::None};
    case State::Failed:
        return {colour, true, Glyph::Bang};
    case State::ChecksumMismatch:
        return {colour, true, Glyph::Bang};
    case State::MissingFile:
        return {colour, true, Glyph::Cross};
    case State::OutOfOrder:
        return {colour, false, Glyph::Dot};
    case State::BelowBaseline:
        return {colour, true, Glyph::Dash};
    case State::Baseline:
        return {colour, true, Glyph::Dot};
    }
    return {colour, false, Glyph::None};
}

// Geometry in a 16×16 box, scaled to the pixmap's size.
QPixmap paint(const Look &look, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 16.0, size / 16.0);

    const QRectF disc(1.5, 1.5, 13, 13);
    if (look.filled) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(look.colour);
        painter.drawEllipse(disc);
    } else {
        painter.setPen(QPen(look.colour, 1.8));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(disc.adjusted(0.5, 0.5, -0.5, -0.5));
    }

    const QColor ink = look.filled ? QColor(Qt::white) : look.colour;
    QPen pen(ink, 1.9, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    switch (look.glyph) {
    case Glyph::None:
        break;
    case Glyph::Tick: {
        QPainterPath tick;
        tick.moveTo(4.8, 8.3);
        tick.lineTo(7.0, 10.5);
        tick.lineTo(11.2, 5.8);
        painter.drawPath(tick);
        break;
    }
    case Glyph::Bang:
        painter.drawLine(QPointF(8, 4.6), QPointF(8, 8.8));
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawEllipse(QPointF(8, 11.4), 1.1, 1.1);
        break;
    case Glyph::Cross:
        painter.drawLine(QPointF(5.6, 5.6), QPointF(10.4, 10.4));
        painter.drawLine(QPointF(10.4, 5.6), QPointF(5.6, 10.4));
        break;
    case Glyph::Dash:
        painter.drawLine(QPointF(5.0, 8), QPointF(11.0, 8));
        break;
    case Glyph::Dot:
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawEllipse(QPointF(8, 8), 2.2, 2.2);
        break;
    case Glyph::Play: {
        QPainterPath triangle;
        triangle.moveTo(6.3, 4.9);
        triangle.lineTo(11.4, 8);
        triangle.lineTo(6.3, 11.1);
        triangle.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawPath(triangle);
        break;
    }
    }
    return pixmap;
}
} // namespace

QIcon MigrationStateIcon::icon(MigrationStatusEntry::State state, bool running)
{
    // A handful of icons, asked for on every repaint of the State column: paint each once.
    static QHash<int, QIcon> cache;
    const int key = int(state) * 2 + (running ? 1 : 0);
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    const Look look = lookFor(state, running);
    QIcon icon;
    for (int size : {16, 24, 32, 48})
        icon.addPixmap(paint(look, size));
    cache.insert(key, icon);
    return icon;
}
