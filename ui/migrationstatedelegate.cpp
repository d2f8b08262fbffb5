#include "migrationstatedelegate.h"

#include "migrationstateicon.h"

#include "migrationview/migrationlistmodel.h"

void MigrationStateDelegate::initStyleOption(QStyleOptionViewItem *option,
                                             const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant state = index.data(MigrationListModel::StateRole);
    if (!state.isValid())
        return;
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = MigrationStateIcon::icon(MigrationStatusEntry::State(state.toInt()),
                                            index.data(MigrationListModel::RunningRole).toBool());
    option->decorationSize = QSize(16, 16);
}
