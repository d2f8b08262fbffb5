#include "migrationexecutor.h"

#include "db/connection.h"
#include "sql/parsedscript.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QThread>

#include <optional>

namespace {

// What a CREATE INDEX CONCURRENTLY statement names; empty when it is not one (or does not parse).
struct IndexTarget
{
    QString name;   // the index; empty for an unnamed one
    QString schema; // as written, or empty (then the table's schema on the search path)
    QString table;
    QString method;
    bool unique = false;
    bool partial = false;
    QStringList keys; // column names, an empty string for an expression
};

std::optional<IndexTarget> indexTarget(const MigrationStep &step)
{
    if (step.nonTransactional != QLatin1String("CREATE INDEX CONCURRENTLY"))
        return std::nullopt;
    const ParsedScript parsed = ParsedScript::parse(step.sql);
    if (parsed.statements().isEmpty() || !parsed.statements().first().ok())
        return std::nullopt;
    const PgNode statement = parsed.statements().first().node;
    if (!statement.is("IndexStmt"))
        return std::nullopt;
    IndexTarget target;
    target.name = statement.field("idxname").string();
    target.schema = statement.field("relation").field("schemaname").string();
    target.table = statement.field("relation").field("relname").string();
    target.method = statement.field("accessMethod").string();
    if (target.method.isEmpty())
        target.method = QStringLiteral("btree");
    target.unique = statement.field("unique").boolean();
    target.partial = statement.has("whereClause");
    for (const PgNode &element : statement.field("indexParams").list())
        target.keys << element.field("name").string();
    return target;
}

// The statement as pg_stat_activity shows it: without surrounding blanks or a final semicolon.
QString normalizedQuery(const QString &sql)
{
    static const QRegularExpression trailing(QStringLiteral("[\\s;]+$"));
    return sql.trimmed().remove(trailing);
}

} // namespace

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

