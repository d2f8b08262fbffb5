#include "pgreadsnapshot.h"
#include "logcategories.h"

#include "sqlidentifier.h"

#include "db/connection.h"

#include <QCoreApplication>

PgReadSnapshot::PgReadSnapshot(Connection &connection)
    : m_connection(connection)
{
    switch (connection.transactionState()) {
    case Connection::TransactionState::Idle:
        connection.execute(
            QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
                           "SET LOCAL search_path = pg_catalog; SET LOCAL jit = off"));
        m_own = true;
        break;
    case Connection::TransactionState::Failed:
        throw DbException(DbError::clientError(QCoreApplication::translate(
            "PgReadSnapshot",
            "The connection is inside a failed transaction. Roll it back (ROLLBACK in a "
            "console) to read the schema.")));
    default: {
        const RowBatch settings = connection.fetchAll(
            QStringLiteral("SELECT current_setting('search_path'), current_setting('jit')"));
        m_searchPath = settings.text(0, 0);
        m_jit = settings.text(0, 1);
        connection.execute(QStringLiteral("SELECT set_config('search_path', 'pg_catalog', true), "
                                          "set_config('jit', 'off', true)"));
    } break;
    }
}

PgReadSnapshot::~PgReadSnapshot()
{
    try {
        if (m_own)
            m_connection.execute(QStringLiteral("ROLLBACK")); // read only: nothing to keep
        else if (m_connection.transactionState() == Connection::TransactionState::InTransaction)
            m_connection.execute(
                QStringLiteral("SELECT set_config('search_path', %1, true), "
                               "set_config('jit', %2, true)")
                    .arg(SqlIdentifier::literal(m_searchPath), SqlIdentifier::literal(m_jit)));
    } catch (const std::exception &e) {
        // The original error, if any, is what the caller reports.
        qCWarning(lcSchema) << "could not restore the session after a catalog read:" << e.what();
    }
}
