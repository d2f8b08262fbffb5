#pragma once

#include <QStyledItemDelegate>

// Draws a schema tree row: the kind's icon, the name, then the detail (type, definition, count)
// in a quieter colour; warnings (invalid index, NOT VALID constraint, load error) in red.
// GUI thread only.
class SchemaItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