bool MigrationExecutor::isDroppedRelation(const QString &name)
{
    return name.startsWith(QLatin1String("relation ")) && name.endsWith(QLatin1String(" (dropped)"));
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
    if (reason == QLatin1String("REINDEX DATABASE") || reason == QLatin1String("REINDEX SCHEMA"))
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
    if (!isPostgres())
        return {};
    const std::optional<IndexTarget> target = indexTarget(step);
    if (!target || target->name.isEmpty())
        return {}; // an unnamed index gets a new name on the retry; nothing to clear by name
    const QString name = target->name;
    const QString schema = target->schema;
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

bool MigrationExecutor::awaitPredecessor(const MigrationStep &step,
                                         const std::atomic<bool> *stop,
                                         QString *blocker)
{
    if (!isPostgres() || !step.isStatement())
        return true;
    const std::optional<IndexTarget> target = indexTarget(step);
    // Matched by text, not by application_name: whoever runs the same build conflicts with it.
    // The index name finds the statement however it was spaced or cased; pg_stat_activity
    // shows another role's query only to members of pg_read_all_stats.
    const QString sql = QStringLiteral(
        "SELECT a.pid, extract(epoch FROM now() - a.query_start)::bigint,\n"
        "       coalesce(p.phase, a.wait_event_type || ': ' || a.wait_event, ''),\n"
        "       coalesce(p.blocks_done, 0), coalesce(p.blocks_total, 0)\n"
        "FROM pg_stat_activity a\n"
        "LEFT JOIN pg_stat_progress_create_index p ON p.pid = a.pid\n"
        "WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()\n"
        "  AND a.state = 'active'\n"
        "  AND (regexp_replace(btrim(a.query, E' \\t\\r\\n'), '[\\s;]+$', '') = $1\n"
        "       OR ($2 <> '' AND a.query ~* 'create\\s+(unique\\s+)?index\\s+concurrently'\n"
        "           AND strpos(lower(a.query), lower($2)) > 0))\n"
        "ORDER BY a.query_start\n"
        "LIMIT 1");
    const QString name = target ? target->name : QString();
    QDeadlineTimer deadline(qint64(qMax(0, m_options.lockWaitSeconds)) * 1000);
    QElapsedTimer sinceReport;
    for (;;) {
        const RowBatch rows = m_connection.fetchAll(sql, {normalizedQuery(step.sql), name});
        if (rows.rowCount() == 0)
            return true;
        const QString pid = rows.text(0, 0);
        QString state = rows.text(0, 2);
        const qint64 total = rows.text(0, 4).toLongLong();
        if (total > 0)
            state += tr(", %1 of %2 blocks").arg(rows.text(0, 3)).arg(total);
        *blocker = tr("backend %1 is still running this statement (for %2 s; %3)")
                       .arg(pid, rows.text(0, 1), state.isEmpty() ? tr("no progress shown") : state);
        if (!sinceReport.isValid() || sinceReport.elapsed() >= 5000) {
            log(tr("Waiting for an earlier run to finish: %1.").arg(*blocker));
            sinceReport.start();
        }
        if (deadline.hasExpired() || (stop && stop->load()))
            return false;
        QThread::msleep(qMin<qint64>(500, qMax<qint64>(1, deadline.remainingTime())));
    }
}

MigrationExecutor::ExistingIndex MigrationExecutor::existingValidIndex(const MigrationStep &step,
                                                                       QString *note)
{
    if (!isPostgres())
        return ExistingIndex::None;
    const std::optional<IndexTarget> target = indexTarget(step);
    if (!target || target->name.isEmpty())
        return ExistingIndex::None;
    // An index lives in its table's schema: without a schema it is looked for on the search path.
    const RowBatch rows = m_connection.fetchAll(
        QStringLiteral(
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),\n"
            "       i.indrelid = to_regclass(CASE WHEN $2::text IS NULL THEN quote_ident($3)\n"
            "                    ELSE quote_ident($2) || '.' || quote_ident($3) END)::oid,\n"
            "       am.amname, i.indisunique, i.indpred IS NOT NULL,\n"
            "       (SELECT string_agg(coalesce(att.attname, ''), chr(31) ORDER BY k)\n"
            "        FROM generate_series(1, i.indnkeyatts) k\n"
            "        LEFT JOIN pg_attribute att ON att.attrelid = i.indrelid\n"
            "             AND i.indkey[k - 1] <> 0 AND att.attnum = i.indkey[k - 1]),\n"
            "       pg_get_indexdef(i.indexrelid)\n"
            "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid\n"
            "JOIN pg_namespace n ON n.oid = c.relnamespace\n"
            "JOIN pg_am am ON am.oid = c.relam\n"
            "WHERE i.indisvalid AND c.relname = $1\n"
            "  AND CASE WHEN $2::text IS NULL THEN n.nspname = ANY (current_schemas(false))\n"
            "           ELSE n.nspname = $2 END\n"
            "ORDER BY array_position(current_schemas(false), n.nspname)\n"
            "LIMIT 1"),
        {target->name,
         target->schema.isEmpty() ? QVariant() : QVariant(target->schema),
         target->table});
    if (rows.rowCount() == 0)
        return ExistingIndex::None;
    auto yes = [](const QString &value) { return value == QLatin1String("t"); };
    const QString index = rows.text(0, 0);
    const QString definition = rows.text(0, 6);
    const bool equal = yes(rows.text(0, 1)) && rows.text(0, 2) == target->method
                       && yes(rows.text(0, 3)) == target->unique
                       && yes(rows.text(0, 4)) == target->partial
                       && rows.text(0, 5).split(QChar(31)) == target->keys;
    if (equal) {
        *note = tr("The index %1 already exists and is VALID, and matches the statement (%2): an "
                   "earlier run built it but stopped before recording it; counted as done.")
                    .arg(index, definition);
        return ExistingIndex::Equal;
    }
    *note = tr("The index %1 already exists and is VALID but differs from what the statement "
               "creates: %2. Drop it, or change the migration, and run migrate again.")
                .arg(index, definition);
    return ExistingIndex::Different;
}
