#include "schemaitemdelegate.h"

#include "schemaicons.h"

#include "schema/schematreemodel.h"

#include <QApplication>
#include <QPainter>

void SchemaItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto kind = SchemaNode::Kind(index.data(SchemaTreeModel::KindRole).toInt());
    const bool key = index.data(SchemaTreeModel::KeyColumnRole).toBool();
    const char code = char(index.data(SchemaTreeModel::CodeRole).toInt());
    option->icon = SchemaIcons::icon(kind, code, key);
    option->features |= QStyleOptionViewItem::HasDecoration;
    if (index.data(SchemaTreeModel::WarningRole).toBool())
        option->palette.setColor(QPalette::Text, QColor(0xb0, 0x20, 0x20));
}

void SchemaItemDelegate::paint(QPainter *painter,
                               const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QString detail = index.data(SchemaTreeModel::DetailRole).toString();
    if (detail.isEmpty())
        return;
    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const int nameWidth = opt.fontMetrics.horizontalAdvance(opt.text)
                          + opt.fontMetrics.horizontalAdvance(u' ') * 2;
    const QRect rest = text.adjusted(nameWidth, 0, 0, 0);
    if (rest.width() < opt.fontMetrics.averageCharWidth() * 3)
        return;
    const bool selected = opt.state & QStyle::State_Selected;
    painter->save();
    QColor colour = selected ? opt.palette.color(QPalette::HighlightedText)
                             : opt.palette.color(QPalette::PlaceholderText);
    if (index.data(SchemaTreeModel::WarningRole).toBool() && !selected)
        colour = QColor(0xb0, 0x20, 0x20);
    painter->setPen(colour);
    painter->setFont(opt.font);
    painter->drawText(rest,
                      Qt::AlignLeft | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(detail.section(u'\n', 0, 0),
                                                 Qt::ElideRight,
                                                 rest.width()));
    painter->restore();
}

QSize SchemaItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString detail = index.data(SchemaTreeModel::DetailRole).toString();
    if (!detail.isEmpty())
        size.rwidth() += option.fontMetrics.horizontalAdvance(detail.section(u'\n', 0, 0)) + 16;
    return size;
}
