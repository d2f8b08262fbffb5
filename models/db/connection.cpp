#include "connection.h"

#include <QCoreApplication>

namespace {
class CollectingSink final : public RowSink
{
public:
    void columns(const QList<ColumnInfo> &columns) override
    {
        m_columns = columns;
        m_rows = RowBatch(int(columns.size()));
    }
    void rows(const RowBatch &batch) override { m_rows.append(batch); }

    QList<ColumnInfo> m_columns;
    RowBatch m_rows;
};
} // namespace

RowBatch Connection::fetchAll(const QString &sql, QList<ColumnInfo> *columns)
{
    CollectingSink sink;
    run(sql, &sink, 100000);
    if (columns)
        *columns = sink.m_columns;
    return sink.m_rows;
}

RowBatch Connection::fetchAll(const QString &sql, const QVariantList &params)
{
    CollectingSink sink;
    run(sql, params, &sink);
    return sink.m_rows;
}

QueryOutcome Connection::copyIn(const QString &copySql, const QByteArray &data)
{
    Q_UNUSED(copySql)
    Q_UNUSED(data)
    throw DbException(DbError::clientError(
        QCoreApplication::translate("Connection", "COPY … FROM STDIN needs a PostgreSQL connection.")));
}
