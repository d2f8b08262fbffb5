#include "resulttablemodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>

ResultTableModel::ResultTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ResultTableModel::clear()
{
    beginResetModel();
    m_columns.clear();
    m_batches.clear();
    m_batchStarts.clear();
    m_rowCount = 0;
    endResetModel();
    emit rowCountChanged(0);
}

void ResultTableModel::setColumns(const QList<ColumnInfo> &columns)
{
    beginResetModel();
    m_columns = columns;
    m_batches.clear();
    m_batchStarts.clear();
    m_rowCount = 0;
    endResetModel();
    emit rowCountChanged(0);
}

void ResultTableModel::appendRows(const RowBatch &batch)
{
    if (batch.isEmpty() || batch.columnCount() != m_columns.size())
        return;
    beginInsertRows({}, m_rowCount, m_rowCount + batch.rowCount() - 1);
    m_batchStarts.append(m_rowCount);
    m_batches.append(batch);
    m_rowCount += batch.rowCount();
    endInsertRows();
    emit rowCountChanged(m_rowCount);
}

std::pair<int, int> ResultTableModel::locate(int row) const
{
    const auto it = std::upper_bound(m_batchStarts.cbegin(), m_batchStarts.cend(), row);
    const int batch = int(it - m_batchStarts.cbegin()) - 1;
    return {batch, row - m_batchStarts.at(batch)};
}

bool ResultTableModel::isNull(int row, int column) const
{
    const auto [batch, inBatch] = locate(row);
    return m_batches.at(batch).isNull(inBatch, column);
}

QString ResultTableModel::text(int row, int column) const
{
    const auto [batch, inBatch] = locate(row);
    return m_batches.at(batch).text(inBatch, column);
}

qsizetype ResultTableModel::byteSize() const
{
    qsizetype total = 0;
    for (const RowBatch &batch : m_batches)
        total += batch.byteSize();
    return total;
}

int ResultTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int ResultTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant ResultTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case Qt::ToolTipRole: {
        if (isNull(index.row(), index.column()))
            return role == Qt::EditRole ? QVariant() : QVariant(QStringLiteral("NULL"));
        QString value = text(index.row(), index.column());
        // Grids show one line per row; the tooltip and the editor keep the full text.
        if (role == Qt::DisplayRole && value.size() > 1000)
            value = value.left(1000) + QChar(0x2026);
        if (role == Qt::ToolTipRole && value.size() < 40)
            return {};
        return value;
    }
    case Qt::ForegroundRole:
        if (isNull(index.row(), index.column()))
            return QBrush(QColor(Qt::gray));
        return {};
    case Qt::FontRole:
        if (isNull(index.row(), index.column())) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (m_columns.at(index.column()).numeric)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ResultTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < m_rowCount)
            return section + 1;
        return {};
    }
    if (section < 0 || section >= m_columns.size())
        return {};
    const ColumnInfo &column = m_columns.at(section);
    switch (role) {
    case Qt::DisplayRole:
        return column.name;
    case Qt::ToolTipRole:
        return column.typeName.isEmpty() ? column.name
                                         : QStringLiteral("%1 (%2)").arg(column.name, column.typeName);
    default:
        return {};
    }
}
