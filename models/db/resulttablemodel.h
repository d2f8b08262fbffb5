#pragma once

#include "rowbatch.h"

#include <QAbstractTableModel>
#include <QList>

// Table model for one statement's result, filled batch by batch while the query still runs.
// Rows stay in the compact RowBatch form; cell text is decoded only when a view asks for it.
// NULL shows as "NULL" in grey italics; numeric columns align right. GUI thread only.
class ResultTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit ResultTableModel(QObject *parent = nullptr);

    void clear();
    void setColumns(const QList<ColumnInfo> &columns);
    void appendRows(const RowBatch &batch);

    QList<ColumnInfo> columns() const { return m_columns; }
    bool isNull(int row, int column) const;
    QString text(int row, int column) const; // null QString for NULL
    qsizetype byteSize() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void rowCountChanged(int rows);

private:
    // (batch index, row inside batch) for a model row; batches are searched by their first row.
    std::pair<int, int> locate(int row) const;

    QList<ColumnInfo> m_columns;
    QList<RowBatch> m_batches;
    QList<int> m_batchStarts; // first model row of each batch
    int m_rowCount = 0;
};
