#pragma once

#include <QStyledItemDelegate>

// Paints the State column of MigrationListModel with MigrationStateIcon's icons instead of the
// model's plain colour (models/ stays free of pixmaps). GUI thread only.
class MigrationStateDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
