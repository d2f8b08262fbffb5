#include "schemahistory.h"

#include "db/connection.h"

namespace {

const char PostgresTable[] = "slipway.schema_history";
const char SqliteTable[] = "slipway_schema_history";

// Flyway's checksum is a CRC32, ours a SHA-256: an adopted row keeps Flyway's number behind
// this prefix, so status shows it as a mismatch until `repair` accepts the files as they are.
const char FlywayChecksumPrefix[] = "flyway-crc32:";

} // namespace

SchemaHistory::SchemaHistory(Connection &connection)
    : m_connection(connection)
    , m_postgres(connection.engine() == Connection::Engine::PostgreSQL)
{}

QString SchemaHistory::tableName() const
{
    return QLatin1String(m_postgres ? PostgresTable : SqliteTable);
}

QString SchemaHistory::literal(const QString &value) const
{
    if (value.isNull())
        return QStringLiteral("NULL");
    QString quoted = value;
    quoted.replace(QLatin1Char('\''), QLatin1String("''"));
    if (m_postgres && quoted.contains(QLatin1Char('\\'))) {
        quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        return QLatin1String("E'") + quoted + QLatin1Char('\'');
    }
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

bool SchemaHistory::exists()
{
    const QString sql = m_postgres
                            ? QStringLiteral("SELECT to_regclass('slipway.schema_history') IS NOT NULL")
                            : QStringLiteral("SELECT count(*) > 0 FROM sqlite_master "
                                             "WHERE type = 'table' AND name = 'slipway_schema_history'");
    const RowBatch rows = m_connection.fetchAll(sql);
    const QString value = rows.text(0, 0);
    return value == QLatin1String("t") || value == QLatin1String("1") || value == QLatin1String("true");
}

void SchemaHistory::create()
{
    if (m_postgres) {
        m_connection.execute(QStringLiteral(
            "CREATE SCHEMA IF NOT EXISTS slipway;\n"
            "CREATE TABLE IF NOT EXISTS slipway.schema_history (\n"
            "    installed_rank integer PRIMARY KEY,\n"
            "    version text,\n"
            "    description text NOT NULL,\n"
            "    type text NOT NULL,\n"
            "    script text NOT NULL,\n"
            "    checksum text,\n"
            "    installed_by text NOT NULL DEFAULT current_user,\n"
            "    installed_on timestamptz NOT NULL DEFAULT now(),\n"
            "    execution_ms bigint NOT NULL DEFAULT 0,\n"
            "    success boolean NOT NULL,\n"
            "    statements_done integer,\n"
            "    statements_total integer\n"
            ")"));
        return;
    }
    m_connection.execute(QStringLiteral(
        "CREATE TABLE IF NOT EXISTS slipway_schema_history (\n"
        "    installed_rank integer PRIMARY KEY,\n"
        "    version text,\n"
        "    description text NOT NULL,\n"
        "    type text NOT NULL,\n"
        "    script text NOT NULL,\n"
        "    checksum text,\n"
        "    installed_by text NOT NULL,\n"
        "    installed_on text NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),\n"
        "    execution_ms integer NOT NULL DEFAULT 0,\n"
        "    success integer NOT NULL,\n"
        "    statements_done integer,\n"
        "    statements_total integer\n"
        ")"));
}

QList<HistoryRow> SchemaHistory::read()
{
    QList<HistoryRow> rows;
    if (!exists())
        return rows;
    const RowBatch batch = m_connection.fetchAll(
        QStringLiteral("SELECT installed_rank, version, description, type, script, checksum, "
                       "installed_by, installed_on, execution_ms, success, statements_done, "
                       "statements_total FROM %1 ORDER BY installed_rank")
            .arg(tableName()));
    for (int r = 0; r < batch.rowCount(); ++r) {
        HistoryRow row;
        row.rank = batch.text(r, 0).toInt();
        row.version = batch.text(r, 1);
        row.description = batch.text(r, 2);
        row.type = batch.text(r, 3);
        row.script = batch.text(r, 4);
        row.checksum = batch.text(r, 5);
        row.installedBy = batch.text(r, 6);
        row.installedOn = batch.text(r, 7);
        row.executionMs = batch.text(r, 8).toLongLong();
        const QString success = batch.text(r, 9);
        row.success = success == QLatin1String("t") || success == QLatin1String("1");
        row.statementsDone = batch.isNull(r, 10) ? -1 : batch.text(r, 10).toInt();
        row.statementsTotal = batch.isNull(r, 11) ? -1 : batch.text(r, 11).toInt();
        rows << row;
    }
    return rows;
}

int SchemaHistory::insert(const HistoryRow &row)
{
    auto number = [](int value) {
        return value < 0 ? QStringLiteral("NULL") : QString::number(value);
    };
    const QString installedBy = m_postgres ? QStringLiteral("current_user")
                                           : literal(qEnvironmentVariable("USER", QStringLiteral("slipway")));
    const QString sql = QStringLiteral(
        "INSERT INTO %1 (installed_rank, version, description, type, script, checksum, "
        "installed_by, execution_ms, success, statements_done, statements_total) "
        "SELECT coalesce(max(installed_rank), 0) + 1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 FROM %1 "
        "RETURNING installed_rank")
        .arg(tableName(), row.version.isEmpty() ? QStringLiteral("NULL") : literal(row.version),
             literal(row.description), literal(row.type), literal(row.script),
             row.checksum.isEmpty() ? QStringLiteral("NULL") : literal(row.checksum), installedBy,
             QString::number(row.executionMs))
        .arg(m_postgres ? (row.success ? QStringLiteral("true") : QStringLiteral("false"))
                        : (row.success ? QStringLiteral("1") : QStringLiteral("0")),
             number(row.statementsDone), number(row.statementsTotal));
    return m_connection.fetchAll(sql).text(0, 0).toInt();
}

void SchemaHistory::updateProgress(int rank, int statementsDone, bool success, qint64 executionMs)
{
    m_connection.execute(QStringLiteral("UPDATE %1 SET statements_done = %2, success = %3, "
                                        "execution_ms = %4 WHERE installed_rank = %5")
                             .arg(tableName())
                             .arg(statementsDone)
                             .arg(m_postgres ? (success ? QStringLiteral("true") : QStringLiteral("false"))
                                             : (success ? QStringLiteral("1") : QStringLiteral("0")))
                             .arg(executionMs)
                             .arg(rank));
}

void SchemaHistory::updateChecksum(int rank, const QString &checksum)
{
    m_connection.execute(QStringLiteral("UPDATE %1 SET checksum = %2 WHERE installed_rank = %3")
                             .arg(tableName(), literal(checksum))
                             .arg(rank));
}

void SchemaHistory::remove(int rank)
{
    m_connection.execute(
        QStringLiteral("DELETE FROM %1 WHERE installed_rank = %2").arg(tableName()).arg(rank));
}

int SchemaHistory::adoptFlyway()
{
    if (!m_postgres)
        return 0;
    const RowBatch found = m_connection.fetchAll(
        QStringLiteral("SELECT to_regclass('flyway_schema_history') IS NOT NULL"));
    if (found.text(0, 0) != QLatin1String("t"))
        return 0;
    create();
    const RowBatch copied = m_connection.fetchAll(QStringLiteral(
        "WITH copied AS (\n"
        "  INSERT INTO slipway.schema_history (installed_rank, version, description, type, script,\n"
        "      checksum, installed_by, installed_on, execution_ms, success)\n"
        "  SELECT f.installed_rank, f.version, f.description,\n"
        "         CASE WHEN f.type IN ('BASELINE', 'SQL_BASELINE') THEN 'BASELINE' ELSE 'SQL' END,\n"
        "         f.script, CASE WHEN f.checksum IS NULL THEN NULL ELSE '%1' || f.checksum END,\n"
        "         f.installed_by, f.installed_on, f.execution_time, f.success\n"
        "  FROM flyway_schema_history f\n"
        "  WHERE f.type NOT IN ('SCHEMA', 'DELETE', 'UNDO_SQL')\n"
        "    AND NOT EXISTS (SELECT 1 FROM slipway.schema_history s\n"
        "                    WHERE s.installed_rank = f.installed_rank)\n"
        "  RETURNING 1)\n"
        "SELECT count(*) FROM copied")
                                                          .arg(QLatin1String(FlywayChecksumPrefix)));
    return copied.text(0, 0).toInt();
}
