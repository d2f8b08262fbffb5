#include "rowbatch.h"

RowBatch::RowBatch(int columnCount)
    : m_columnCount(columnCount)
{}

void RowBatch::reserve(int rows, qsizetype bytes)
{
    m_ends.reserve(qsizetype(rows) * m_columnCount);
    m_data.reserve(bytes);
}

void RowBatch::appendCell(const char *data, qsizetype size)
{
    m_data.append(data, size);
    m_ends.append(quint32(m_data.size()));
}

void RowBatch::appendNull()
{
    m_ends.append(quint32(m_data.size()) | NullFlag);
}

void RowBatch::append(const RowBatch &other)
{
    if (other.isEmpty())
        return;
    if (isEmpty() && m_columnCount == other.m_columnCount) {
        *this = other;
        return;
    }
    const quint32 shift = quint32(m_data.size());
    m_data.append(other.m_data);
    m_ends.reserve(m_ends.size() + other.m_ends.size());
    for (quint32 end : other.m_ends)
        m_ends.append(((end & ~NullFlag) + shift) | (end & NullFlag));
}

quint32 RowBatch::begin(qsizetype cell) const
{
    return cell == 0 ? 0u : (m_ends.at(cell - 1) & ~NullFlag);
}

bool RowBatch::isNull(int row, int column) const
{
    return m_ends.at(qsizetype(row) * m_columnCount + column) & NullFlag;
}

QByteArrayView RowBatch::bytes(int row, int column) const
{
    const qsizetype cell = qsizetype(row) * m_columnCount + column;
    const quint32 start = begin(cell);
    const quint32 end = m_ends.at(cell) & ~NullFlag;
    return QByteArrayView(m_data.constData() + start, end - start);
}

QString RowBatch::text(int row, int column) const
{
    if (isNull(row, column))
        return QString();
    const QByteArrayView view = bytes(row, column);
    // An empty non-null string must stay distinguishable from NULL.
    return view.isEmpty() ? QStringLiteral("") : QString::fromUtf8(view);
}

qsizetype RowBatch::byteSize() const
{
    return m_data.capacity() + m_ends.capacity() * qsizetype(sizeof(quint32));
}
