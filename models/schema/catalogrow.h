#pragma once

#include "db/rowbatch.h"

#include <QList>
#include <QString>
#include <QStringList>

// Typed reads of one row of a catalog query's text result (RowBatch). NULL reads as the empty
// or zero value, which is what the catalog records use for "none".
class CatalogRow
{
public:
    CatalogRow(const RowBatch &batch, int row)
        : m_batch(batch)
        , m_row(row)
    {}

    bool isNull(int column) const { return m_batch.isNull(m_row, column); }
    QString text(int column) const { return m_batch.text(m_row, column); }
    quint32 oid(int column) const { return quint32(number(column)); }
    qint64 number(int column) const
    {
        const QByteArrayView bytes = m_batch.bytes(m_row, column);
        return bytes.isEmpty() ? 0 : QByteArray(bytes.data(), bytes.size()).toLongLong();
    }
    bool flag(int column) const
    {
        const QByteArrayView bytes = m_batch.bytes(m_row, column);
        return !bytes.isEmpty() && (bytes.front() == 't' || bytes.front() == '1');
    }
    // Single-character catalog codes (relkind, contype ...); 0 when NULL or empty.
    char code(int column) const
    {
        const QByteArrayView bytes = m_batch.bytes(m_row, column);
        return bytes.isEmpty() ? 0 : bytes.front();
    }
    // "1,2,3" (array_to_string of an int array) → {1, 2, 3}.
    QList<int> numbers(int column) const
    {
        QList<int> list;
        const QString value = text(column);
        if (value.isEmpty())
            return list;
        for (const QString &part : value.split(u','))
            list << part.trimmed().toInt();
        return list;
    }

private:
    const RowBatch &m_batch;
    int m_row;
};
