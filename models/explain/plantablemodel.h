#pragma once

#include <QAbstractTableModel>
#include <QLocale>

// What the plan tables (nodes, stats, comparison) have in common: a fixed set of columns with
// titles from columnTitle(), the raw numbers under SortRole for a QSortFilterProxyModel, and
// the way they print counts. GUI thread.
class PlanTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // A subclass numbers its own roles from FirstOwnRole on.
    enum Role { SortRole = Qt::UserRole, FirstOwnRole };

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    PlanTableModel(int columnCount, QObject *parent);

    // The horizontal header's text for a column, or an empty string.
    virtual QString columnTitle(int section) const = 0;

    // Left for the text columns, right for the numbers (so digits line up).
    static QVariant alignment(bool text);
    // The user's locale with group separators on: row and buffer counts run into the millions
    // and are unreadable without them, and some locales leave them out by default.
    static QLocale groupingLocale();
    // A count rounded to a whole number, with group separators.
    static QString grouped(double value);

private:
    const int m_columnCount;
};
