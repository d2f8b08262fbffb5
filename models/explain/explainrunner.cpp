#include "explainrunner.h"
#include "logcategories.h"

#include "db/connection.h"
#include "sql/statementkind.h"

namespace {

QString withoutTerminator(const QString &sql)
{
    QString statement = sql.trimmed();
    while (statement.endsWith(QLatin1Char(';'))) {
        statement.chop(1);
        statement = statement.trimmed();
    }
    return statement;
}

} // namespace

QString ExplainRunner::explainStatement(const QString &sql, bool analyze)
{
    return QStringLiteral("EXPLAIN (%1FORMAT JSON) %2")
        .arg(analyze ? QStringLiteral("ANALYZE, BUFFERS, ") : QString(), withoutTerminator(sql));
}

int ExplainRunner::sqlOffset(const QString &sql, bool analyze)
{
    return int(explainStatement(sql, analyze).size() - withoutTerminator(sql).size());
}

bool ExplainRunner::mayModify(const QString &sql)
{
    // Only a plain query is known to be read-only; anything else is rolled back.
    return !StatementKind::isCursorQuery(withoutTerminator(sql));
}

ExplainRunner::Result ExplainRunner::run(Connection &connection, const QString &sql, bool analyze)
{
    Result result;
    result.statement = explainStatement(sql, analyze);
    const bool wrap = analyze && mayModify(sql);
    const bool nested = connection.transactionState()
                        == Connection::TransactionState::InTransaction;
    const QString open = nested ? QStringLiteral("SAVEPOINT slipway_explain")
                                : QStringLiteral("BEGIN");
    const QString undo
        = nested ? QStringLiteral(
              "ROLLBACK TO SAVEPOINT slipway_explain; RELEASE SAVEPOINT slipway_explain")
                 : QStringLiteral("ROLLBACK");
    if (wrap)
        connection.execute(open);
    try {
        const RowBatch rows = connection.fetchAll(result.statement);
        for (int r = 0; r < rows.rowCount(); ++r)
            result.json += rows.text(r, 0);
    } catch (...) {
        // The statement's own error is what the user sees; undoing must not replace it.
        if (wrap) {
            try {
                connection.execute(undo);
            } catch (const std::exception &e) {
                qCWarning(lcExplain) << "could not roll back after EXPLAIN ANALYZE:" << e.what();
            }
        }
        throw;
    }
    if (wrap) {
        connection.execute(undo);
        result.rolledBack = true;
    }
    return result;
}
