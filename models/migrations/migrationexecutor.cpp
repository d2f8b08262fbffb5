#include "migrationexecutor.h"

#include "db/connection.h"
#include "sql/parsedscript.h"

MigrationExecutor::MigrationExecutor(Connection &connection,
                                     const MigrationRunOptions &options,
                                     EventSink events)
    : m_connection(connection)
    , m_options(options)
    , m_events(std::move(events))
{}

bool MigrationExecutor::isPostgres() const
{
    return m_connection.engine() == Connection::Engine::PostgreSQL;
}

void MigrationExecutor::log(const QString &message, const QString &version)
{
    if (!m_events)
        return;
    MigrationEvent event;
    event.kind = MigrationEvent::Kind::Log;
    event.version = version;
    event.message = message;
    m_events(event);
}

void MigrationExecutor::applySettings(bool local)
{
    if (!isPostgres())
        return;
    const QString set = local ? QStringLiteral("SET LOCAL ") : QStringLiteral("SET ");
    QString sql = set + QStringLiteral("lock_timeout = %1").arg(qMax(0, m_options.lockTimeoutMs));
    if (m_options.statementTimeoutMs > 0)
        sql += QLatin1String("; ") + set
               + QStringLiteral("statement_timeout = %1").arg(m_options.statementTimeoutMs);
    m_connection.execute(sql);
}

void MigrationExecutor::resetSettings()
{
    if (isPostgres())
        m_connection.execute(QStringLiteral("RESET lock_timeout; RESET statement_timeout"));
}

void MigrationExecutor::watchClient()
{
    if (isPostgres() && m_connection.serverInfo().versionNumber >= 140000)
        m_connection.execute(QStringLiteral("SET client_connection_check_interval = 1000"));
}

QueryOutcome MigrationExecutor::run(const MigrationStep &step)
{
    switch (step.kind) {
    case MigrationStep::Kind::Echo:
        log(step.sql);
        return {};
    case MigrationStep::Kind::CopyIn:
        return m_connection.copyIn(step.sql, step.copyData);
    case MigrationStep::Kind::Sql:
        break;
    }
    return m_connection.execute(step.sql);
}

QList<QPair<QString, QString>> MigrationExecutor::heldLocks()
{
    QList<QPair<QString, QString>> locks;
    if (!isPostgres())
        return locks;
    // A relation dropped by the statement has no pg_class row any more; it is still shown.
    const RowBatch rows = m_connection.fetchAll(QStringLiteral(
        "SELECT coalesce(quote_ident(n.nspname) || '.' || quote_ident(c.relname),\n"
        "                'relation ' || l.relation || ' (dropped)'), l.mode\n"
        "FROM pg_locks l\n"
        "LEFT JOIN pg_class c ON c.oid = l.relation\n"
        "LEFT JOIN pg_namespace n ON n.oid = c.relnamespace\n"
        "WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted\n"
        "  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())\n"
        "  AND coalesce(n.nspname, '') NOT IN ('pg_catalog', 'information_schema')\n"
        "  AND coalesce(n.nspname, '') NOT LIKE 'pg_toast%'\n"
        "ORDER BY 1, 2"));
    for (int r = 0; r < rows.rowCount(); ++r)
        locks.append({rows.text(r, 0), rows.text(r, 1)});
    return locks;
}

QStringList MigrationExecutor::relationNames(const QString &sql)
{
    QStringList names;
    const ParsedScript parsed = ParsedScript::parse(sql);
    for (const ParsedStatement &statement : parsed.statements()) {
        // A RangeVar is wrapped ({"RangeVar": …}) inside lists but written bare where the field's
        // type is RangeVar (UpdateStmt.relation): its relname field marks it either way.
        statement.node.walk([&names](const PgNode &node) {
            const QString name = node.field("relname").string();
            if (!name.isEmpty() && !names.contains(name))
                names << name;
            return true;
        });
    }
    return names;
}

int MigrationExecutor::lockStrength(const QString &mode)
{
    static const QStringList order{QStringLiteral("AccessShareLock"), QStringLiteral("RowShareLock"),
                                   QStringLiteral("RowExclusiveLock"), QStringLiteral("ShareUpdateExclusiveLock"),
                                   QStringLiteral("ShareLock"), QStringLiteral("ShareRowExclusiveLock"),
                                   QStringLiteral("ExclusiveLock"), QStringLiteral("AccessExclusiveLock")};
    return int(order.indexOf(mode));
}

QString MigrationExecutor::documentedLock(const QString &reason)
{
    if (reason == QLatin1String("CREATE INDEX CONCURRENTLY"))
        return tr("SHARE UPDATE EXCLUSIVE on the table: reads and writes go on; waits for older transactions");
    if (reason == QLatin1String("DROP INDEX CONCURRENTLY"))
        return tr("SHARE UPDATE EXCLUSIVE on the table and the index: reads and writes go on");
    if (reason == QLatin1String("REINDEX CONCURRENTLY"))
        return tr("SHARE UPDATE EXCLUSIVE on the table and its indexes: reads and writes go on");
    if (reason == QLatin1String("REINDEX DATABASE"))
        return tr("SHARE on each table and ACCESS EXCLUSIVE on each index while it is rebuilt");
    if (reason == QLatin1String("DETACH PARTITION CONCURRENTLY"))
        return tr("SHARE UPDATE EXCLUSIVE on the parent and the partition");
    if (reason == QLatin1String("VACUUM"))
        return tr("SHARE UPDATE EXCLUSIVE per table (VACUUM FULL: ACCESS EXCLUSIVE, rewrites the table)");
    if (reason == QLatin1String("CLUSTER"))
        return tr("ACCESS EXCLUSIVE on each clustered table while it is rewritten");
    if (reason == QLatin1String("DO with COMMIT"))
        return tr("the locks of the statements inside, released at each COMMIT");
    return tr("no table locks; %1 needs no other session in the database it changes").arg(reason);
}

QString MigrationExecutor::dropInvalidIndex(const MigrationStep &step)
{
    if (!isPostgres() || step.nonTransactional != QLatin1String("CREATE INDEX CONCURRENTLY"))
        return {};
    const ParsedScript parsed = ParsedScript::parse(step.sql);
    if (parsed.statements().isEmpty() || !parsed.statements().first().ok())
        return {};
    const PgNode statement = parsed.statements().first().node;
    const QString name = statement.field("idxname").string();
    if (name.isEmpty())
        return {}; // an unnamed index gets a new name on the retry; nothing to clear by name
    const QString schema = statement.field("relation").field("schemaname").string();
    // Without a schema the index is looked for where the statement would create it.
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral(
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)\n"
            "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid\n"
            "JOIN pg_namespace n ON n.oid = c.relnamespace\n"
            "WHERE NOT i.indisvalid AND c.relname = $1\n"
            "  AND CASE WHEN $2::text IS NULL THEN n.nspname = ANY (current_schemas(false))\n"
            "           ELSE n.nspname = $2 END\n"
            "LIMIT 1"),
        {name, schema.isEmpty() ? QVariant() : QVariant(schema)});
    if (rows.rowCount() == 0)
        return {};
    const QString index = rows.text(0, 0);
    m_connection.execute(QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS %1").arg(index));
    return tr("Dropped the INVALID index %1 left by an earlier failed CREATE INDEX CONCURRENTLY, "
              "before building it again.").arg(index);
}
