#pragma once

#include "checklist.h"

#include <QAbstractTableModel>
#include <QList>

// The items of a deploy checklist as an editable table for the checklist editor: title, id,
// phase, check kind, and the required / blocking / four-eyes flags as check boxes; the help text
// rides along as the tooltip and HelpRole. The four-eyes mark (manual items only) puts an item in
// the one group of Checklist::distinctSigners() the editor offers. Rows can be inserted, removed
// and moved. It holds the items only; turning them into a Checklist and validating it is the
// editor's job. GUI thread only.
class ChecklistItemModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TitleColumn,
        IdColumn,
        PhaseColumn,
        KindColumn,
        RequiredColumn,
        BlockingColumn,
        DistinctSignerColumn,
        ColumnCount
    };
    enum Role {
        HelpRole = Qt::UserRole + 1, // QString, any column
        PhaseRole,                   // int (ChecklistItem::Phase), any column
        KindRole,                    // QString: "manual" or an automated check id, any column
    };

    explicit ChecklistItemModel(QObject *parent = nullptr);

    void setItems(const QList<ChecklistItem> &items);
    const QList<ChecklistItem> &items() const { return m_items; }
    // The ids of the rows marked as needing a different person, in row order; marks on ids that
    // no manual row has are ignored.
    QStringList distinctSigners() const;
    void setDistinctSigners(const QStringList &ids);
    // Off: the marks show but cannot be changed (a checklist with several groups).
    void setDistinctSignersEditable(bool editable);
    ChecklistItem item(int row) const;

    // Inserts at row (clamped to 0..rowCount) and returns the row it landed on.
    int insertItem(int row, const ChecklistItem &item);
    bool removeItem(int row) { return removeRows(row, 1); }
    bool moveItemUp(int row);
    bool moveItemDown(int row);

    // New items get an id no other row uses, so that adding never makes the list invalid.
    ChecklistItem newManualItem() const;
    ChecklistItem newAutomatedItem(const QString &kind) const;
    // Automated checks that no row uses yet, in Checklist::automatedKinds() order.
    QStringList unusedAutomatedKinds() const;
    QString uniqueId(const QString &base) const;

    static QString phaseLabel(ChecklistItem::Phase phase);
    static QString kindLabel(const QString &kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // insertRows adds manual items; the move is within the flat list only.
    bool insertRows(int row, int count, const QModelIndex &parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    bool moveRows(const QModelIndex &sourceParent,
                  int sourceRow,
                  int count,
                  const QModelIndex &destinationParent,
                  int destinationChild) override;

private:
    bool setField(ChecklistItem &item, int column, const QVariant &value, int role);

    QList<ChecklistItem> m_items;
    QList<bool> m_distinctSigner; // by row, beside m_items
    bool m_distinctSignersEditable = true;
};
