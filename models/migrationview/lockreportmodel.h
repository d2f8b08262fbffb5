#pragma once

#include "migrations/migrationrun.h"

#include <QAbstractTableModel>
#include <QList>

// The lock report of a dry run as a table: one row per relation lock a statement took (a
// statement that took none still gets a row), with where it is, how long it ran, the rows it
// touched and the engine's note. Locks that block reads (ACCESS EXCLUSIVE) are marked, failed
// statements too. Replaced wholesale after each dry run. GUI thread only.
class LockReportModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // What a reviewer reads first comes first: where, which relation, which lock.
    enum Column {
        LocationColumn,
        RelationColumn,
        LockColumn,
        TimeColumn,
        RowsColumn,
        NoteColumn,
        ColumnCount
    };
    enum Role {
        FileRole = Qt::UserRole + 1, // relative to the migration folder
        LineRole,
        SqlRole,
        BlocksReadsRole, // bool: ACCESS EXCLUSIVE
    };

    explicit LockReportModel(QObject *parent = nullptr);

    void setStatements(const QList<DryRunStatement> &statements);
    void clear() { setStatements({}); }
    const QList<DryRunStatement> &statements() const { return m_statements; }
    int statementCount() const { return int(m_statements.size()); }
    int exclusiveCount() const; // rows with an ACCESS EXCLUSIVE lock
    int failedCount() const;

    // The statement a row belongs to (several rows share one when it took several locks).
    DryRunStatement statementAt(int row) const;
    QString lockModeAt(int row) const;
    QString relationAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static bool blocksReads(const QString &lockMode);

private:
    struct Row
    {
        int statement = 0;
        int lock = -1; // index into the statement's locks, -1 for none
    };
    QVariant display(const Row &row, int column) const;

    QList<DryRunStatement> m_statements;
    QList<Row> m_rows;
};
